import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import {
  AuditLogVerifier,
  type AuditExportEnd,
  type AuditNdjsonHeader,
  type ChainStart,
} from '../../shared/crypto/audit-verify';
import type { ChainHead } from '../../shared/crypto/audit-chain';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { AuditEvent } from '../../shared/domain/audit';
import { auditPaths, type ServerLedgersCheck } from '../../shared/domain/audit-api';
import { retentionPaths, type AccessLogOutlook } from '../../shared/domain/retention';
import { auditChainOf } from '../../tests/support/audit-log';
import { clientId, pushAs, seedClients } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';
import { memorySigner } from '../audit/signer';
import { ChangeStore } from '../sync/change-store';
import { ErasureStore } from '../erasure/erasure-store';
import { accessLogOutlook, pruneAccessLog } from './access-log-prune';

/** The access-log rule carried out by the retention job (docs/audit.md, "Pruning the access log"). */
const sodium = await loadSodium();
const YEAR = 365.25 * 24 * 3600_000;
const HELD = clientId(7);

const identityOf = (staff: TestStaff) =>
  ({
    staffId: staff.deviceId,
    signSecretKey: staff.keys.signSecretKey,
    signPublicKey: decodeBase64Url(staff.keys.registration.signPublicKey)!,
  }) as StaffIdentity;

for (const engine of testEngines) {
  describe(`pruning the access log on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Awaited<ReturnType<typeof organisationServer>>['staff'];
    const signer = memorySigner(sodium);
    const heads = new Map<string, ChainHead>();
    let store: ErasureStore;

    /** `count` more entries of `who`'s chain (naming `clientId`, if given), pushed. */
    async function log(who: TestStaff, count: number, clientId?: string) {
      const { entries, head } = auditChainOf(sodium, identityOf(who), count, {
        staffId: who.staffId,
        kind: 'unlocked',
        ...(clientId ? { clientId } : {}),
        ...(heads.get(who.deviceId) ? { start: heads.get(who.deviceId)! } : {}),
        idOf: () => randomUUID(),
      });
      const res = await pushAs(
        server,
        who,
        'auditEvents',
        entries.map((e) => ({ ...e, _deleted: false })),
      );
      expect(res.statusCode, res.body).toBe(200);
      heads.set(who.deviceId, head);
    }
    const checkpointNow = async () =>
      expect(
        (
          await server.app.inject({
            method: 'POST',
            url: auditPaths.checkpoints,
            headers: staff.admin.headers,
          })
        ).statusCode,
      ).toBe(201);
    const outlook = async () =>
      (
        await server.app.inject({
          method: 'GET',
          url: retentionPaths.accessLog,
          headers: staff.admin.headers,
        })
      ).json<AccessLogOutlook>();
    const seqsOf = async (who: TestStaff) =>
      (
        await handle.db.query<{ seq: number }>(
          'SELECT seq FROM audit_chain WHERE device_id = $1 ORDER BY seq',
          [who.deviceId],
        )
      ).map((row) => Number(row.seq));
    const pruneCheckpoints = async () =>
      (
        await handle.db.query<{ starts: unknown }>(
          'SELECT DISTINCT starts::text FROM audit_checkpoints WHERE starts IS NOT NULL',
        )
      ).length;
    /** GET /audit/export, read as `npm run audit:verify` reads it (streamed, the header's starts first). */
    async function verifyExport() {
      const res = await server.app.inject({
        method: 'GET',
        url: auditPaths.export,
        headers: staff.manager.headers,
      });
      expect(res.statusCode).toBe(200);
      const lines = res.body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown);
      const header = lines[0] as AuditNdjsonHeader & { starts?: ChainStart[] };
      const { end } = lines[lines.length - 1] as { end: AuditExportEnd };
      const verifier = new AuditLogVerifier(sodium, header, { requireEnd: true, signatures: 'all' });
      for (const entry of lines.slice(1, -1) as AuditEvent[]) verifier.add(entry);
      return verifier.finish(end);
    }
    const refused = (sql: string, params: unknown[]) =>
      expect(handle.db.query(sql, params)).rejects.toThrow(/append-only/);

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { auditSigner: signer }));
      store = new ErasureStore(handle.db, new ChangeStore(handle.db), { sodium, signer });
      await seedClients(server, staff.coordinator, [[7, [staff.concierge.staffId]]]);
      // The concierge's entries 1-3, 4 naming a client under a legal hold, 5-6; the manager's 1-3; a checkpoint;
      // then the concierge's 7-8, which no checkpoint signed yet.
      await log(staff.concierge, 3);
      await log(staff.concierge, 1, HELD);
      await log(staff.concierge, 2);
      await log(staff.manager, 3);
      await checkpointNow();
      await log(staff.concierge, 2);
      await handle.db.query(
        `INSERT INTO legal_holds (id, client_id, reason, applied_by, applied_at) VALUES ($1, $2, 'matter 7', $3, $4)`,
        [randomUUID(), HELD, staff.admin.staffId, Date.now()],
      );
      const rule = await server.app.inject({
        method: 'POST',
        url: retentionPaths.rule('access-log'),
        headers: staff.admin.headers,
        payload: { period: 1, active: true },
      });
      expect(rule.statusCode).toBe(200);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('shows the admin what is due, and prunes nothing before its time', async () => {
      expect(await outlook()).toMatchObject({ active: true, period: 1, dueNow: 0, dueWithinHorizon: 0 });
      expect(
        await accessLogOutlook(handle.db, { sodium, signer }, Date.now() + YEAR - 10 * 24 * 3600_000),
      ).toMatchObject({
        dueNow: 0,
        dueWithinHorizon: 11,
      });
      expect((await store.run(Date.now() + 0.5 * YEAR)).pruned).toBeUndefined();
      expect(await pruneCheckpoints()).toBe(0);
    });

    it('prunes each chain oldest first up to a signed prune point, exactly once across a run killed mid-batch', async () => {
      const later = Date.now() + 2 * YEAR;
      // A run killed after its first batch of two: the prune point is signed, two entries are gone.
      await expect(
        pruneAccessLog(handle.db, { sodium, signer }, later, {
          batchSize: 2,
          afterBatch: () => {
            throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      expect(await pruneCheckpoints()).toBe(1);
      // Halfway, the export already starts each chain at its signed start, and verifies.
      expect(await verifyExport()).toMatchObject({ ok: true, chained: 6 });
      // Run again: the rest, once. Concierge: 1-3 (4 names the held client); manager: 1-2 (3, its newest, stays).
      const run = await store.run(later);
      expect(run.pruned).toBe(3);
      expect(await pruneCheckpoints()).toBe(1);
      expect(await seqsOf(staff.concierge)).toEqual([4, 5, 6, 7, 8]);
      expect(await seqsOf(staff.manager)).toEqual([3]);
      const documents = await handle.db.query<{ n: number }>(
        `SELECT count(*) AS n FROM sync_documents WHERE collection = 'auditEvents'`,
      );
      expect(Number(documents[0]!.n)).toBe(6);
      expect((await store.run(later)).pruned).toBeUndefined();
      expect(await verifyExport()).toMatchObject({ ok: true, chained: 6 });
      // The chains go on from their kept heads.
      await log(staff.concierge, 1);
      await log(staff.manager, 1);
    });

    it('stops at a held client’s entry until the hold is lifted, and never past a checkpointed head', async () => {
      const later = Date.now() + 2 * YEAR;
      const ledger = { sodium, signer };
      // Due now: the manager's 3 (no longer its newest); the concierge's 4 on name the held client.
      expect(await accessLogOutlook(handle.db, ledger, later)).toMatchObject({
        dueNow: 1,
        heldBack: 1,
        prunedChains: 2,
      });
      await handle.db.query(
        `UPDATE legal_holds SET lifted_at = $1, lifted_by = $2, lift_reason = 'closed' WHERE client_id = $3`,
        [Date.now(), staff.admin.staffId, HELD],
      );
      // The last checkpoint (the export's end) signed the concierge's head at 8, before 9 was pushed.
      expect((await accessLogOutlook(handle.db, ledger, later)).dueNow).toBe(5 + 1);
      expect((await store.run(later)).pruned).toBe(6);
      expect(await seqsOf(staff.concierge)).toEqual([9]);
      expect(await seqsOf(staff.manager)).toEqual([4]);
      expect(await pruneCheckpoints()).toBe(2);
      expect(await verifyExport()).toMatchObject({ ok: true, chained: 2 });
    });

    it('refuses any other deletion or change; one forced with the triggers off is found by the verifier', async () => {
      await log(staff.admin, 5);
      await checkpointNow();
      const admin = staff.admin.deviceId;
      const idAt = async (seq: number) =>
        (
          await handle.db.query<{ entry_id: string }>(
            'SELECT entry_id::text FROM audit_chain WHERE device_id = $1 AND seq = $2',
            [admin, seq],
          )
        )[0]!.entry_id;
      // A plain DELETE of an old entry, of one in the middle, and an UPDATE: refused by the database.
      await refused('DELETE FROM audit_chain WHERE device_id = $1 AND seq = 1', [admin]);
      await refused(`DELETE FROM sync_documents WHERE collection = 'auditEvents' AND id = $1`, [
        await idAt(1),
      ]);
      await refused(`DELETE FROM sync_documents WHERE collection = 'auditEvents' AND id = $1`, [
        await idAt(3),
      ]);
      await refused(`UPDATE audit_chain SET hash = 'x' WHERE device_id = $1 AND seq = 3`, [admin]);
      // A pruned chain's kept entries are no exception.
      await refused('DELETE FROM audit_chain WHERE device_id = $1', [staff.concierge.deviceId]);
      expect(await seqsOf(staff.admin)).toEqual([1, 2, 3, 4, 5]);
      expect(await verifyExport()).toMatchObject({ ok: true });
      // The database's owner turns the triggers off and deletes the middle entry: the verifier finds the gap.
      const middle = await idAt(3);
      await handle.db.exec(
        `ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_append_only;
         ALTER TABLE sync_documents DISABLE TRIGGER audit_entries_append_only`,
      );
      await handle.db.query('DELETE FROM audit_chain WHERE device_id = $1 AND seq = 3', [admin]);
      await handle.db.query(`DELETE FROM sync_documents WHERE collection = 'auditEvents' AND id = $1`, [
        middle,
      ]);
      expect((await verifyExport()).broken).toMatchObject({ problem: 'gap', deviceId: admin, seq: 4 });
    });

    it('finds a prune point forged in the database, and the job deletes nothing under it', async () => {
      // The owner moves the newest prune point on (its signature no longer holds) to sanction a deletion.
      await handle.db.query(
        `UPDATE audit_checkpoints SET starts = jsonb_set(starts, '{0,seq}', '100')
          WHERE id = (SELECT max(id) FROM audit_checkpoints WHERE starts IS NOT NULL)`,
      );
      expect((await store.run(Date.now() + 2 * YEAR)).pruned).toBeUndefined();
      expect((await verifyExport()).ok).toBe(false);
      const ledgers = await server.app.inject({
        method: 'GET',
        url: auditPaths.ledgers,
        headers: staff.manager.headers,
      });
      expect(ledgers.json<ServerLedgersCheck>().broken).toMatchObject({
        ledger: 'checkpoints',
        problem: 'signature',
      });
    });
  });
}
