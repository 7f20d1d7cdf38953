/**
 * `npm run audit:verify <export.json> [--all-signatures] [--server-key <base64url>]`: checks an exported access
 * log offline (docs/crypto-spec.md, "Access log") and prints the first broken link. Exit 0 when the log holds, 1
 * when a link is broken, 2 on a usage or file error.
 *
 * By default every link is checked and each device's last signature (the links make that one signature cover
 * the chain); --all-signatures checks every entry's signature too. --server-key pins the checkpoint key the DPO
 * noted down, instead of the one the export carries.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadSodium } from '../shared/crypto/index';
import { AUDIT_EXPORT_FORMAT, verifyAuditExport, type AuditExport } from '../shared/crypto/audit-verify';

const args = process.argv.slice(2);
const file = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--server-key');
const keyAt = args.indexOf('--server-key');
const pinnedKey = keyAt >= 0 ? args[keyAt + 1] : undefined;
if (!file) {
  console.error('usage: npm run audit:verify <export.json> [--all-signatures] [--server-key <base64url>]');
  process.exit(2);
}
let log: AuditExport;
try {
  log = JSON.parse(await readFile(file, 'utf8')) as AuditExport;
} catch (error) {
  console.error(`cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}
if (log.format !== AUDIT_EXPORT_FORMAT || !Array.isArray(log.entries)) {
  console.error(`${file} is not an access-log export (${AUDIT_EXPORT_FORMAT})`);
  process.exit(2);
}
if (pinnedKey && log.serverPublicKey !== undefined && log.serverPublicKey !== pinnedKey) {
  console.log(
    'the export carries another server key than the one pinned: its checkpoints are checked against the pinned key',
  );
}
// Node's native Ed25519 (OpenSSL) instead of libsodium's WebAssembly: the verifier takes it as an option.
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const publicKeys = new WeakMap<Uint8Array, KeyObject>();
function nativeVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  let key = publicKeys.get(publicKey);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI, publicKey]), format: 'der', type: 'spki' });
    publicKeys.set(publicKey, key);
  }
  return verify(null, message, key, signature);
}

const started = performance.now();
const result = verifyAuditExport(
  await loadSodium(),
  {
    ...log,
    checkpoints: log.checkpoints ?? [],
    devices: log.devices ?? [],
    serverPublicKey: pinnedKey ?? log.serverPublicKey,
  },
  { signatures: args.includes('--all-signatures') ? 'all' : 'heads', verifySignature: nativeVerify },
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${result.entries} entries: ${result.chained} chained over ${result.devices} devices, ${result.legacy} legacy (unchained); ` +
    `${result.signaturesChecked} signatures and ${result.checkpointsChecked} checkpoints checked in ${seconds} s`,
);
if (result.ok) {
  console.log('OK: every link holds');
  process.exit(0);
}
const b = result.broken!;
console.log(
  `BROKEN: ${b.problem} at ${b.index >= 0 ? `entry #${b.index} (id ${b.entryId}, device ${b.deviceId}, seq ${b.seq})` : `device ${b.deviceId}${b.seq !== undefined ? ` seq ${b.seq}` : ''}`}` +
    (b.checkpointId !== undefined ? `, checkpoint ${b.checkpointId}` : ''),
);
process.exit(1);
