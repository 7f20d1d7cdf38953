import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type StaffIdentity } from '../../shared/crypto/index';
import type { ChainHead } from '../../shared/crypto/audit-chain';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { AuditEvent, AuditEventKind } from '../../shared/domain/audit';
import {
  AUDIT_ENTRIES_MAX,
  AUDIT_ENTRIES_OFFSET_MAX,
  auditEntriesCursor,
  auditEntriesSearch,
  type AuditEntriesPage,
  type AuditEntriesQuery,
} from '../../shared/domain/audit-api';
import type { Role } from '../../shared/index';
import { auditChainOf } from '../../tests/support/audit-log';
import { clientId, pushAs, seedClients } from '../../tests/support/server/permission-documents';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import type { LuminaServer } from '../app';

const sodium = await loadSodium();
const signerOf = (staff: TestStaff) =>
  ({
    staffId: staff.deviceId,
    signSecretKey: staff.keys.signSecretKey,
    signPublicKey: decodeBase64Url(staff.keys.registration.signPublicKey)!,
  }) as StaffIdentity;
const day = 86_400_000;
const MARCH = Date.UTC(2026, 2, 1);
const APRIL = Date.UTC(2026, 3, 1);

/**
 * The console's filters work over the whole log on the server (GET /audit/entries): "everything staff member X
 * did in March" is answered with how many entries matched and a page at a time, however large the log, far past
 * what the console once fetched (5000 receipts) or showed (500 rows).
 */
for (const engine of testEngines) {
  describe(`the access log filtered and paged by the server on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    const pushed: AuditEvent[] = [];
    const heads = new Map<string, ChainHead>();
    /** `count` entries of `who`'s device, one every `step` ms from `at`. */
    async function log(who: TestStaff, count: number, at: number, kind: AuditEventKind, client?: number) {
      const { entries, head } = auditChainOf(sodium, signerOf(who), count, {
        staffId: who.staffId,
        kind,
        ...(client !== undefined ? { clientId: clientId(client) } : {}),
        start: heads.get(who.deviceId),
        at,
      });
      heads.set(who.deviceId, head);
      for (let i = 0; i < entries.length; i += 100) {
        const res = await pushAs(
          server,
          who,
          'auditEvents',
          entries.slice(i, i + 100).map((e) => ({ ...e, _deleted: false })),
        );
        expect(res.statusCode, res.body).toBe(200);
      }
      pushed.push(...entries);
    }
    const page = async (query: AuditEntriesQuery, as: TestStaff = staff.admin) => {
      const res = await server.app.inject({
        method: 'GET',
        url: auditEntriesSearch(query),
        headers: as.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<AuditEntriesPage>();
    };

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedClients(server, staff.coordinator, [
        [1, [staff.concierge.staffId]],
        [2, [staff.concierge.staffId]],
      ]);
      await log(staff.concierge, 700, MARCH - 40 * day, 'unlocked');
      await log(staff.concierge, 5600, MARCH + day, 'medical-unsealed', 1);
      await log(staff.concierge, 3, MARCH + 20 * day, 'passport-viewed', 2);
      await log(staff.coordinator, 40, MARCH + 2 * day, 'unlocked');
      await log(staff.concierge, 30, APRIL + day, 'unlocked');
      // In the same milliseconds as three of the concierge's: the cursor's ties.
      await log(staff.manager, 3, MARCH + day + 700, 'medical-unsealed', 1);
    }, 600_000);
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('counts what matched over the whole log and pages through all of it, newest first', async () => {
      const march = { staff: staff.concierge.staffId, from: MARCH, to: APRIL };
      const expected = pushed
        .filter((e) => e.staffId === staff.concierge.staffId && e.at >= MARCH && e.at < APRIL)
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
      expect(expected).toHaveLength(5603);
      const first = await page({ ...march, limit: 200 });
      expect(first.total).toBe(5603);
      expect(first.entries.map((e) => e.entry.id)).toEqual(expected.slice(0, 200).map((e) => e.id));
      // The oldest of March, beyond 5000 entries: found on the last page, with its receipt time.
      const last = await page({ ...march, offset: 5600, limit: 200 });
      expect(last.total).toBe(5603);
      expect(last.entries.map((e) => e.entry.id)).toEqual(expected.slice(5600).map((e) => e.id));
      expect(last.entries[2]!.entry).toMatchObject({ seq: 701, kind: 'medical-unsealed' });
      expect(last.entries[2]!.receivedAt).toBeGreaterThan(0);
      expect(await page({ ...march, offset: 6000 })).toEqual({ total: 5603, entries: [] });
    });

    it('reads on by a cursor without an OFFSET: every match once, in order, each page counted once', async () => {
      const march = { staff: staff.concierge.staffId, from: MARCH, to: APRIL };
      const expected = pushed
        .filter((e) => e.staffId === staff.concierge.staffId && e.at >= MARCH && e.at < APRIL)
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
      const read: string[] = [];
      for (;;) {
        const last = read.length > 0 ? expected.find((e) => e.id === read[read.length - 1]) : undefined;
        const next = await page({
          ...march,
          ...(last ? { before: auditEntriesCursor(last) } : {}),
          limit: AUDIT_ENTRIES_MAX,
        });
        // Counted once, for the first page; a page read on by a cursor is not counted again.
        expect(next.total).toBe(last ? undefined : 5603);
        read.push(...next.entries.map((e) => e.entry.id));
        if (next.entries.length < AUDIT_ENTRIES_MAX) break;
      }
      expect(read).toEqual(expected.map((e) => e.id));
    });

    it('breaks ties on the time by id: entries of the same millisecond are each read once', async () => {
      const tied = { client: clientId(1), from: MARCH + day + 701, to: MARCH + day + 704 };
      const expected = pushed
        .filter((e) => e.clientId === clientId(1) && e.at >= tied.from && e.at < tied.to)
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
      expect(expected).toHaveLength(6);
      const read: string[] = [];
      let last: AuditEvent | undefined;
      for (let i = 0; i < 6; i++) {
        const one = await page({ ...tied, ...(last ? { before: auditEntriesCursor(last) } : {}), limit: 1 });
        last = one.entries[0]!.entry;
        read.push(last.id);
      }
      expect(read).toEqual(expected.map((e) => e.id));
      expect((await page({ ...tied, before: auditEntriesCursor(last!) })).entries).toEqual([]);
    });

    it('filters by client, device, action and period, each alone and together', async () => {
      const count = async (query: AuditEntriesQuery) => (await page({ ...query, limit: 1 })).total;
      expect(await count({})).toBe(pushed.length);
      expect(await count({ client: clientId(2) })).toBe(3);
      expect(await count({ client: clientId(1), action: 'passport-viewed' })).toBe(0);
      expect(await count({ device: staff.coordinator.deviceId })).toBe(40);
      expect(await count({ action: 'unlocked' })).toBe(770);
      expect(await count({ action: 'unlocked', from: MARCH, to: APRIL })).toBe(40);
      expect(await count({ staff: staff.concierge.staffId, action: 'unlocked', from: APRIL })).toBe(30);
      const passports = await page({ client: clientId(2) });
      expect(passports.entries.map((e) => e.entry.kind)).toEqual(Array(3).fill('passport-viewed'));
      expect(passports.entries.every((e) => e.entry.staffId === staff.concierge.staffId)).toBe(true);
      // The console's managers read it too.
      expect((await page({ action: 'passport-viewed' }, staff.manager)).total).toBe(3);
    });

    it('refuses a query out of bounds or malformed, and anyone without readAuditLog', async () => {
      for (const search of [
        `limit=${AUDIT_ENTRIES_MAX + 1}`,
        'limit=0',
        'offset=-1',
        `offset=${AUDIT_ENTRIES_OFFSET_MAX + 1}`,
        'offset=100000000',
        'before=12',
        `before=1:${clientId(1)}%27`,
        `before=99999999999999999:${clientId(1)}`,
        'client=not-a-uuid',
        'staff=1%27%20OR%201=1',
        'action=nothing',
        'from=yesterday',
        'sort=at',
      ]) {
        const res = await server.app.inject({
          method: 'GET',
          url: `/audit/entries?${search}`,
          headers: staff.admin.headers,
        });
        expect(res.statusCode, search).toBe(400);
      }
      for (const role of ['concierge', 'coordinator'] as const) {
        const res = await server.app.inject({
          method: 'GET',
          url: auditEntriesSearch({}),
          headers: staff[role].headers,
        });
        expect(res.statusCode).toBe(403);
      }
    });
  });
}
