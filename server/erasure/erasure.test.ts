import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalHoldPaths, type LegalHold, type Role } from '../../shared/index';
import { collectionRegistry } from '../../shared/sync/registry';
import {
  certificateBytes,
  DAY_MS,
  erasurePaths,
  type Erasure,
  type ErasureCertificate,
} from '../../shared/domain/erasure';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import { loadSodium } from '../../shared/crypto/index';
import type { LuminaServer } from '../app';
import { ChangeStore } from '../sync/change-store';
import { ErasureStore } from './erasure-store';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, makerOf, seedEveryCollection } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

const NAME = 'Hanako Erasetest';
const PASSPORT = 'TZ9081726';

/** Rows of every table of the database whose text holds `needle`. */
async function rowsHolding(db: LuminaServer['db'], needle: string): Promise<string[]> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM "${table_name}" t WHERE t::text ILIKE $1`,
      [`%${needle}%`],
    );
    if (Number(row!.n) > 0) found.push(table_name);
  }
  return found;
}

for (const engine of testEngines) {
  describe(`erasure on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    // The seeded consents are recorded at the real time; the job runs `shift` later.
    let shift = 0;
    const now = () => Date.now();

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { clock: now }));
      await seedEveryCollection(server, staff);
      const pulled = await server.app.inject({
        method: 'GET',
        url: '/sync/clients/pull?after=0&limit=10',
        headers: staff.coordinator.headers,
      });
      const client1 = pulled
        .json<{ documents: Array<{ id: string }> }>()
        .documents.find((doc) => doc.id === clientId(1))!;
      const named = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: staff.coordinator.headers,
        payload: [
          {
            assumedMasterState: client1,
            newDocumentState: {
              ...client1,
              names: { latin: NAME },
              passport: { number: PASSPORT, country: 'JP', expiryDate: '2030-01-01' },
            },
          },
        ],
      });
      expect(named.json()).toEqual([]);
      // A provision record whose staff note names the client: kept after the erasure, without the note.
      const provision = makerOf('provisions').make(101, [staff.concierge.staffId], staff.coordinator);
      const filed = await server.app.inject({
        method: 'POST',
        url: '/sync/provisions/push',
        headers: staff.coordinator.headers,
        payload: [{ newDocumentState: { ...provision, clientId: clientId(1), notes: `Faxed for ${NAME}` } }],
      });
      expect(filed.json()).toEqual([]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const schedule = (as: TestStaff, payload: object) =>
      server.app.inject({ method: 'POST', url: erasurePaths.erasures, headers: as.headers, payload });
    // Sessions expire: the job runs at a later time directly, the route at the server's time.
    const run = async () => ({
      json: () => new ErasureStore(handle.db, new ChangeStore(handle.db)).run(now() + shift),
    });
    const runRoute = () =>
      server.app.inject({ method: 'POST', url: erasurePaths.run, headers: staff.admin.headers, payload: {} });
    const erasureRows = () => handle.db.query('SELECT * FROM erasures ORDER BY id');
    const documentsOf = (n: number) =>
      handle.db.query<{ collection: string; id: string; deleted: boolean; data: Record<string, unknown> }>(
        `SELECT collection, id, deleted, data FROM sync_documents
          WHERE (collection = 'clients' AND id = $1) OR data->>'clientId' = $1 ORDER BY collection, id`,
        [clientId(n)],
      );

    let erasure: Erasure;

    it('lets the admin alone schedule; a second schedule is refused', async () => {
      for (const role of ['concierge', 'coordinator', 'manager'] as const) {
        const refused = await schedule(staff[role], { clientId: clientId(1), basis: 'request' });
        expect(refused.statusCode, role).toBe(403);
        expect(refused.json()).toMatchObject({ needs: 'capability:eraseClients' });
      }
      expect(await erasureRows()).toEqual([]);
      const scheduled = await schedule(staff.admin, {
        clientId: clientId(1),
        basis: 'request',
        reference: 'R-1',
      });
      expect(scheduled.statusCode).toBe(201);
      erasure = scheduled.json<Erasure>();
      expect(erasure).toMatchObject({
        status: 'scheduled',
        dueAt: erasure.scheduledAt + 30 * DAY_MS,
        scheduledBy: staff.admin.staffId,
      });
      expect((await schedule(staff.admin, { clientId: clientId(1), basis: 'request' })).json()).toMatchObject(
        {
          reason: 'erasure-pending',
        },
      );
      const pending = await server.app.inject({
        method: 'GET',
        url: erasurePaths.pending,
        headers: staff.concierge.headers,
      });
      expect(pending.json()).toEqual([
        { id: erasure.id, clientId: clientId(1), dueAt: erasure.dueAt, executed: false },
      ]);
    });

    it('does nothing before the grace period ends, nor while a legal hold stands', async () => {
      const before = await documentsOf(1);
      expect(await (await run()).json()).toEqual({ executed: [], held: 0, scheduled: 0 });
      expect((await runRoute()).json()).toEqual({ executed: [], held: 0, scheduled: 0 });
      const hold = await server.app.inject({
        method: 'POST',
        url: legalHoldPaths.holds,
        headers: staff.admin.headers,
        payload: { clientId: clientId(1), reason: 'Matter 2026-020' },
      });
      expect(hold.statusCode).toBe(201);
      shift += 31 * DAY_MS;
      expect(await (await run()).json()).toEqual({ executed: [], held: 1, scheduled: 0 });
      const listed = await server.app.inject({
        method: 'GET',
        url: erasurePaths.erasures,
        headers: staff.admin.headers,
      });
      expect(listed.json<Erasure[]>()[0]!.hold).toEqual({
        reason: 'Matter 2026-020',
        appliedBy: staff.admin.staffId,
        appliedAt: expect.any(Number),
      });
      expect(await documentsOf(1)).toEqual(before);

      // A hold on client 2 refuses its erasure outright, writing nothing.
      const hold2 = await server.app.inject({
        method: 'POST',
        url: legalHoldPaths.holds,
        headers: staff.admin.headers,
        payload: { clientId: clientId(2), reason: 'Matter 2026-021' },
      });
      const rows = await erasureRows();
      const refused = await schedule(staff.admin, { clientId: clientId(2), basis: 'decision' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ reason: 'client-held' });
      expect(await erasureRows()).toEqual(rows);

      for (const held of [hold, hold2]) {
        const lifted = await server.app.inject({
          method: 'POST',
          url: legalHoldPaths.lift(held.json<LegalHold>().id),
          headers: staff.admin.headers,
          payload: { reason: 'Closed' },
        });
        expect(lifted.statusCode).toBe(200);
      }
    });

    it('once the hold is lifted, replaces every document of the client by a content-free tombstone', async () => {
      const client2 = await documentsOf(2);
      expect(await (await run()).json()).toEqual({ executed: [erasure.id], held: 0, scheduled: 0 });
      const docs = await documentsOf(1);
      const client = await handle.db.query<{ deleted: boolean; data: Record<string, unknown> }>(
        `SELECT deleted, data FROM sync_documents WHERE collection = 'clients' AND id = $1`,
        [clientId(1)],
      );
      // The tombstones no longer name the client (the nil uuid stands in): only the client document is left, the
      // access log (ids and field names, chained and signed), the provision records (3 years), kept, and the
      // request register's entry, kept reduced (request-register.test.ts).
      expect(docs.map((doc) => doc.collection)).toEqual([
        'auditEvents',
        'clients',
        'provisions',
        'provisions',
        'requests',
      ]);
      const provisions = docs.filter((doc) => doc.collection === 'provisions');
      expect(provisions).toHaveLength(2);
      for (const kept of provisions) {
        expect(kept).toMatchObject({ deleted: false, data: { clientId: clientId(1), assignedStaffIds: [] } });
        expect(kept.data).not.toHaveProperty('notes');
        expect(kept.data).toMatchObject({
          obtainedHow: 'Tests the clinic ran',
          items: [{ key: 'test-results' }],
        });
      }
      expect(docs.find((doc) => doc.collection === 'requests')).toMatchObject({
        deleted: false,
        data: { assignedStaffIds: [] },
      });
      expect(client[0]).toEqual({
        deleted: true,
        data: collectionRegistry.clients.removedStub(clientId(1), client[0]!.data.updatedAt as number),
      });
      for (const needle of [NAME, PASSPORT]) expect(await rowsHolding(handle.db, needle), needle).toEqual([]);
      expect(await documentsOf(2)).toEqual(client2);
      const [done] = await erasureRows();
      expect(done).toMatchObject({ status: 'executed' });
      const report = (
        await server.app.inject({
          method: 'GET',
          url: `${erasurePaths.erasures}?clientId=${clientId(1)}`,
          headers: staff.admin.headers,
        })
      ).json<Erasure[]>()[0]!.report!;
      expect(report.keyWrapsDestroyed).toBeGreaterThanOrEqual(1);
      expect(report.recoveryWrapDestroyed).toBe(true);
      expect(report.kept.map((kept) => [kept.category, kept.count])).toEqual([
        ['provision-records', 2],
        ['receipts', 0],
      ]);
      // Run again: nothing more happens.
      expect(await (await run()).json()).toEqual({ executed: [], held: 0, scheduled: 0 });
    });

    it("reaches the assigned concierge's device as tombstones, and never shows the client again", async () => {
      const pulled = await server.app.inject({
        method: 'GET',
        url: '/sync/clients/pull?after=0&limit=50',
        headers: staff.concierge.headers,
      });
      const mine = pulled.json<{ documents: Array<Record<string, unknown>> }>().documents;
      expect(mine.find((doc) => doc.id === clientId(1))).toMatchObject({
        _deleted: true,
        names: { latin: '-' },
      });
      expect(JSON.stringify(mine)).not.toContain(NAME);
    });

    it('certifies the erasure, signed by the server key, with the devices that confirmed their purge', async () => {
      for (const as of [staff.concierge, staff.coordinator, staff.concierge]) {
        const confirmed = await server.app.inject({
          method: 'POST',
          url: erasurePaths.confirm(erasure.id),
          headers: as.headers,
        });
        expect(confirmed.statusCode).toBe(200);
      }
      const res = await server.app.inject({
        method: 'GET',
        url: erasurePaths.certificate(erasure.id),
        headers: staff.admin.headers,
      });
      expect(res.statusCode).toBe(200);
      const certificate = res.json<ErasureCertificate>();
      expect(certificate).toMatchObject({ clientId: clientId(1), basis: 'request', reference: 'R-1' });
      expect(certificate.devices.map((d) => d.deviceId).sort()).toEqual(
        [staff.concierge.deviceId, staff.coordinator.deviceId].sort(),
      );
      const sodium = await loadSodium();
      const key = (
        await server.app.inject({ method: 'GET', url: '/audit/server-key', headers: staff.admin.headers })
      ).json<{ publicKey: string }>().publicKey;
      expect(certificate.serverPublicKey).toBe(key);
      const bytes = sodium.from_string(certificateBytes(certificate));
      const signature = decodeBase64Url(certificate.signature)!;
      expect(sodium.crypto_sign_verify_detached(signature, bytes, decodeBase64Url(key)!)).toBe(true);
      const forged = sodium.from_string(certificateBytes({ ...certificate, devices: [] }));
      expect(sodium.crypto_sign_verify_detached(signature, forged, decodeBase64Url(key)!)).toBe(false);
    });

    it('lets the admin cancel a pending erasure, after which it never runs', async () => {
      const scheduled = await schedule(staff.admin, {
        clientId: clientId(2),
        basis: 'decision',
        graceDays: 1,
      });
      expect(scheduled.statusCode).toBe(201);
      const id = scheduled.json<Erasure>().id;
      const cancel = (as: TestStaff) =>
        server.app.inject({ method: 'POST', url: erasurePaths.cancel(id), headers: as.headers });
      expect((await cancel(staff.manager)).statusCode).toBe(403);
      expect((await cancel(staff.admin)).json()).toMatchObject({ status: 'cancelled' });
      expect((await cancel(staff.admin)).statusCode).toBe(409);
      shift += 2 * DAY_MS;
      const before = await documentsOf(2);
      expect(await (await run()).json()).toEqual({ executed: [], held: 0, scheduled: 0 });
      expect(await documentsOf(2)).toEqual(before);
    });
  });
}
