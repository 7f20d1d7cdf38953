import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedRequestFor } from '../../tests/support/server/verified-request';
import { authPaths, type Role } from '../../shared/index';
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

    it('exports nothing before the requester’s identity is verified, nor without a request', async () => {
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
      const events = await handle.db.query(
        `SELECT 1 FROM staff_events WHERE kind = 'client-data-exported' AND detail->>'clientId' = $1`,
        [clientId(1)],
      );
      expect(events).toHaveLength(0);
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
