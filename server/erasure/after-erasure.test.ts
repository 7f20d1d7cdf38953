import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasurePaths } from '../../shared/domain/erasure';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { ChangeStore } from '../sync/change-store';
import { testEngines } from '../../tests/support/server/engines';
import {
  grantWrap,
  makerOf,
  pushAs,
  seedEveryCollection,
} from '../../tests/support/server/permission-documents';
import { clientId } from '../../tests/support/server/consent-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { ErasureStore } from './erasure-store';

/**
 * Issue 17 review: an erased client stays erased. A device that edited the client offline comes back and pushes its
 * edit over the stub (the merge keeps an edit alive against a deletion); a granter wraps the shredded key again; a
 * trip is added: each is refused, and nothing of it is stored. What the law keeps still takes late filings.
 */
for (const engine of testEngines) {
  describe(`after an erasure, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { clock: () => Date.now() }));
      await seedEveryCollection(server, staff);
      const scheduled = await server.app.inject({
        method: 'POST',
        url: erasurePaths.erasures,
        headers: staff.admin.headers,
        payload: { clientId: clientId(1), basis: 'request', graceDays: 0 },
      });
      expect(scheduled.statusCode).toBe(201);
      const run = await new ErasureStore(handle.db, new ChangeStore(handle.db)).run(Date.now() + 1000);
      expect(run.executed).toHaveLength(1);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const holding = async (needle: string) =>
      (await handle.db.query('SELECT id FROM sync_documents WHERE data::text LIKE $1', [`%${needle}%`]))
        .length;

    it('refuses the client pushed back over its stub, a new trip, and a new wrap of its shredded key', async () => {
      const client = makerOf('clients').make(1, [staff.concierge.staffId], staff.coordinator) as object;
      // Without the server's state it is a conflict, answered with the stub; with it, the device's merged edit.
      const conflict = await pushAs(server, staff.coordinator, 'clients', [client]);
      const [stub] = conflict.json<object[]>();
      expect(stub).toMatchObject({ _deleted: true });
      const back = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: staff.coordinator.headers,
        payload: [
          {
            assumedMasterState: stub,
            newDocumentState: { ...client, names: { latin: 'Hanako Resurrected' }, _deleted: false },
          },
        ],
      });
      expect(back.body).toContain('client-erased');
      const trip = makerOf('trips').make(1, [staff.concierge.staffId], staff.coordinator) as { id: string };
      const added = await pushAs(server, staff.coordinator, 'trips', [
        { ...trip, id: '00000000-0000-4000-9000-0000000009ff', title: 'Trip of Hanako Resurrected' },
      ]);
      expect(JSON.stringify(added.json())).toContain('client-erased');
      const wrapped = await pushAs(server, staff.manager, 'keyWraps', [
        grantWrap(1, staff.manager.deviceId, staff.manager.deviceId, [staff.concierge.staffId]),
      ]);
      expect(JSON.stringify(wrapped.json())).toContain('client-erased');
      expect(await holding('Resurrected')).toBe(0);
      expect(await holding(`${clientId(1)}.kg.`)).toBe(0);
    });

    it('leaves the other client writable', async () => {
      const trip = makerOf('trips').make(2, [], staff.coordinator) as { id: string };
      const res = await pushAs(server, staff.coordinator, 'trips', [
        { ...trip, id: '00000000-0000-4000-9000-0000000009fe', title: 'Trip of the other client' },
      ]);
      expect(res.json()).toEqual([]);
    });
  });
}
