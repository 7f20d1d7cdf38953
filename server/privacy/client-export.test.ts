import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedRequestFor } from '../../tests/support/server/verified-request';
import { authPaths, type Role } from '../../shared/index';
import type { ServerExportPart } from '../../shared/domain/request-export';
import {
  clientId,
  eventId,
  makerOf,
  medicalId,
  seedEveryCollection,
  tripId,
  wrapId,
} from '../../tests/support/server/permission-documents';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

for (const engine of testEngines) {
  describe(`the permission table, enforced by the server on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedEveryCollection(server, staff);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it('exports an incident naming the client by its fields about the client, never its free-text summary', async () => {
      const at = Date.now();
      await handle.db.query(
        `INSERT INTO incidents (id, discovered_at, discovered_by, recorded_by, recorded_at, facts, updated_at)
         VALUES ($1, $2, $3, $3, $2, $4, $2)`,
        [
          '00000000-0000-4000-8000-00000000e001',
          at,
          staff.admin.staffId,
          JSON.stringify({
            summary: 'Zelda Otherclient’s file sent with this one',
            clientIds: [clientId(1)],
            dataCategories: ['medical', 'contact'],
          }),
        ],
      );
      const requestId = await verifiedRequestFor(server, staff.admin, clientId(1));
      const res = await server.app.inject({
        method: 'GET',
        url: authPaths.clientExport(clientId(1), requestId),
        headers: staff.admin.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json<ServerExportPart>().incidents).toEqual([
        {
          id: '00000000-0000-4000-8000-00000000e001',
          discoveredAt: at,
          dataCategories: ['medical', 'contact'],
          status: 'open',
          notifications: [],
        },
      ]);
      expect(res.body).not.toContain('Zelda');
    });

    it('exports nothing before the requester’s identity is verified, nor without a request', async () => {
      const exportEvents = () =>
        handle.db.query(
          `SELECT 1 FROM staff_events WHERE kind = 'client-data-exported' AND detail->>'clientId' = $1`,
          [clientId(1)],
        );
      const before = (await exportEvents()).length;
      // The seeded request of client 1 is as received: not verified.
      const seeded = makerOf('requests').id(1);
      const unverified = await server.app.inject({
        method: 'GET',
        url: authPaths.clientExport(clientId(1), seeded),
        headers: staff.admin.headers,
      });
      expect(unverified.statusCode).toBe(409);
      expect(unverified.json()).toMatchObject({ reason: 'request-not-verified' });
      const otherClient = await server.app.inject({
        method: 'GET',
        url: authPaths.clientExport(clientId(2), seeded),
        headers: staff.admin.headers,
      });
      expect(otherClient.statusCode).toBe(404);
      const none = await server.app.inject({
        method: 'GET',
        url: `/export/clients/${clientId(1)}`,
        headers: staff.admin.headers,
      });
      expect(none.statusCode).toBe(400);
      expect(await exportEvents()).toHaveLength(before);
    });

    it('exports only for an open disclosure request: not for another type of request, nor a closed one', async () => {
      const exportEvents = () =>
        handle.db.query(
          `SELECT 1 FROM staff_events WHERE kind = 'client-data-exported' AND detail->>'clientId' = $1`,
          [clientId(1)],
        );
      const before = (await exportEvents()).length;
      const ask = (requestId: string) =>
        server.app.inject({
          method: 'GET',
          url: authPaths.clientExport(clientId(1), requestId),
          headers: staff.admin.headers,
        });
      for (const type of ['erasure', 'correction', 'cessation-of-use', 'enquiry'] as const) {
        const res = await ask(await verifiedRequestFor(server, staff.admin, clientId(1), { type }));
        expect(res.statusCode, type).toBe(409);
        expect(res.json()).toMatchObject({ reason: 'request-not-for-export' });
      }
      const withdrawn = await verifiedRequestFor(server, staff.admin, clientId(1), {
        status: 'withdrawn',
        withdrawnAt: Date.now() - 100,
        withdrawalReason: 'Received a copy already.',
        withdrawalChannel: 'email',
      });
      const closed = await ask(withdrawn);
      expect(closed.statusCode).toBe(409);
      expect(closed.json()).toMatchObject({ reason: 'request-closed' });
      expect(await exportEvents()).toHaveLength(before);
      // The provision records' disclosure (APPI Art. 33(5)) is answered by the export too.
      const provision = await verifiedRequestFor(server, staff.admin, clientId(1), {
        type: 'provision-records',
      });
      expect((await ask(provision)).statusCode).toBe(200);
    });

    it("exports a client's documents of every collection that names the client", async () => {
      const requestId = await verifiedRequestFor(server, staff.admin, clientId(1));
      const res = await server.app.inject({
        method: 'GET',
        url: authPaths.clientExport(clientId(1), requestId),
        headers: staff.admin.headers,
      });
      expect(res.statusCode).toBe(200);
      const exported = res.json<{ documents: Record<string, Array<{ id: string }>> }>().documents;
      expect(exported.clients?.map((d) => d.id)).toEqual([clientId(1)]);
      expect(exported.trips?.map((d) => d.id)).toEqual([tripId(1)]);
      expect(exported.medical?.map((d) => d.id)).toEqual([medicalId(1)]);
      expect(exported.keyWraps?.map((d) => d.id)).toEqual([wrapId(1)]);
      expect(exported.auditEvents?.map((d) => d.id)).toEqual([eventId(1)]);
    });
  });
}
