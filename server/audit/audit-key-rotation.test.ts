import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import {
  AuditLogVerifier,
  type AuditCheckpoint,
  type AuditExportEnd,
  type AuditNdjsonHeader,
} from '../../shared/crypto/audit-verify';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { AuditEvent } from '../../shared/domain/audit';
import { auditPaths, type AuditKeyRotation, type ServerLedgersCheck } from '../../shared/domain/audit-api';
import type { Role } from '../../shared/index';
import { auditChainOf } from '../../tests/support/audit-log';
import { pushAs } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';
import { makeCheckpoint } from './checkpoints';
import { AUDIT_KEY_FILE, AUDIT_NEXT_KEY_FILE, AUDIT_RETIRED_FILE, fileSigner } from './signer';

const sodium = await loadSodium();
const signerOf = (staff: TestStaff) =>
  ({
    staffId: staff.deviceId,
    signSecretKey: staff.keys.signSecretKey,
    signPublicKey: decodeBase64Url(staff.keys.registration.signPublicKey)!,
  }) as StaffIdentity;

/**
 * The checkpoint key rotated (docs/audit.md, "Rotating the checkpoint key"): the old key signs a handover naming the
 * new one, which signs every checkpoint after; the old key is served as retired and still verifies the older
 * checkpoints, in the server's own check and in an export verified offline against the new key.
 */
for (const engine of testEngines) {
  describe(`the checkpoint key rotated, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let dir: string;
    const call = async <T>(method: 'GET' | 'POST', url: string, as: TestStaff) => {
      const res = await server.app.inject({ method, url, headers: as.headers });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json<T>();
    };
    const push = async (as: TestStaff, entries: AuditEvent[]) =>
      expect(
        (
          await pushAs(
            server,
            as,
            'auditEvents',
            entries.map((e) => ({ ...e, _deleted: false })),
          )
        ).statusCode,
      ).toBe(200);

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'lumina-rotation-'));
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { auditSigner: fileSigner(sodium, dir) }));
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('hands over to a new key; older checkpoints verify with the retired one, the log with the new one', async () => {
      const me = staff.concierge;
      const chain = auditChainOf(sodium, signerOf(me), 6, { staffId: me.staffId, kind: 'unlocked' });
      await push(me, chain.entries.slice(0, 3));
      const before = await call<AuditCheckpoint>('POST', auditPaths.checkpoints, staff.admin);
      const old = (await call<{ publicKey: string }>('GET', auditPaths.serverKey, staff.manager)).publicKey;
      const oldSeed = await readFile(path.join(dir, AUDIT_KEY_FILE), 'utf8');

      // Only the admin rotates.
      const refused = await server.app.inject({
        method: 'POST',
        url: auditPaths.serverKeyRotation,
        headers: staff.manager.headers,
      });
      expect(refused.statusCode).toBe(403);
      const rotation = await call<AuditKeyRotation>('POST', auditPaths.serverKeyRotation, staff.admin);
      expect(rotation.publicKey).not.toBe(old);
      expect(rotation.retired).toContain(old);
      expect(rotation.handover).toMatchObject({ id: before.id + 1, nextKey: rotation.publicKey });
      expect(rotation.handover.prev).toMatchObject({ id: before.id });
      expect(await call('GET', auditPaths.serverKey, staff.manager)).toEqual({
        publicKey: rotation.publicKey,
        retired: rotation.retired,
      });
      // The key directory: the new seed in the key file (0600), the old key's public half retired, nothing pending.
      expect(await readFile(path.join(dir, AUDIT_KEY_FILE), 'utf8')).not.toBe(oldSeed);
      expect((await stat(path.join(dir, AUDIT_KEY_FILE))).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(path.join(dir, AUDIT_RETIRED_FILE), 'utf8'))).toEqual([old]);
      await expect(stat(path.join(dir, AUDIT_NEXT_KEY_FILE))).rejects.toThrow();
      // A restarted signer reads the new key and the retired one.
      const again = fileSigner(sodium, dir);
      expect(again.publicKey).toBe(rotation.publicKey);
      expect(again.retired()).toEqual([old]);

      await push(me, chain.entries.slice(3));
      const after = await call<AuditCheckpoint>('POST', auditPaths.checkpoints, staff.admin);
      expect(after.id).toBe(rotation.handover.id + 1);
      const ledgers = await call<ServerLedgersCheck>('GET', auditPaths.ledgers, staff.manager);
      expect(ledgers).toMatchObject({ ok: true });
      expect(ledgers.checkpointsVerified).toBeGreaterThanOrEqual(3);

      // The whole log, verified offline against the new key (the one the DPO notes now).
      const lines = (
        await server.app.inject({ method: 'GET', url: auditPaths.export, headers: staff.admin.headers })
      ).body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const header = lines[0] as unknown as AuditNdjsonHeader;
      expect(header.serverPublicKey).toBe(rotation.publicKey);
      expect(header.retiredServerKeys).toContain(old);
      const { end } = lines[lines.length - 1] as { end: AuditExportEnd };
      const verify = (context: AuditNdjsonHeader) => {
        const verifier = new AuditLogVerifier(sodium, context, { signatures: 'all', requireEnd: true });
        for (const entry of lines.slice(1, -1) as unknown as AuditEvent[]) verifier.add(entry);
        return verifier.finish(end);
      };
      expect(verify(header)).toMatchObject({ ok: true, chained: 6 });
      // Without the retired key, the checkpoints before the handover do not verify; pinned to the old key, the
      // log's newer checkpoints do not either.
      expect(verify({ ...header, retiredServerKeys: [] }).broken).toMatchObject({ problem: 'checkpoint' });
      expect(verify({ ...header, serverPublicKey: old, retiredServerKeys: [] }).broken).toMatchObject({
        problem: 'checkpoint',
      });
    });

    it('two rotations asked at once both answer: one hands over to N, the next from N to M; another instance on the same key directory follows', async () => {
      // Another server instance sharing the key directory, started before the rotations: it holds the old key.
      const otherInstance = fileSigner(sodium, dir);
      const before = (await call<{ publicKey: string }>('GET', auditPaths.serverKey, staff.manager))
        .publicKey;
      const answers = await Promise.all(
        [0, 1].map(() =>
          server.app.inject({
            method: 'POST',
            url: auditPaths.serverKeyRotation,
            headers: staff.admin.headers,
          }),
        ),
      );
      for (const answer of answers) expect(answer.statusCode, answer.body).toBe(200);
      const [first, second] = answers
        .map((answer) => answer.json<AuditKeyRotation>())
        .sort((a, b) => a.handover.id - b.handover.id);
      expect(first!.handover.nextKey).not.toBe(before);
      expect(second!.handover.id).toBe(first!.handover.id + 1);
      // Never a handover naming the key that signs it.
      expect(second!.handover.nextKey).not.toBe(first!.handover.nextKey);
      expect(second!.publicKey).toBe(second!.handover.nextKey);
      expect(second!.retired).toEqual(expect.arrayContaining([before, first!.handover.nextKey]));
      await expect(stat(path.join(dir, AUDIT_NEXT_KEY_FILE))).rejects.toThrow();

      // The other instance takes the key now in the directory at its next checkpoint, and signs with it.
      const me = staff.coordinator;
      await push(
        me,
        auditChainOf(sodium, signerOf(me), 1, { staffId: me.staffId, kind: 'unlocked' }).entries,
      );
      const next = await makeCheckpoint(handle.db, sodium, otherInstance, Date.now());
      expect(otherInstance.publicKey).toBe(second!.publicKey);
      expect(next).toMatchObject({ id: second!.handover.id + 1 });
      expect(await call<ServerLedgersCheck>('GET', auditPaths.ledgers, staff.manager)).toMatchObject({
        ok: true,
      });
    });
  });
}
