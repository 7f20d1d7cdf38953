import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../shared/crypto/index';
import { AUDIT_EXPORT_FORMAT } from '../shared/crypto/audit-verify';
import { toBase64Url } from '../shared/crypto/encoding';
import { generateIdentity } from '../shared/crypto/identity';
import { auditChainOf } from '../tests/support/audit-log';

const run = promisify(execFile);
const sodium = await loadSodium();

describe('npm run audit:verify', () => {
  it('says OK for an intact export and names the first broken link of a tampered one', async () => {
    const device = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d1');
    const { entries } = auditChainOf(sodium, device, 4, { staffId: '00000000-0000-4000-8000-0000000000aa' });
    const log = {
      format: AUDIT_EXPORT_FORMAT,
      exportedAt: 1,
      entries,
      devices: [{ deviceId: device.staffId, signPublicKey: toBase64Url(device.signPublicKey) }],
      checkpoints: [],
    };
    const dir = await mkdtemp(join(tmpdir(), 'audit-verify-'));
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    await writeFile(good, JSON.stringify(log));
    await writeFile(bad, JSON.stringify({ ...log, entries: [entries[0], entries[2], entries[3]] }));
    const ok = await run('npx', ['tsx', 'scripts/audit-verify.ts', good]);
    expect(ok.stdout).toContain('OK: every link holds');
    const broken = await run('npx', ['tsx', 'scripts/audit-verify.ts', bad, '--all-signatures']).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(broken?.code).toBe(1);
    expect(broken?.stdout).toContain('BROKEN: gap at entry #1');
  }, 60_000);
});
