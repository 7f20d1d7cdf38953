import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasurePaths, type Erasure, type PendingErasure } from '../../shared/domain/erasure';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients, seedEveryCollection } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { pushRequest, requestOf } from '../../tests/support/server/verified-request';

/**
 * Issue 16 review: only retention rules made partial erasures, so a request to erase the medical section alone could
 * only be answered by erasing the whole client. The admin schedules a part (`scope`) from the request; one pending
 * per part, none once the whole client's is pending; the client is not hidden (only the part goes).
 */
for (const engine of testEngines) {
  describe(`scheduling the erasure of a part of a client, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedEveryCollection(server, staff);
      await seedClients(server, staff.coordinator, [[8, []]]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const schedule = (payload: Record<string, unknown>) =>
      server.app.inject({
        method: 'POST',
        url: erasurePaths.erasures,
        headers: staff.admin.headers,
        payload: { clientId: clientId(8), basis: 'request', ...payload },
      });

    it('schedules the medical section from a request, which answers it; one pending per part', async () => {
      const { admin } = staff;
      const request = await requestOf(server, admin, clientId(8), {
        type: 'erasure',
        erasureScope: 'medical',
        status: 'in-progress',
      });
      expect((await pushRequest(server, admin, request)).statusCode).toBe(200);
      const res = await schedule({ scope: 'medical', reference: request.id, graceDays: 365 });
      expect(res.statusCode, res.body).toBe(201);
      const erasure = res.json<Erasure>();
      expect(erasure).toMatchObject({ scope: 'medical', status: 'scheduled', reference: request.id });
      expect((await schedule({ scope: 'medical' })).json()).toMatchObject({ reason: 'erasure-pending' });
      // Nobody hides the client: only its medical section goes.
      const pending = await server.app.inject({
        method: 'GET',
        url: erasurePaths.pending,
        headers: admin.headers,
      });
      expect(pending.json<PendingErasure[]>().map((e) => e.clientId)).not.toContain(clientId(8));
      // It answers the request.
      const now = Date.now();
      const answered = {
        ...request,
        status: 'answered' as const,
        action: { kind: 'erasure-scheduled' as const, by: admin.staffId, at: now },
        answer: { channel: 'email' as const, summary: 'Erased.', partial: false, by: admin.staffId, at: now },
      };
      const pushed = await server.app.inject({
        method: 'POST',
        url: '/sync/requests/push',
        headers: admin.headers,
        payload: [
          {
            newDocumentState: { ...answered, updatedAt: now, _deleted: false },
            assumedMasterState: { ...request, _deleted: false },
          },
        ],
      });
      expect(pushed.statusCode, pushed.body).toBe(200);
    });

    it('takes the whole client over a pending part, then refuses any part', async () => {
      expect((await schedule({ scope: 'client', graceDays: 365 })).statusCode).toBe(201);
      const passport = await schedule({ scope: 'passport' });
      expect(passport.statusCode).toBe(409);
      expect(passport.json()).toMatchObject({ reason: 'erasure-pending' });
      expect((await schedule({ scope: 'bogus' })).statusCode).toBe(400);
    });
  });
}
