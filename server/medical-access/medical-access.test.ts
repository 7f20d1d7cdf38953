import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  medicalAccessPaths,
  type Client,
  type MedicalAccessRequest,
  type Role,
  type WireDocument,
} from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';

const clientId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const client = (n: number, assignedStaffIds: string[]): WireDocument<Client> => ({
  id: clientId(n),
  names: { latin: `Client ${n}` },
  status: 'active',
  assignedStaffIds,
  createdAt: 1,
  updatedAt: 1,
  _deleted: false,
});

for (const engine of testEngines) {
  describe(`requests for medical access on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;
    let now = 1_700_000_000_000;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db, { clock: () => now }));
      // Client 1 is the concierge's, client 2 nobody's.
      const seeded = await server.app.inject({
        method: 'POST',
        url: '/sync/clients/push',
        headers: staff.coordinator.headers,
        payload: [client(1, [staff.concierge.staffId]), client(2, [])].map((doc) => ({
          newDocumentState: doc,
        })),
      });
      expect(seeded.json()).toEqual([]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const ask = (as: TestStaff, payload: object) =>
      server.app.inject({ method: 'POST', url: medicalAccessPaths.requests, headers: as.headers, payload });
    const open = async (as: TestStaff) =>
      (
        await server.app.inject({ method: 'GET', url: medicalAccessPaths.requests, headers: as.headers })
      ).json<MedicalAccessRequest[]>();
    const close = (as: TestStaff, id: string, outcome: string) =>
      server.app.inject({
        method: 'POST',
        url: medicalAccessPaths.close(id),
        headers: as.headers,
        payload: { outcome },
      });
    const rows = () => handle.db.query('SELECT * FROM medical_access_requests ORDER BY asked_at, id');

    it('a concierge asks for an assigned client once; a coordinator sees it and grants it; it is closed for good', async () => {
      now += 1;
      const asked = await ask(staff.concierge, { clientId: clientId(1) });
      expect(asked.statusCode).toBe(201);
      const request = asked.json<MedicalAccessRequest>();
      expect(request).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        clientId: clientId(1),
        askedBy: staff.concierge.staffId,
        askedAt: now,
        status: 'open',
      });
      // Asked twice while open: refused, nothing added.
      expect((await ask(staff.concierge, { clientId: clientId(1) })).statusCode).toBe(409);
      expect(await rows()).toHaveLength(1);

      expect((await open(staff.coordinator)).map((r) => r.id)).toEqual([request.id]);
      expect((await open(staff.concierge)).map((r) => r.id)).toEqual([request.id]);

      // The asker cannot grant themselves; a concierge cannot answer; the coordinator can.
      expect((await close(staff.concierge, request.id, 'granted')).statusCode).toBe(403);
      now += 1;
      const granted = await close(staff.coordinator, request.id, 'granted');
      expect(granted.statusCode).toBe(200);
      expect(granted.json()).toMatchObject({
        status: 'granted',
        closedBy: staff.coordinator.staffId,
        closedAt: now,
      });
      expect((await close(staff.manager, request.id, 'declined')).statusCode).toBe(409);
      expect(await open(staff.coordinator)).toEqual([]);
    });

    it('a client the asker does not reach is not found, and nothing is stored', async () => {
      const before = await rows();
      const refused = await ask(staff.concierge, { clientId: clientId(2) });
      expect(refused.statusCode).toBe(404);
      expect((await ask(staff.concierge, { clientId: clientId(99) })).statusCode).toBe(404);
      expect(await rows()).toEqual(before);
    });

    it('the asker withdraws their own request; nobody else may withdraw it; a declined one can be asked again', async () => {
      now += 1;
      const request = (await ask(staff.coordinator, { clientId: clientId(2) })).json<MedicalAccessRequest>();
      expect((await close(staff.manager, request.id, 'withdrawn')).statusCode).toBe(403);
      expect((await close(staff.coordinator, request.id, 'withdrawn')).json()).toMatchObject({
        status: 'withdrawn',
      });
      const again = (await ask(staff.coordinator, { clientId: clientId(2) })).json<MedicalAccessRequest>();
      expect((await close(staff.manager, again.id, 'declined')).json()).toMatchObject({ status: 'declined' });
      // A concierge sees neither (not theirs, and they may not grant).
      expect(await open(staff.concierge)).toEqual([]);
    });

    it('refuses malformed bodies and unknown outcomes with 400, and an unknown request with 404', async () => {
      expect((await ask(staff.concierge, { clientId: 'not-a-uuid' })).statusCode).toBe(400);
      expect((await ask(staff.concierge, { clientId: clientId(1), extra: 1 })).statusCode).toBe(400);
      const request = (await ask(staff.concierge, { clientId: clientId(1) })).json<MedicalAccessRequest>();
      expect((await close(staff.coordinator, request.id, 'approved')).statusCode).toBe(400);
      expect((await close(staff.coordinator, clientId(77), 'granted')).statusCode).toBe(404);
      expect((await open(staff.coordinator)).map((r) => r.status)).toEqual(['open']);
    });
  });
}
