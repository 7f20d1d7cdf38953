import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasurePaths, type Erasure } from '../../shared/domain/erasure';
import type { Role } from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { clientId, seedClients, seedEveryCollection } from '../../tests/support/server/permission-documents';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import { pushRequest, requestOf } from '../../tests/support/server/verified-request';

/**
 * Issue 16 review F2: an erasure request stayed answered when the erasure answering it was cancelled in its grace
 * period. The cancellation is refused (409 `erasure-answers-request`) while a request of the register, answered or
 * open with the erasure recorded as its action, rests on it alone; nothing is changed then.
 */
for (const engine of testEngines) {
  describe(`cancelling an erasure a request rests on, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
      await seedEveryCollection(server, staff);
      await seedClients(server, staff.coordinator, [
        [5, []],
        [6, []],
        [7, []],
      ]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const schedule = async (client: string, reference: string) => {
      const res = await server.app.inject({
        method: 'POST',
        url: erasurePaths.erasures,
        headers: staff.admin.headers,
        payload: { clientId: client, basis: 'request', reference },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Erasure>();
    };
    const cancel = (id: string) =>
      server.app.inject({
        method: 'POST',
        url: erasurePaths.cancel(id),
        headers: staff.admin.headers,
        payload: {},
      });
    const statusOf = async (id: string) =>
      (await handle.db.query<{ status: string }>('SELECT status FROM erasures WHERE id = $1', [id]))[0]
        ?.status;

    /** An erasure request of the client, verified and received a second ago, then its erasure scheduled. */
    async function requestAndErasure(client: string, answered: boolean) {
      const { admin } = staff;
      const request = await requestOf(server, admin, client, { type: 'erasure', status: 'in-progress' });
      expect((await pushRequest(server, admin, request)).statusCode).toBe(200);
      const erasure = await schedule(client, request.id);
      const now = Date.now();
      const acted = {
        ...request,
        action: { kind: 'erasure-scheduled' as const, by: admin.staffId, at: now },
        ...(answered
          ? {
              status: 'answered' as const,
              answer: {
                channel: 'email' as const,
                summary: 'Erased.',
                partial: false,
                by: admin.staffId,
                at: now,
              },
            }
          : {}),
        updatedAt: now,
      };
      const res = await server.app.inject({
        method: 'POST',
        url: '/sync/requests/push',
        headers: admin.headers,
        payload: [
          {
            newDocumentState: { ...acted, _deleted: false },
            assumedMasterState: { ...request, _deleted: false },
          },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      return erasure;
    }

    it('refuses to cancel the erasure an answered request rests on, and leaves it scheduled', async () => {
      const erasure = await requestAndErasure(clientId(5), true);
      const res = await cancel(erasure.id);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ reason: 'erasure-answers-request' });
      expect(await statusOf(erasure.id)).toBe('scheduled');
    });

    it('refuses it too while the request is open with the erasure recorded as its action', async () => {
      const erasure = await requestAndErasure(clientId(6), false);
      expect((await cancel(erasure.id)).json()).toMatchObject({ reason: 'erasure-answers-request' });
      expect(await statusOf(erasure.id)).toBe('scheduled');
    });

    it('cancels an erasure no request rests on (the client’s request not yet acted on)', async () => {
      const { admin } = staff;
      const client = clientId(7);
      const request = await requestOf(server, admin, client, { type: 'erasure', status: 'in-progress' });
      expect((await pushRequest(server, admin, request)).statusCode).toBe(200);
      const erasure = await schedule(client, randomUUID());
      const res = await cancel(erasure.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(await statusOf(erasure.id)).toBe('cancelled');
    });
  });
}
