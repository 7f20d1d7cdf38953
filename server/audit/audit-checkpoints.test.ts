import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import {
  AuditLogVerifier,
  checkpointLink,
  type AuditCheckpoint,
  type AuditExportEnd,
  type AuditNdjsonHeader,
  type VerifyOptions,
} from '../../shared/crypto/audit-verify';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { AuditEvent } from '../../shared/domain/audit';
import { auditPaths, type ServerLedgersCheck } from '../../shared/domain/audit-api';
import type { Role } from '../../shared/index';
import { auditChainOf } from '../../tests/support/audit-log';
import { pushAs } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { buildServer, type LuminaServer } from '../app';
import { fileSigner, memorySigner, AUDIT_HEAD_FILE, AUDIT_KEY_FILE } from './signer';

const sodium = await loadSodium();

const signerOf = (staff: TestStaff) =>
  ({
    staffId: staff.deviceId,
    signSecretKey: staff.keys.signSecretKey,
    signPublicKey: decodeBase64Url(staff.keys.registration.signPublicKey)!,
  }) as StaffIdentity;

/** GET /audit/export, checked by the offline verifier. */
async function verifyExport(server: LuminaServer, as: TestStaff, options: VerifyOptions = {}) {
  const res = await server.app.inject({ method: 'GET', url: auditPaths.export, headers: as.headers });
  expect(res.statusCode).toBe(200);
  const lines = res.body
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
  const header = lines[0] as AuditNdjsonHeader;
  const { end } = lines[lines.length - 1] as { end: AuditExportEnd };
  const verifier = new AuditLogVerifier(sodium, header, { requireEnd: true, ...options });
  for (const entry of lines.slice(1, -1) as AuditEvent[]) verifier.add(entry);
  return { result: verifier.finish(end), end, header };
}

for (const engine of testEngines) {
  describe(`checkpoints as a numbered, signed sequence on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    const seed = sodium.randombytes_buf(32);
    const signer = memorySigner(sodium, seed);
    const checkpointNow = async () =>
      (
        await server.app.inject({ method: 'POST', url: auditPaths.checkpoints, headers: staff.admin.headers })
      ).json<AuditCheckpoint>();
    const ledgers = async (on = server) =>
      (
        await on.app.inject({ method: 'GET', url: auditPaths.ledgers, headers: staff.manager.headers })
      ).json<ServerLedgersCheck>();

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { auditSigner: signer }));
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('keeps no secret key in the database, and numbers each checkpoint on from the one before', async () => {
      const me = staff.concierge;
      const { entries } = auditChainOf(sodium, signerOf(me), 5, { staffId: me.staffId, kind: 'unlocked' });
      const push = (list: AuditEvent[]) =>
        pushAs(
          server,
          me,
          'auditEvents',
          list.map((e) => ({ ...e, _deleted: false })),
        );
      expect((await push(entries.slice(0, 3))).statusCode).toBe(200);
      const first = await checkpointNow();
      expect((await push(entries.slice(3))).statusCode).toBe(200);
      const second = await checkpointNow();
      expect(first.prev).toBeNull();
      expect(second).toMatchObject({ id: first.id + 1, prev: checkpointLink(sodium, first) });
      const keys = await handle.db.query<{ n: number }>(
        'SELECT count(*) AS n FROM audit_server_key WHERE secret_key IS NOT NULL',
      );
      expect(Number(keys[0]!.n)).toBe(0);
      // Nothing moved since: the export ends with the second checkpoint.
      const exported = await verifyExport(server, staff.manager);
      expect(exported.result).toMatchObject({ ok: true, chained: 5 });
      expect(exported.end.checkpoint.id).toBe(second.id);
      expect(await ledgers()).toMatchObject({ ok: true, checkpointsVerified: 2 });
    });

    it('finds a chain’s tail deleted with the checkpoints naming it, by the gap, and by a kept witness', async () => {
      const seen = await verifyExport(server, staff.manager);
      expect(seen.result.ok).toBe(true);
      const witness = checkpointLink(sodium, seen.end.checkpoint);
      // Someone who can write the database removes the last two entries and every checkpoint that names them.
      const me = staff.concierge;
      const cut = await handle.db.query<{ entry_id: string }>(
        'DELETE FROM audit_chain WHERE device_id = $1 AND seq > 3 RETURNING entry_id',
        [me.deviceId],
      );
      expect(cut).toHaveLength(2);
      await handle.db.query(`DELETE FROM sync_documents WHERE collection = 'auditEvents' AND id = ANY($1)`, [
        cut.map((row) => row.entry_id),
      ]);
      await handle.db.query(
        `DELETE FROM audit_checkpoints WHERE id > (SELECT min(id) FROM audit_checkpoints)`,
      );
      expect(await ledgers()).toMatchObject({
        ok: false,
        broken: { ledger: 'checkpoints', problem: 'checkpoint-gap' },
      });
      // The next end is numbered on from the last checkpoint the server signed (its signer remembers it).
      expect((await verifyExport(server, staff.manager)).result.broken).toMatchObject({
        problem: 'checkpoint-gap',
      });
      // The same key on a server that forgot its last checkpoint (its key directory's head lost), the new
      // checkpoint removed too: the sequence looks whole again, but the console's witness is not in it.
      const forgetful = await buildServer({
        db: handle.db,
        allowedOrigins: [],
        logLevel: 'silent',
        auditSigner: memorySigner(sodium, seed),
      });
      try {
        await handle.db.query(
          'DELETE FROM audit_checkpoints WHERE id > (SELECT min(id) FROM audit_checkpoints)',
        );
        expect((await verifyExport(forgetful, staff.manager)).result.ok).toBe(true);
        const again = await verifyExport(forgetful, staff.manager, { witness });
        expect(again.result.broken).toMatchObject({ problem: 'witness', checkpointId: witness.id });
      } finally {
        await forgetful.close();
      }
    });
  });
}

describe('the server’s checkpoint key directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lumina-keys-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes the key once (0600), remembers the last checkpoint signed, and takes a seed from the environment', async () => {
    const signer = fileSigner(sodium, dir);
    expect((await stat(path.join(dir, AUDIT_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(signer.head()).toBeUndefined();
    signer.signed({ id: 4, digest: 'd4' });
    signer.signed({ id: 3, digest: 'older' });
    const again = fileSigner(sodium, dir);
    expect(again.publicKey).toBe(signer.publicKey);
    expect(again.head()).toEqual({ id: 4, digest: 'd4' });
    expect((await stat(path.join(dir, AUDIT_HEAD_FILE))).mode & 0o777).toBe(0o600);
    const seed = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(fileSigner(sodium, dir, seed).publicKey).not.toBe(signer.publicKey);
    expect(() => fileSigner(sodium, dir, 'short')).toThrow(/LUMINA_AUDIT_KEY/);
  });
});
