import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authPaths, type Role } from '../../shared/index';
import {
  clientId,
  eventId,
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

    it("exports a client's documents of every collection that names the client", async () => {
      const res = await server.app.inject({
        method: 'GET',
        url: authPaths.clientExport(clientId(1)),
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
