import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, erasurePaths, type Erasure, type ErasureCertificate } from '../../shared/domain/erasure';
import { retentionPaths, type RetentionRule } from '../../shared/domain/retention';
import { legalHoldPaths, type LegalHold, type Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients, seedEveryCollection } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ChangeStore } from '../sync/change-store';
import { ErasureStore } from '../erasure/erasure-store';
import { retentionDueList as due } from './retention-store';

const PASSPORT = { number: 'RT1234567', country: 'JP', expiryDate: '2031-01-01' };
// The job's test clock: the seeded trips ended on 2026-04-08; the real time is only used for sessions.
const T1 = Date.parse('2026-12-01T00:00:00Z');
const T2 = Date.parse('2027-06-01T00:00:00Z');
const T3 = Date.parse('2033-01-01T00:00:00Z');
const OLD_CLIENTS = [30, 31, 32, 33, 34, 35, 36];

for (const engine of testEngines) {
  describe(`the retention schedule on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let store: ErasureStore;
    let hold: LegalHold;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedEveryCollection(server, staff);
      for (const n of [1, 2])
        await handle.db.query(
          `UPDATE sync_documents SET data = data || jsonb_build_object('passport', $2::jsonb)
            WHERE collection = 'clients' AND id = $1`,
          [clientId(n), JSON.stringify(PASSPORT)],
        );
      store = new ErasureStore(handle.db, new ChangeStore(handle.db));
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const as = (who: TestStaff, method: 'GET' | 'POST', url: string, payload?: object) =>
      server.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    const setRule = (who: TestStaff, category: string, period: number, active = true) =>
      as(who, 'POST', retentionPaths.rule(category), { period, active });
    const rules = async () => (await as(staff.admin, 'GET', retentionPaths.rules)).json<RetentionRule[]>();
    const client = async (n: number) =>
      (
        await handle.db.query<{ deleted: boolean; data: Record<string, unknown> }>(
          `SELECT deleted, data FROM sync_documents WHERE collection = 'clients' AND id = $1`,
          [clientId(n)],
        )
      )[0]!;
    const documentsOf = async (n: number, collection: string) =>
      handle.db.query<{ deleted: boolean }>(
        `SELECT deleted FROM sync_documents WHERE collection = $2 AND data->>'clientId' = $1`,
        [clientId(n), collection],
      );

    it('lets the admin alone set a rule, within its bounds; the law’s minimums cannot be undercut', async () => {
      const before = await rules();
      expect(before.every((rule) => !rule.active)).toBe(true);
      for (const role of ['concierge', 'coordinator', 'manager'] as const) {
        expect((await setRule(staff[role], 'passport', 30)).statusCode, role).toBe(403);
        expect((await as(staff[role], 'GET', retentionPaths.due)).statusCode, role).toBe(403);
      }
      for (const [category, period] of [
        ['provision-records', 2],
        ['receipts', 6],
        ['client-record', 21],
      ] as const) {
        const refused = await setRule(staff.admin, category, period);
        expect(refused.statusCode, category).toBe(400);
      }
      expect((await setRule(staff.admin, 'nonsense', 3)).statusCode).toBe(400);
      expect(await rules()).toEqual(before);
      // The database refuses too, under the API.
      await expect(
        handle.db.query(
          `INSERT INTO retention_rules (category, period, active, updated_by, updated_at) VALUES ('receipts', 6, true, $1, 0)`,
          [staff.admin.staffId],
        ),
      ).rejects.toThrow();
      expect((await setRule(staff.admin, 'passport', 90)).statusCode).toBe(200);
      expect((await setRule(staff.admin, 'medical', 365)).statusCode).toBe(200);
      expect((await rules()).find((rule) => rule.category === 'passport')).toMatchObject({
        period: 90,
        active: true,
        updatedBy: staff.admin.staffId,
      });
    });

    it('lists what is due with its rule and holds, and schedules it once, leaving the held client', async () => {
      hold = (
        await as(staff.admin, 'POST', legalHoldPaths.holds, { clientId: clientId(2), reason: 'Matter R-7' })
      ).json<LegalHold>();
      const list = await due(handle.db, T1);
      const passportItems = list.filter((entry) => entry.category === 'passport');
      expect(passportItems.map((entry) => [entry.clientId, entry.state])).toEqual([
        [clientId(1), 'upcoming'],
        [clientId(2), 'upcoming'],
      ]);
      expect(passportItems[0]).toMatchObject({
        anchorAt: Date.parse('2026-04-09T00:00:00Z'),
        dueAt: Date.parse('2026-04-09T00:00:00Z') + 90 * DAY_MS,
        erasesAt: T1 + 30 * DAY_MS,
      });
      expect(passportItems[1]!.hold).toMatchObject({ reason: 'Matter R-7', appliedBy: staff.admin.staffId });
      // The medical rule's items fall due in April 2027: beyond the list's 90 days.
      expect(list.filter((entry) => entry.category === 'medical')).toEqual([]);

      expect(await store.run(T1)).toEqual({ executed: [], held: 0, scheduled: 1 });
      expect(await store.run(T1)).toEqual({ executed: [], held: 0, scheduled: 0 });
      const [scheduled] = await due(handle.db, T1);
      expect(scheduled).toMatchObject({
        clientId: clientId(1),
        state: 'scheduled',
        erasesAt: T1 + 30 * DAY_MS,
      });
      // A partial erasure hides nobody.
      expect((await as(staff.concierge, 'GET', erasurePaths.pending)).json()).toEqual([]);
    });

    it('erases the passport data alone, certified, and the held client’s once the hold is lifted', async () => {
      const ran = await store.run(T1 + 30 * DAY_MS);
      expect(ran.executed).toHaveLength(1);
      const erased = await client(1);
      expect(erased.deleted).toBe(false);
      expect(erased.data).not.toHaveProperty('passport');
      expect(erased.data.names).toEqual({ latin: 'Client 1' });
      expect(JSON.stringify(await handle.db.query('SELECT data FROM sync_documents'))).toContain(
        PASSPORT.number,
      );
      expect((await client(2)).data.passport).toEqual(PASSPORT);
      const certificate = (
        await as(staff.admin, 'GET', erasurePaths.certificate(ran.executed[0]!))
      ).json<ErasureCertificate>();
      expect(certificate).toMatchObject({
        scope: 'passport',
        basis: 'retention-rule',
        reference: 'rule:passport',
        report: { erased: [{ collection: 'clients.passport', count: 1 }], keyWrapsDestroyed: 0 },
      });

      await as(staff.admin, 'POST', legalHoldPaths.lift(hold.id), { reason: 'Closed' });
      expect((await store.run(T1 + 31 * DAY_MS)).scheduled).toBe(1);
      expect((await store.run(T1 + 62 * DAY_MS)).executed).toHaveLength(1);
      expect((await client(2)).data).not.toHaveProperty('passport');
      expect(JSON.stringify(await handle.db.query('SELECT data FROM sync_documents'))).not.toContain(
        PASSPORT.number,
      );
    });

    it('crypto-shreds the medical section alone after its rule, keeping the client and trips', async () => {
      expect((await store.run(T2)).scheduled).toBe(2);
      const ran = await store.run(T2 + 30 * DAY_MS);
      expect(ran.executed).toHaveLength(2);
      for (const n of [1, 2]) {
        expect((await documentsOf(n, 'medical')).every((doc) => doc.deleted)).toBe(true);
        const wraps = await handle.db.query<{ deleted: boolean }>(
          `SELECT deleted FROM sync_documents WHERE collection = 'keyWraps' AND id LIKE $1`,
          [`${clientId(n)}.%`],
        );
        expect(wraps.length).toBeGreaterThan(0);
        expect(wraps.every((wrap) => wrap.deleted)).toBe(true);
        expect((await client(n)).deleted).toBe(false);
        expect((await documentsOf(n, 'trips')).some((trip) => !trip.deleted)).toBe(true);
      }
      const listed = (await as(staff.admin, 'GET', `${erasurePaths.erasures}?clientId=${clientId(1)}`)).json<
        Erasure[]
      >();
      expect(listed.find((e) => e.scope === 'medical')?.report).toMatchObject({
        recoveryWrapDestroyed: true,
      });
      expect((await store.run(T2 + 31 * DAY_MS)).scheduled).toBe(0);
    });

    it('schedules whole records after N years and carries each out exactly once across a crash', async () => {
      await seedClients(
        server,
        staff.coordinator,
        OLD_CLIENTS.map((n) => [n, []] as const),
      );
      expect((await setRule(staff.admin, 'client-record', 5)).statusCode).toBe(200);
      const planned = (await store.run(T3)).scheduled;
      const ruled = await handle.db.query<{ id: string }>(
        `SELECT id FROM erasures WHERE scope = 'client' AND status = 'scheduled' AND reference = 'rule:client-record'`,
      );
      expect(ruled).toHaveLength(planned);
      expect(planned).toBeGreaterThanOrEqual(OLD_CLIENTS.length);
      const processed: string[] = [];
      await expect(
        store.run(T3 + 30 * DAY_MS, {
          batchSize: 2,
          afterEach: (id) => {
            processed.push(id);
            if (processed.length === 3) throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      const second = await store.run(T3 + 30 * DAY_MS, {
        batchSize: 2,
        afterEach: (id) => processed.push(id),
      });
      expect(second.executed).toHaveLength(planned - 3);
      expect(new Set(processed).size).toBe(processed.length);
      expect([...processed].sort()).toEqual(ruled.map((row) => row.id).sort());
      expect(await store.run(T3 + 31 * DAY_MS)).toEqual({ executed: [], held: 0, scheduled: 0 });
      for (const n of OLD_CLIENTS) expect((await client(n)).deleted).toBe(true);
    });
  });
}
