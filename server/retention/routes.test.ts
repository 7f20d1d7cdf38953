import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  legalHoldPaths,
  type Client,
  type LegalHold,
  type Role,
  type WireDocument,
} from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { LegalHoldStore } from './legal-hold-store';

const clientId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const unknownId = '00000000-0000-4000-8fff-000000000000';

const client = (n: number): WireDocument<Client> => ({
  id: clientId(n),
  names: { latin: `Client ${n}` },
  status: 'active',
  assignedStaffIds: [],
  createdAt: 1,
  updatedAt: 1,
  _deleted: false,
});

for (const engine of testEngines) {
  describe(`legal holds on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let now = 1_700_000_000_000;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { clock: () => now }));
      const seeded = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: staff.coordinator.headers,
        payload: [1, 2].map((n) => ({ newDocumentState: client(n) })),
      });
      expect(seeded.json()).toEqual([]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const apply = (as: TestStaff, payload: object) =>
      server.app.inject({ method: 'POST', url: legalHoldPaths.holds, headers: as.headers, payload });
    const lift = (as: TestStaff, id: string, payload: object) =>
      server.app.inject({ method: 'POST', url: legalHoldPaths.lift(id), headers: as.headers, payload });
    const holdCount = async () =>
      Number((await handle.db.query<{ n: string }>('SELECT count(*) AS n FROM legal_holds'))[0]!.n);

    it('applies a hold, lists it, lifts it once, and keeps the record', async () => {
      now += 1;
      const applied = await apply(staff.admin, { clientId: clientId(1), reason: 'Matter 2026-014' });
      expect(applied.statusCode).toBe(201);
      const hold = applied.json<LegalHold>();
      expect(hold).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        clientId: clientId(1),
        reason: 'Matter 2026-014',
        appliedBy: staff.admin.staffId,
        appliedAt: now,
      });
      const store = new LegalHoldStore(handle.db);
      expect(await store.isHeld(clientId(1))).toBe(true);
      expect(await store.isHeld(clientId(2))).toBe(false);

      const listed = await server.app.inject({
        method: 'GET',
        url: `${legalHoldPaths.holds}?clientId=${clientId(1)}`,
        headers: staff.admin.headers,
      });
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toEqual([hold]);

      now += 1;
      const lifted = await lift(staff.admin, hold.id, { reason: 'Matter closed' });
      expect(lifted.statusCode).toBe(200);
      expect(lifted.json()).toEqual({
        ...hold,
        liftReason: 'Matter closed',
        liftedBy: staff.admin.staffId,
        liftedAt: now,
      });
      expect(await store.isHeld(clientId(1))).toBe(false);
      const liftedAt = now;

      now += 1;
      const again = await lift(staff.admin, hold.id, { reason: 'Matter closed' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ reason: 'hold-already-lifted' });
      const [row] = await handle.db.query<{ lifted_at: string }>(
        'SELECT lifted_at FROM legal_holds WHERE id = $1',
        [hold.id],
      );
      expect(Number(row!.lifted_at)).toBe(liftedAt);
    });

    it('refuses bad input with 400 and a reason, writing nothing', async () => {
      const before = await holdCount();
      for (const payload of [
        { clientId: 'not-a-uuid', reason: 'Matter' },
        { clientId: clientId(1), reason: '' },
        { clientId: clientId(1), reason: 'x'.repeat(501) },
        { clientId: clientId(1) },
        { clientId: clientId(1), reason: 'Matter', extra: true },
      ]) {
        const res = await apply(staff.admin, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json()).toMatchObject({ error: 'invalid-request', reason: expect.any(String) });
      }
      const badLift = await lift(staff.admin, unknownId, { reason: '' });
      expect(badLift.statusCode).toBe(400);
      const badQuery = await server.app.inject({
        method: 'GET',
        url: `${legalHoldPaths.holds}?clientId=nope`,
        headers: staff.admin.headers,
      });
      expect(badQuery.statusCode).toBe(400);
      expect(await holdCount()).toBe(before);
    });

    it('answers 404 for an unknown client or hold', async () => {
      const before = await holdCount();
      const unknownClient = await apply(staff.admin, { clientId: unknownId, reason: 'Matter' });
      expect(unknownClient.statusCode).toBe(404);
      expect(unknownClient.json()).toMatchObject({ reason: 'client-not-found' });
      const unknownHold = await lift(staff.admin, unknownId, { reason: 'Closed' });
      expect(unknownHold.statusCode).toBe(404);
      expect(unknownHold.json()).toMatchObject({ reason: 'hold-not-found' });
      expect(await holdCount()).toBe(before);
    });

    it('refuses roles without runRetention (403) and callers without a token (401), writing nothing', async () => {
      const held = await apply(staff.admin, { clientId: clientId(2), reason: 'Matter 2026-015' });
      expect(held.statusCode).toBe(201);
      const before = await handle.db.query('SELECT * FROM legal_holds ORDER BY id');
      for (const role of ['concierge', 'coordinator', 'manager'] as const) {
        const applied = await apply(staff[role], { clientId: clientId(1), reason: 'Matter' });
        expect(applied.statusCode, role).toBe(403);
        expect(applied.json()).toMatchObject({ needs: 'capability:runRetention' });
        const lifted = await lift(staff[role], held.json<LegalHold>().id, { reason: 'Closed' });
        expect(lifted.statusCode, role).toBe(403);
        const listed = await server.app.inject({
          method: 'GET',
          url: legalHoldPaths.holds,
          headers: staff[role].headers,
        });
        expect(listed.statusCode, role).toBe(403);
        expect(listed.json()).toMatchObject({ needs: 'capability:runRetention|exportData' });
      }
      const anonymous = await server.app.inject({
        method: 'POST',
        url: legalHoldPaths.holds,
        payload: { clientId: clientId(1), reason: 'Matter' },
      });
      expect(anonymous.statusCode).toBe(401);
      expect(await handle.db.query('SELECT * FROM legal_holds ORDER BY id')).toEqual(before);
    });
  });
}
