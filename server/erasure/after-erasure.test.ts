import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasurePaths } from '../../shared/domain/erasure';
import type { DataSubjectRequest } from '../../shared/domain/request';
import { dueAtOf } from '../../shared/domain/request-rules';
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
 * trip is added: each is refused (403 `client-erased`, which the device parks), and nothing of it is stored. The
 * stubs the erasure wrote still go through as they are: a device sending one back (a retry, or as its own) is
 * answered, not refused.
 */
const LATE_PROVISION = '00000000-0000-4000-8300-0000000009ff';
const LATE_REQUEST = '00000000-0000-4000-8100-0000000009ff';

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
    /** Every stored row's id, sequence and content: what a refusal must leave as it was. */
    const everything = () =>
      handle.db.query(
        'SELECT id, collection, seq, deleted, data FROM sync_documents ORDER BY collection, id',
      );
    const refusedAsErased = (res: { statusCode: number; json(): unknown }) => {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ reason: 'client-erased' });
    };

    it('refuses the client pushed back over its stub, a new trip, and a new wrap of its shredded key', async () => {
      const before = await everything();
      const client = makerOf('clients').make(1, [staff.concierge.staffId], staff.coordinator) as object;
      // Without the server's state it is a conflict, answered with the stub; with it, the device's merged edit.
      const conflict = await pushAs(server, staff.coordinator, 'clients', [client]);
      expect(conflict.statusCode).toBe(200);
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
      refusedAsErased(back);
      const trip = makerOf('trips').make(1, [staff.concierge.staffId], staff.coordinator) as { id: string };
      const added = await pushAs(server, staff.coordinator, 'trips', [
        { ...trip, id: '00000000-0000-4000-9000-0000000009ff', title: 'Trip of Hanako Resurrected' },
      ]);
      refusedAsErased(added);
      const wrapped = await pushAs(server, staff.manager, 'keyWraps', [
        grantWrap(1, staff.manager.deviceId, staff.manager.deviceId, [staff.concierge.staffId]),
      ]);
      refusedAsErased(wrapped);
      expect(await holding('Resurrected')).toBe(0);
      expect(await holding(`${clientId(1)}.kg.`)).toBe(0);
      // The refusals changed nothing: no row, no sequence number, no content.
      expect(await everything()).toEqual(before);
    });

    it('answers the stub the erasure wrote when a device sends it back as it is', async () => {
      const before = await everything();
      const conflict = await pushAs(server, staff.coordinator, 'clients', [
        makerOf('clients').make(1, [], staff.coordinator) as object,
      ]);
      const [stub] = conflict.json<object[]>();
      // A retry of the server's own state, and the stub pushed as if the device had written it.
      const retry = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: staff.coordinator.headers,
        payload: [{ assumedMasterState: stub, newDocumentState: stub }],
      });
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual([]);
      const asOwn = await pushAs(server, staff.coordinator, 'clients', [stub!]);
      expect(asOwn.statusCode).toBe(200);
      expect(asOwn.json()).toEqual([]);
      expect(await everything()).toEqual(before);
    });

    it('keeps a provision record and a request filed late, reduced as the erasure left the others', async () => {
      // A device offline at the erasure files them afterwards, with words naming the client.
      const provision = {
        ...(makerOf('provisions').make(1, [staff.concierge.staffId], staff.coordinator) as object),
        id: LATE_PROVISION,
        notes: 'Faxed late for Hanako Latefiled',
      };
      const filed = await pushAs(server, staff.coordinator, 'provisions', [provision]);
      expect(filed.statusCode).toBe(200);
      expect(filed.json()).toEqual([]);
      const request = {
        ...(makerOf('requests').make(1, [staff.concierge.staffId], staff.admin) as object),
        id: LATE_REQUEST,
        details: 'Hanako Latefiled asks for every copy again',
      };
      // The DPO's (a coordinator is no longer assigned to an erased client's requests).
      const logged = await pushAs(server, staff.admin, 'requests', [request]);
      expect(logged.statusCode).toBe(200);
      expect(logged.json()).toEqual([]);

      expect(await holding('Latefiled')).toBe(0);
      const stored = async (id: string) => {
        const [row] = await handle.db.query<{ data: Record<string, unknown>; former_assignees: string[] }>(
          'SELECT data, former_assignees FROM sync_documents WHERE id = $1',
          [id],
        );
        return row!;
      };
      const keptProvision = await stored(LATE_PROVISION);
      expect(keptProvision.data).toMatchObject({
        clientId: clientId(1),
        kind: 'received',
        items: [{ key: 'test-results' }],
        obtainedHow: 'Tests the clinic ran',
        assignedStaffIds: [],
      });
      expect(keptProvision.data).not.toHaveProperty('notes');
      // The concierge it was filed for: their device receives its removal.
      expect(keptProvision.former_assignees).toContain(staff.concierge.staffId);
      const keptRequest = await stored(LATE_REQUEST);
      expect(keptRequest.data).toMatchObject({
        clientId: clientId(1),
        type: 'disclosure',
        assignedStaffIds: [],
      });
      expect(keptRequest.data).not.toHaveProperty('details');
    });

    it('takes those late filings from the concierge the client was assigned to, an EU client’s request too', async () => {
      const provision = {
        ...(makerOf('provisions').make(1, [staff.concierge.staffId], staff.concierge) as object),
        id: '00000000-0000-4000-8300-0000000009fe',
        notes: 'Handed back by Hanako Conciergefiled',
      };
      const filed = await pushAs(server, staff.concierge, 'provisions', [provision]);
      expect(filed.statusCode).toBe(200);
      expect(filed.json()).toEqual([]);
      const made = makerOf('requests').make(
        1,
        [staff.concierge.staffId],
        staff.concierge,
      ) as DataSubjectRequest;
      const request = {
        ...made,
        id: '00000000-0000-4000-8100-0000000009fe',
        details: 'Hanako Conciergefiled asked at the hotel desk',
        // Worked out on the device from the client's EU nationality, which the erased client's stub no longer holds.
        gdprBasis: 'nationality',
        dueAt: dueAtOf({ ...made, gdprBasis: 'nationality' }),
      };
      const logged = await pushAs(server, staff.concierge, 'requests', [request]);
      expect(logged.statusCode).toBe(200);
      expect(logged.json()).toEqual([]);
      expect(await holding('Conciergefiled')).toBe(0);
      const [kept] = await handle.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM sync_documents WHERE id IN ($1, $2)`,
        ['00000000-0000-4000-8300-0000000009fe', '00000000-0000-4000-8100-0000000009fe'],
      );
      expect(kept!.n).toBe(2);
      // A trip is not a record the law keeps: still refused.
      const trip = makerOf('trips').make(1, [staff.concierge.staffId], staff.concierge) as { id: string };
      refusedAsErased(
        await pushAs(server, staff.concierge, 'trips', [
          { ...trip, id: '00000000-0000-4000-9000-0000000009fd' },
        ]),
      );
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
