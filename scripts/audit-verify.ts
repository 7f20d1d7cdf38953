/**
 * `npm run audit:verify <export.ndjson|export.json> --server-key <base64url> [--witness <n>:<digest>]
 * [--all-signatures]`: checks an exported
 * access log offline (docs/crypto-spec.md, "Access log") and prints the first broken link. Exit 0 when the log
 * holds, 1 when a link is broken or the log is cut short, 2 on a usage or file error, 3 when the log holds but no
 * server key was pinned (the export's own key was trusted: anyone who can rewrite the export can re-sign it).
 *
 * An NDJSON export (GET /audit/export) is read line by line, so a million entries never make one string; a JSON
 * export (the console's) is read whole. Either must end with its signed end: a log cut anywhere fails. By default
 * every link is checked and each device's last signature (the links make that one signature cover the chain);
 * --all-signatures checks every entry's signature too. --witness names a checkpoint kept outside the server (the
 * console shows its last verified one as `n:digest`): the log must still hold it, or it was cut (docs/audit.md).
 */
import { loadSodium } from '../shared/crypto/index';
import type { AuditVerification } from '../shared/crypto/audit-verify';
import { verifyAuditFile } from './audit-verify-file';

const args = process.argv.slice(2);
const valued = ['--server-key', '--witness'];
const file = args.find((arg, i) => !arg.startsWith('--') && !valued.includes(args[i - 1] ?? ''));
const keyAt = args.indexOf('--server-key');
const pinnedKey = keyAt >= 0 ? args[keyAt + 1] : undefined;
const witnessAt = args.indexOf('--witness');
const witnessText = witnessAt >= 0 ? (args[witnessAt + 1] ?? '') : undefined;
const witnessMatch = witnessText === undefined ? undefined : /^(\d+):([A-Za-z0-9_-]{43})$/.exec(witnessText);
const usage =
  'usage: npm run audit:verify <export.ndjson|export.json> --server-key <base64url> [--witness <n>:<digest>] ' +
  '[--all-signatures]';
if (!file || (keyAt >= 0 && !pinnedKey) || (witnessText !== undefined && !witnessMatch)) {
  console.error(usage);
  process.exit(2);
}

const started = performance.now();
let result: AuditVerification;
let exportKey: string | undefined;
try {
  ({ result, exportKey } = await verifyAuditFile(await loadSodium(), file, {
    pinnedKey,
    allSignatures: args.includes('--all-signatures'),
    ...(witnessMatch ? { witness: { id: Number(witnessMatch[1]), digest: witnessMatch[2]! } } : {}),
  }));
} catch (error) {
  console.error(`cannot read ${file} as an access-log export: ${(error as Error).message}`);
  process.exit(2);
}
if (pinnedKey && exportKey !== undefined && exportKey !== pinnedKey) {
  console.log(
    'the export carries another server key than the one pinned: its checkpoints are checked against the pinned key',
  );
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${result.entries} entries: ${result.chained} chained over ${result.devices} devices, ${result.legacy} legacy (sealed); ` +
    `${result.signaturesChecked} signatures and ${result.checkpointsChecked} checkpoints checked in ${seconds} s`,
);
if (!result.ok) {
  const b = result.broken!;
  console.log(
    `BROKEN: ${b.problem} at ${b.index >= 0 ? `entry #${b.index} (id ${b.entryId}, device ${b.deviceId}, seq ${b.seq})` : `device ${b.deviceId || '-'}${b.seq !== undefined ? ` seq ${b.seq}` : ''}`}` +
      (b.checkpointId !== undefined ? `, checkpoint ${b.checkpointId}` : ''),
  );
  process.exit(1);
}
if (!pinnedKey) {
  console.log(
    'NOT TRUSTED: UNPINNED. The links hold, but the checkpoints were checked against the key the export itself ' +
      'carries: whoever can rewrite the export can re-sign it. Run again with --server-key <the key the DPO noted>.',
  );
  process.exit(3);
}
console.log('OK: every link holds, the log is complete, signed by the pinned server key');
process.exit(0);
