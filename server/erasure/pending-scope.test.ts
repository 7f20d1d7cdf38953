import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, erasurePaths, type PendingErasure } from '../../shared/domain/erasure';
import { readScope, ROLES, type Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ChangeStore } from '../sync/change-store';
import { ErasureStore } from './erasure-store';

for (const engine of testEngines) {
  describe(`the pending erasures a device reads, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let store: ErasureStore;
    const t0 = Date.now();

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      // Client 1 is the concierge's, 2 nobody's, 3 the concierge's until the erasure (then a former assignee).
      await seedClients(server, staff.coordinator, [
        [1, [staff.concierge.staffId]],
        [2, []],
        [3, [staff.concierge.staffId]],
      ]);
      store = new ErasureStore(handle.db, new ChangeStore(handle.db));
      for (const n of [1, 2, 3])
        await store.schedule(staff.admin.staffId, { clientId: clientId(n), basis: 'decision' }, t0 + n);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const pendingOf = async (role: Role) => {
      const res = await server.app.inject({
        method: 'GET',
        url: erasurePaths.pending,
        headers: staff[role].headers,
      });
      expect(res.statusCode, role).toBe(200);
      return res
        .json<PendingErasure[]>()
        .map((p) => p.clientId)
        .sort();
    };

    it('answers each role with the erasures of the clients it reads, and a concierge with its own only', async () => {
      expect(readScope('concierge', 'clients')).toBe('assigned');
      expect(await pendingOf('concierge')).toEqual([clientId(1), clientId(3)]);
      for (const role of ROLES.filter((r) => readScope(r, 'clients') === 'all'))
        expect(await pendingOf(role), role).toEqual([clientId(1), clientId(2), clientId(3)]);
    });

    it('still tells a former assignee of an executed erasure (its device has the client to purge)', async () => {
      const ran = await store.run(t0 + 31 * DAY_MS);
      expect(ran.executed).toHaveLength(3);
      expect(await pendingOf('concierge')).toEqual([clientId(1), clientId(3)]);
      const res = await server.app.inject({
        method: 'GET',
        url: erasurePaths.pending,
        headers: staff.concierge.headers,
      });
      expect(res.json<PendingErasure[]>().every((p) => p.executed)).toBe(true);
    });
  });
}
