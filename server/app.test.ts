import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client, PullResponse, PushRow, Trip, WireDocument } from '../shared/index';
import { buildServer, type LuminaServer } from './app';
import type { Database } from './db/database';
import { testEngines } from '../tests/support/server/engines';
import { addStaff, resetDatabase, setUpOrganisation, type TestStaff } from '../tests/support/server/staff';

type WireClient = WireDocument<Client>;

function client(n: number, overrides: Partial<WireClient> = {}): WireClient {
  const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  return {
    id,
    names: { latin: `Client ${n}` },
    status: 'prospect',
    assignedStaffIds: [],
    createdAt: 1,
    updatedAt: 1,
    _deleted: false,
    ...overrides,
  };
}

for (const engine of testEngines) {
  describe(`sync server on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;

    beforeAll(async () => {
      handle = await engine.open();
    });
    afterAll(async () => {
      await handle.drop();
    });
    let staff: TestStaff;
    beforeEach(async () => {
      await resetDatabase(handle.db);
      let setupCode = '';
      server = await buildServer({
        db: handle.db,
        allowedOrigins: ['app://lumina'],
        logLevel: 'silent',
        onSetupCode: (code) => (setupCode = code),
      });
      // A coordinator reaches every client: these tests are about sync, the permission tests about scopes.
      staff = await addStaff(server.app, await setUpOrganisation(server.app, setupCode), 'coordinator');
    });
    afterEach(async () => {
      await server.close();
    });

    const push = (rows: PushRow<Client>[]) =>
      server.app.inject({ method: 'POST', url: '/sync/clients/push', payload: rows, headers: staff.headers });
    const pull = async (after = 0, limit = 100) => {
      const res = await server.app.inject({
        method: 'GET',
        url: `/sync/clients/pull?after=${after}&limit=${limit}`,
        headers: staff.headers,
      });
      expect(res.statusCode).toBe(200);
      return res.json<PullResponse<Client>>();
    };
    const rowCount = async (db: Database) =>
      Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM sync_documents'))[0]!.n);

    it('reports health with the engine in use', async () => {
      const res = await server.app.inject({ method: 'GET', url: '/health' });
      expect(res.json()).toEqual({ status: 'ok', engine: engine.name });
    });

    it('stores a pushed client and returns it on pull with a checkpoint', async () => {
      const res = await push([{ newDocumentState: client(1) }]);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual([]);
      const first = await pull();
      expect(first.documents).toEqual([client(1)]);
      expect(first.checkpoint.seq).toBeGreaterThan(0);
      const next = await pull(first.checkpoint.seq);
      expect(next.documents).toEqual([]);
      expect(next.checkpoint.seq).toBe(first.checkpoint.seq);
    });

    it('treats a retried push as done, without a new change', async () => {
      await push([{ newDocumentState: client(1) }]);
      const before = await pull();
      const retry = await push([{ newDocumentState: client(1) }]);
      expect(retry.json()).toEqual([]);
      const after = await pull();
      expect(after.checkpoint.seq).toBe(before.checkpoint.seq);
      expect(await rowCount(handle.db)).toBe(1);
    });

    it('returns the master state when the assumed state is stale, and keeps the master', async () => {
      const v1 = client(1);
      const v2 = client(1, { names: { latin: 'Second' }, updatedAt: 2 });
      await push([{ newDocumentState: v1 }]);
      await push([{ newDocumentState: v2, assumedMasterState: v1 }]);
      const stale = await push([
        { newDocumentState: client(1, { names: { latin: 'Third' } }), assumedMasterState: v1 },
      ]);
      expect(stale.json()).toEqual([v2]);
      expect((await pull()).documents).toEqual([v2]);
    });

    it('applies the rows of one push in order, as separate pushes would', async () => {
      const renamed = client(1, { names: { latin: 'Renamed' }, updatedAt: 2 });
      const again = client(1, { names: { latin: 'Renamed again' }, updatedAt: 3 });
      const stale = client(1, { names: { latin: 'From a stale device' }, updatedAt: 4 });
      const res = await push([
        { newDocumentState: client(1) },
        { newDocumentState: client(2) },
        { newDocumentState: renamed, assumedMasterState: client(1) },
        { newDocumentState: again, assumedMasterState: renamed },
        // Assumes the first state, which the rows before it replaced: a conflict with the state they left.
        { newDocumentState: stale, assumedMasterState: client(1) },
      ]);
      expect(res.json()).toEqual([again]);
      const { documents, checkpoint } = await pull();
      expect(documents).toEqual([client(2), again]);
      expect(await rowCount(handle.db)).toBe(2);
      // The documents written are announced as new changes after everything the log held before.
      expect((await push([{ newDocumentState: client(3) }])).json()).toEqual([]);
      expect((await pull(checkpoint.seq)).documents).toEqual([client(3)]);
    });

    it('reports a conflict when a device creates a document the server already has', async () => {
      await push([{ newDocumentState: client(1) }]);
      const res = await push([{ newDocumentState: client(1, { names: { latin: 'Other device' } }) }]);
      expect(res.json()).toEqual([client(1)]);
    });

    it('keeps deletes as tombstones that later pulls deliver', async () => {
      await push([{ newDocumentState: client(1) }]);
      const { checkpoint } = await pull();
      await push([{ newDocumentState: client(1, { _deleted: true }), assumedMasterState: client(1) }]);
      const after = await pull(checkpoint.seq);
      expect(after.documents).toEqual([client(1, { _deleted: true })]);
    });

    it('pages through changes in server order', async () => {
      for (let i = 1; i <= 5; i++) await push([{ newDocumentState: client(i) }]);
      const seen: string[] = [];
      let after = 0;
      for (;;) {
        const page = await pull(after, 2);
        if (page.documents.length === 0) break;
        expect(page.documents.length).toBeLessThanOrEqual(2);
        seen.push(...page.documents.map((d) => d.names.latin));
        after = page.checkpoint.seq;
      }
      expect(seen).toEqual(['Client 1', 'Client 2', 'Client 3', 'Client 4', 'Client 5']);
    });

    it('says how many changes remain after each page, so devices can show progress', async () => {
      for (let i = 1; i <= 5; i++) await push([{ newDocumentState: client(i) }]);
      const first = await pull(0, 2);
      expect(first.remaining).toBe(3);
      const second = await pull(first.checkpoint.seq, 2);
      expect(second.remaining).toBe(1);
      const last = await pull(second.checkpoint.seq, 2);
      expect(last.documents).toHaveLength(1);
      expect(last.remaining).toBe(0);
    });

    it('accepts and returns open conflicts, and refuses malformed ones', async () => {
      const conflicted = client(1, {
        conflicts: [{ path: ['names', 'latin'], values: [{ value: 'A', at: 1 }, { value: 'Client 1' }, {}] }],
      });
      expect((await push([{ newDocumentState: conflicted }])).json()).toEqual([]);
      expect((await pull()).documents).toEqual([conflicted]);
      for (const conflicts of [
        [{ path: [], values: [{ value: 1 }, { value: 2 }] }],
        [{ path: ['status'], values: [{ value: 1 }] }],
        [{ path: ['status'], values: [{ value: 1, by: 'x' }, { value: 2 }] }],
      ]) {
        const res = await push([{ newDocumentState: { ...client(2), conflicts } as WireClient }]);
        expect(res.statusCode).toBe(400);
      }
    });

    it.each([
      ['a field the schema does not know', [{ newDocumentState: { ...client(1), passportNo: 'X' } }]],
      ['an empty name', [{ newDocumentState: client(1, { names: { latin: '' } }) }]],
      ['a missing _deleted flag', [{ newDocumentState: { ...client(1), _deleted: undefined } }]],
      ['a body that is not a list', { newDocumentState: client(1) }],
      ['a malformed id', [{ newDocumentState: client(1, { id: '../../etc/passwd' }) }]],
    ])('refuses %s with a 400 and a reason, storing nothing', async (_label, body) => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        payload: body as object,
        headers: staff.headers,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ reason: string }>().reason).toMatch(/must|required|additional|pattern/);
      expect(await rowCount(handle.db)).toBe(0);
    });

    it('syncs a trip with its itinerary as one document, and refuses malformed trips with a reason', async () => {
      const trip: WireDocument<Trip> = {
        id: '00000000-0000-4000-9000-000000000001',
        clientId: client(1).id,
        assignedStaffIds: [],
        title: 'Spring check-up',
        startDate: '2026-04-01',
        endDate: '2026-04-08',
        timeZone: 'Asia/Tokyo',
        items: [
          {
            id: '00000000-0000-4000-a000-000000000001',
            kind: 'flight',
            start: '2026-04-01T12:00:00+01:00',
            end: '2026-04-02T08:00:00+09:00',
            title: 'LHR to HND',
            startTimeZone: 'Europe/London',
            endTimeZone: 'Asia/Tokyo',
            cost: { amount: 1250.5, currency: 'GBP' },
          },
        ],
        createdAt: 1,
        updatedAt: 1,
        _deleted: false,
      };
      const pushTrips = (rows: unknown[]) =>
        server.app.inject({ method: 'POST', url: '/sync/trips/push', payload: rows, headers: staff.headers });
      // A trip's scope comes from its client, which the server must hold first.
      const seeded = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        payload: [{ newDocumentState: client(1) }],
        headers: staff.headers,
      });
      expect(seeded.json()).toEqual([]);
      expect((await pushTrips([{ newDocumentState: trip }])).json()).toEqual([]);
      const pulled = await server.app.inject({
        method: 'GET',
        url: '/sync/trips/pull?after=0',
        headers: staff.headers,
      });
      expect(pulled.json<PullResponse<Trip>>().documents).toEqual([trip]);
      // The clients collection is a separate log: it holds the client, not the trip.
      expect((await pull()).documents).toEqual([client(1)]);
      for (const bad of [
        { ...trip, items: [{ ...trip.items[0]!, start: '2026-04-01T12:00:00' }] },
        { ...trip, items: [{ ...trip.items[0]!, seat: '12A' }] },
        { ...trip, items: [{ ...trip.items[0]!, cost: { amount: -5, currency: 'GBP' } }] },
        { ...trip, startDate: '1 April 2026' },
        { ...trip, names: { latin: 'A client field' } },
      ]) {
        const res = await pushTrips([{ newDocumentState: bad }]);
        expect(res.statusCode).toBe(400);
        expect(res.json<{ reason: string }>().reason).toMatch(/must/);
      }
      // The client and the trip, nothing of the refused ones.
      expect(await rowCount(handle.db)).toBe(2);
    });

    it('refuses a malformed pull query and an unknown collection', async () => {
      expect(
        (
          await server.app.inject({
            method: 'GET',
            url: '/sync/clients/pull?after=-1',
            headers: staff.headers,
          })
        ).statusCode,
      ).toBe(400);
      expect(
        (
          await server.app.inject({
            method: 'GET',
            url: '/sync/clients/pull?limit=100000',
            headers: staff.headers,
          })
        ).statusCode,
      ).toBe(400);
      expect(
        (
          await server.app.inject({
            method: 'GET',
            url: '/sync/clients/pull?after=abc',
            headers: staff.headers,
          })
        ).statusCode,
      ).toBe(400);
      expect(
        (await server.app.inject({ method: 'GET', url: '/sync/passports/pull', headers: staff.headers }))
          .statusCode,
      ).toBe(404);
    });

    it('allows the desktop origin and refuses others (CORS)', async () => {
      const ok = await server.app.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'app://lumina' },
      });
      expect(ok.headers['access-control-allow-origin']).toBe('app://lumina');
      const other = await server.app.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('loses no change when many pushes commit concurrently', async () => {
      const total = 60;
      const seen = new Map<string, number>();
      let after = 0;
      const drain = async () => {
        for (;;) {
          const page = await pull(after, 7);
          if (page.documents.length === 0) return;
          for (const doc of page.documents) seen.set(doc.id, (seen.get(doc.id) ?? 0) + 1);
          after = page.checkpoint.seq;
        }
      };
      // Pull continuously while the pushes are in flight, so a skipped seq would be missed for good.
      const pushes = Promise.all(
        Array.from({ length: total }, (_, i) => push([{ newDocumentState: client(i + 1) }])),
      );
      let done = false;
      void pushes.finally(() => (done = true));
      while (!done) {
        await drain();
        // A device pulls when told to, not in a busy loop; a busy loop only starves PGlite's single session.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect((await pushes).every((res) => res.statusCode === 200)).toBe(true);
      await drain();
      expect(seen.size).toBe(total);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    });
  });
}
