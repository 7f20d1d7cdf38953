import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, erasurePaths, type Erasure, type ErasureCertificate } from '../../shared/domain/erasure';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ChangeStore } from '../sync/change-store';
import { ErasureStore } from './erasure-store';

for (const engine of testEngines) {
  describe(`who may confirm a purge (POST /erasures/:id/confirm), on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let store: ErasureStore;
    /** Erasure of client n. */
    const erasureOf: Record<number, Erasure> = {};
    const t0 = Date.now();

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      // Client 1 is the concierge's (a former assignee once erased), client 2 nobody's.
      await seedClients(server, staff.coordinator, [
        [1, [staff.concierge.staffId]],
        [2, []],
      ]);
      store = new ErasureStore(handle.db, new ChangeStore(handle.db));
      for (const n of [1, 2])
        erasureOf[n] = await store.schedule(
          staff.admin.staffId,
          { clientId: clientId(n), basis: 'decision' },
          t0 + n,
        );
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const confirm = (as: TestStaff, id: string, payload?: Record<string, unknown>) =>
      server.app.inject({
        method: 'POST',
        url: erasurePaths.confirm(id),
        headers: as.headers,
        ...(payload ? { payload } : {}),
      });
    const confirmations = () =>
      handle.db.query<{ erasure_id: string; device_id: string; confirmed_at: string | number }>(
        'SELECT erasure_id, device_id, confirmed_at FROM erasure_confirmations ORDER BY erasure_id, device_id',
      );

    it('refuses an erasure not carried out yet, even to the device that holds the client', async () => {
      const res = await confirm(staff.concierge, erasureOf[1]!.id);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ reason: 'erasure-not-executed' });
      expect(await confirmations()).toEqual([]);
    });

    it('refuses a device whose person could never hold the client, and a device naming another one; nothing recorded', async () => {
      expect((await store.run(t0 + 31 * DAY_MS)).executed).toHaveLength(2);
      const outOfReach = await confirm(staff.concierge, erasureOf[2]!.id);
      expect(outOfReach.statusCode).toBe(403);
      expect(outOfReach.json()).toMatchObject({ reason: 'erasure-out-of-reach' });
      const forAnother = await confirm(staff.concierge, erasureOf[1]!.id, {
        deviceId: staff.coordinator.deviceId,
      });
      expect(forAnother.statusCode).toBe(403);
      expect(forAnother.json()).toMatchObject({ reason: 'device-not-caller' });
      const malformed = await confirm(staff.concierge, erasureOf[1]!.id, { deviceId: 7, staffId: 'x' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ reason: 'invalid-confirmation' });
      const unknown = await confirm(staff.coordinator, randomUUID());
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ reason: 'erasure-not-found' });
      expect(await confirmations()).toEqual([]);
    });

    it('records a device within reach once, in its own name; a repeat answers the first time', async () => {
      const first = await confirm(staff.concierge, erasureOf[1]!.id, { deviceId: staff.concierge.deviceId });
      expect(first.statusCode).toBe(200);
      const answer = first.json<{ confirmed: true; confirmedAt: number; repeated: boolean }>();
      expect(answer).toMatchObject({ confirmed: true, repeated: false });
      const again = await confirm(staff.concierge, erasureOf[1]!.id);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ ...answer, repeated: true });
      expect((await confirm(staff.coordinator, erasureOf[2]!.id)).statusCode).toBe(200);
      const rows = await confirmations();
      expect(rows.map((r) => [r.erasure_id, r.device_id])).toEqual(
        [
          [erasureOf[1]!.id, staff.concierge.deviceId],
          [erasureOf[2]!.id, staff.coordinator.deviceId],
        ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
      );
      expect(rows.find((r) => r.erasure_id === erasureOf[1]!.id)?.confirmed_at).toSatisfy(
        (at: string | number) => Number(at) === answer.confirmedAt,
      );
      const certificate = await server.app.inject({
        method: 'GET',
        url: erasurePaths.certificate(erasureOf[1]!.id),
        headers: staff.admin.headers,
      });
      expect(certificate.json<ErasureCertificate>().devices).toEqual([
        { deviceId: staff.concierge.deviceId, confirmedAt: answer.confirmedAt },
      ]);
    });

    it('refuses the erasure of a part of a client (no device is told to purge it)', async () => {
      const id = randomUUID();
      await handle.db.query(
        `INSERT INTO erasures (id, client_id, basis, scheduled_by, scheduled_at, due_at, status, scope, executed_at, report)
         VALUES ($1, $2, 'retention-rule', $3, $4, $4, 'executed', 'medical', $4, '{}'::jsonb)`,
        [id, clientId(1), staff.admin.staffId, t0],
      );
      const res = await confirm(staff.concierge, id);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ reason: 'erasure-partial' });
      expect(await confirmations()).toHaveLength(2);
    });

    it('refuses a revoked device (401), recording nothing', async () => {
      await handle.db.query(`UPDATE devices SET status = 'revoked' WHERE id = $1`, [staff.manager.deviceId]);
      const res = await confirm(staff.manager, erasureOf[1]!.id);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ reason: 'device-revoked' });
      expect(await confirmations()).toHaveLength(2);
    });
  });
}
