import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../shared/crypto/index';
import { auditEntryHash } from '../shared/crypto/audit-chain';
import {
  AUDIT_EXPORT_FORMAT,
  AUDIT_NDJSON_FORMAT,
  checkpointLink,
  legacySealOf,
  signCheckpoint,
  type AuditCheckpoint,
  type AuditExportEnd,
} from '../shared/crypto/audit-verify';
import { toBase64Url } from '../shared/crypto/encoding';
import { generateIdentity } from '../shared/crypto/identity';
import type { AuditEvent } from '../shared/domain/audit';
import { auditChainOf } from '../tests/support/audit-log';

const run = promisify(execFile);
const sodium = await loadSodium();
const server = sodium.crypto_sign_keypair();
const serverKey = toBase64Url(server.publicKey);
const device = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d1');
const { entries } = auditChainOf(sodium, device, 4, { staffId: '00000000-0000-4000-8000-0000000000aa' });
const checkpointAt = (seq: number, id: number, prev?: AuditCheckpoint | null) =>
  signCheckpoint(
    sodium,
    {
      id,
      at: 1,
      heads: [{ deviceId: device.staffId, seq, hash: auditEntryHash(sodium, entries[seq - 1]!) }],
      legacy: legacySealOf(sodium, []),
      ...(prev !== undefined ? { prev: prev && checkpointLink(sodium, prev) } : {}),
    },
    server.privateKey,
  );
const header = {
  format: AUDIT_NDJSON_FORMAT,
  exportedAt: 1,
  devices: [{ deviceId: device.staffId, signPublicKey: toBase64Url(device.signPublicKey) }],
  checkpoints: [checkpointAt(2, 1)],
  serverPublicKey: serverKey,
};
const end: AuditExportEnd = { entries: 4, checkpoint: checkpointAt(4, 2) };
const ndjson = (lines: AuditEvent[], withEnd = true) =>
  [header, ...lines, ...(withEnd ? [{ end }] : [])].map((value) => JSON.stringify(value)).join('\n') + '\n';

async function verify(content: string, ...args: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'audit-verify-'));
  const file = join(dir, 'log.ndjson');
  await writeFile(file, content);
  return run('npx', ['tsx', 'scripts/audit-verify.ts', file, ...args]).then(
    (out) => ({ code: 0, stdout: out.stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

describe('npm run audit:verify', () => {
  it('says OK for an intact NDJSON export against the pinned key, and names the first broken link', async () => {
    const ok = await verify(ndjson(entries), '--server-key', serverKey);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain('OK: every link holds');
    const broken = await verify(
      ndjson([entries[0]!, entries[2]!, entries[3]!]),
      '--server-key',
      serverKey,
      '--all-signatures',
    );
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN: gap at entry #1');
  }, 60_000);

  it('finds an export cut after its last checkpoint, or without its end', async () => {
    const cut = await verify(ndjson(entries.slice(0, 3)), '--server-key', serverKey);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain('BROKEN: truncated');
    const noEnd = await verify(ndjson(entries, false), '--server-key', serverKey);
    expect(noEnd.code).toBe(1);
    expect(noEnd.stdout).toContain('BROKEN: truncated');
  }, 60_000);

  it('says loudly that a log checked without a pinned key is not trusted, and exits non-zero', async () => {
    const unpinned = await verify(ndjson(entries));
    expect(unpinned.code).toBe(3);
    expect(unpinned.stdout).toContain('NOT TRUSTED: UNPINNED');
    // Another key pinned: the export's checkpoints, signed by its own key, fail.
    const other = toBase64Url(sodium.crypto_sign_keypair().publicKey);
    const mismatch = await verify(ndjson(entries), '--server-key', other);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toContain('BROKEN: checkpoint');
  }, 60_000);

  it('reads a whole JSON export (the console’s) too', async () => {
    const log = { ...header, format: AUDIT_EXPORT_FORMAT, entries, end };
    const ok = await verify(JSON.stringify(log, null, 2), '--server-key', serverKey);
    expect(ok).toMatchObject({ code: 0 });
  }, 60_000);

  it('finds a numbered checkpoint missing before the end, and a log ending before the witness given', async () => {
    const first = checkpointAt(2, 1, null);
    const second = checkpointAt(3, 2, first);
    const linked = (checkpoints: AuditCheckpoint[], last: AuditCheckpoint) =>
      [{ ...header, checkpoints }, ...entries, { end: { entries: 4, checkpoint: last } }]
        .map((value) => JSON.stringify(value))
        .join('\n') + '\n';
    const whole = linked([first, second], checkpointAt(4, 3, second));
    expect(await verify(whole, '--server-key', serverKey)).toMatchObject({ code: 0 });
    const gap = await verify(linked([first], checkpointAt(4, 3, second)), '--server-key', serverKey);
    expect(gap.code).toBe(1);
    expect(gap.stdout).toContain('BROKEN: checkpoint-gap');
    const later = checkpointLink(sodium, checkpointAt(4, 4, checkpointAt(4, 3, second)));
    const witness = await verify(
      whole,
      '--server-key',
      serverKey,
      '--witness',
      `${later.id}:${later.digest}`,
    );
    expect(witness.code).toBe(1);
    expect(witness.stdout).toContain('BROKEN: witness');
    expect(await verify(whole, '--witness', 'nonsense')).toMatchObject({ code: 2 });
  }, 60_000);

  it('checks the device keys the checkpoints signed against the export’s, and still reads checkpoints without', async () => {
    const deviceKey = toBase64Url(device.signPublicKey);
    const keyed = (seq: number, id: number, key: string) => {
      const { signature, ...body } = checkpointAt(seq, id);
      void signature;
      return signCheckpoint(
        sodium,
        { ...body, heads: body.heads.map((head) => ({ ...head, key })) },
        server.privateKey,
      );
    };
    const withKeys = (
      devices: typeof header.devices,
      checkpoints: AuditCheckpoint[],
      last: AuditCheckpoint,
      lines = entries,
    ) =>
      [{ ...header, devices, checkpoints }, ...lines, { end: { entries: 4, checkpoint: last } }]
        .map((value) => JSON.stringify(value))
        .join('\n') + '\n';
    // An old checkpoint (no key) and a keyed one, the end keyed too: the export's key is the one signed.
    const mixed = withKeys(
      header.devices,
      [checkpointAt(2, 1), keyed(3, 2, deviceKey)],
      keyed(4, 3, deviceKey),
    );
    expect(await verify(mixed, '--server-key', serverKey)).toMatchObject({ code: 0 });
    // The devices table's key replaced and the device's chain signed again with it: every signature holds, and
    // the checkpoints name the key they signed.
    const other = generateIdentity(sodium, device.staffId);
    const resigned = auditChainOf(sodium, other, 4, {
      staffId: '00000000-0000-4000-8000-0000000000aa',
    }).entries;
    const swapped = withKeys(
      [{ deviceId: device.staffId, signPublicKey: toBase64Url(other.signPublicKey) }],
      [keyed(2, 1, deviceKey)],
      keyed(4, 2, deviceKey),
      resigned,
    );
    const result = await verify(swapped, '--server-key', serverKey);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BROKEN: device-key');
  }, 60_000);
});
