import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  shareRequestPaths,
  type Client,
  type Role,
  type ShareRequest,
  type WireDocument,
} from '../../shared/index';
import type { LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import { organisationServer, type TestStaff } from '../../tests/support/server/staff';
import {
  ensureTestNotice,
  PARTNER_JP,
  pushAs,
  shareConsents,
} from '../../tests/support/server/permission-documents';
import {
  bookedFor,
  partnerDocument,
  seedBookedTrip,
  seedPartners,
} from '../../tests/support/server/share-partners';

const clientId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const unknownId = '00000000-0000-4000-8fff-000000000000';

const client = (n: number, assignedStaffIds: string[]): WireDocument<Client> => ({
  id: clientId(n),
  names: { latin: `Client ${n}` },
  status: 'active',
  assignedStaffIds,
  createdAt: 1,
  updatedAt: 1,
  _deleted: false,
});

const asking = (n: number) => ({
  clientId: clientId(n),
  partnerName: 'Kyoto Clinic',
  partnerId: PARTNER_JP,
  partnerCountry: 'JP',
  purpose: 'Treatment planning',
  purposeCode: 'treatment-arrangement',
  fields: ['names', 'passport', 'medical.allergies'],
  ...bookedFor(n),
});

for (const engine of testEngines) {
  describe(`share requests on ${engine.name}`, () => {
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
      // Issue 15: the partner in the directory, and each client's trip item booked with it.
      const kyoto = await partnerDocument(staff.manager, PARTNER_JP, 'JP', {}, now);
      await seedPartners(server, staff.manager, [
        { ...kyoto, names: { en: 'Kyoto Clinic', ja: '京都クリニック' } },
      ]);
      // Each client consented to the provision to the partner (share-consent.test.ts tests the gate).
      await ensureTestNotice(server);
      const consents = await pushAs(server, staff.coordinator, 'consents', [
        ...shareConsents(staff.coordinator, 1, PARTNER_JP, 'JP', [staff.concierge.staffId], now - 1000),
        ...shareConsents(staff.coordinator, 2, PARTNER_JP, 'JP', [], now - 1000),
      ]);
      expect(consents.json()).toEqual([]);
      await seedBookedTrip(server, staff.coordinator, 1, PARTNER_JP, [staff.concierge.staffId]);
      await seedBookedTrip(server, staff.coordinator, 2, PARTNER_JP, []);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const ask = (as: TestStaff, payload: object) =>
      server.app.inject({ method: 'POST', url: shareRequestPaths.requests, headers: as.headers, payload });
    const decide = (as: TestStaff, action: 'approve' | 'refuse', id: string, payload: object = {}) =>
      server.app.inject({ method: 'POST', url: shareRequestPaths[action](id), headers: as.headers, payload });
    const rows = () => handle.db.query('SELECT * FROM share_requests ORDER BY id');

    it('records a pending request by a concierge for an assigned client, and its approval', async () => {
      now += 1;
      const asked = await ask(staff.concierge, asking(1));
      expect(asked.statusCode).toBe(201);
      const request = asked.json<ShareRequest>();
      expect(request).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ...asking(1),
        status: 'pending',
        requestedBy: staff.concierge.staffId,
        requestedAt: now,
      });
      const pending = await server.app.inject({
        method: 'GET',
        url: `${shareRequestPaths.requests}?status=pending`,
        headers: staff.manager.headers,
      });
      expect(pending.statusCode).toBe(200);
      expect(pending.json<ShareRequest[]>().map((r) => r.id)).toContain(request.id);

      now += 1;
      const approved = await decide(staff.manager, 'approve', request.id, { note: 'Consent on file' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toEqual({
        ...request,
        status: 'approved',
        decidedBy: staff.manager.staffId,
        decidedAt: now,
        decisionNote: 'Consent on file',
      });
      const stillPending = await server.app.inject({
        method: 'GET',
        url: `${shareRequestPaths.requests}?status=pending`,
        headers: staff.manager.headers,
      });
      expect(stillPending.json<ShareRequest[]>().map((r) => r.id)).not.toContain(request.id);
    });

    it('answers 409 to a second decision, leaving the first', async () => {
      const request = (await ask(staff.coordinator, asking(2))).json<ShareRequest>();
      // A refusal needs its reason: without one, nothing is decided.
      const unexplained = await rows();
      for (const payload of [{}, { note: '   ' }]) {
        const silent = await decide(staff.manager, 'refuse', request.id, payload);
        expect(silent.statusCode).toBe(400);
        expect(silent.json()).toMatchObject({ reason: 'refusal-reason-required' });
      }
      expect(await rows()).toEqual(unexplained);
      const refused = await decide(staff.manager, 'refuse', request.id, { note: 'Not needed for the stay' });
      expect(refused.statusCode).toBe(200);
      expect(refused.json()).toMatchObject({
        status: 'refused',
        decidedBy: staff.manager.staffId,
        decisionNote: 'Not needed for the stay',
      });
      const before = await rows();
      for (const action of ['approve', 'refuse'] as const) {
        const again = await decide(staff.manager, action, request.id);
        expect(again.statusCode, action).toBe(409);
        expect(again.json()).toMatchObject({ reason: 'request-already-decided' });
      }
      expect(await rows()).toEqual(before);
    });

    it('asks again for a request made before the directory (no booked item), approving nothing', async () => {
      const old = '00000000-0000-4000-8eee-000000000001';
      await handle.db.query(
        `INSERT INTO share_requests (id, client_id, partner_name, partner_id, partner_country, purpose, fields,
                                     status, requested_by, requested_at)
         VALUES ($1, $2, 'Kyoto Clinic', $3, 'JP', 'Admission', '["names"]', 'pending', $4, $5)`,
        [old, clientId(1), PARTNER_JP, staff.concierge.staffId, now],
      );
      const before = await rows();
      const res = await decide(staff.manager, 'approve', old);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ reason: 'share-ask-again' });
      expect(await rows()).toEqual(before);
    });

    it("refuses the approver's own request with 403 own-request, writing nothing", async () => {
      const request = (await ask(staff.manager, asking(2))).json<ShareRequest>();
      const before = await rows();
      for (const action of ['approve', 'refuse'] as const) {
        const own = await decide(staff.manager, action, request.id);
        expect(own.statusCode, action).toBe(403);
        expect(own.json()).toMatchObject({ reason: 'own-request' });
      }
      expect(await rows()).toEqual(before);
    });

    it('answers 404 to a concierge asking about a client out of reach, or one that does not exist', async () => {
      const before = await rows();
      for (const [as, n] of [
        [staff.concierge, 2],
        [staff.coordinator, 0xfff],
      ] as const) {
        const res = await ask(as, asking(n));
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ reason: 'client-not-found' });
      }
      expect(await rows()).toEqual(before);
    });

    it('answers 404 to a decision on an unknown request', async () => {
      const res = await decide(staff.manager, 'approve', unknownId);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ reason: 'request-not-found' });
    });

    it('refuses bad input with 400 and a reason, writing nothing', async () => {
      const before = await rows();
      for (const payload of [
        { ...asking(1), clientId: 'not-a-uuid' },
        { ...asking(1), partnerName: '' },
        { ...asking(1), partnerName: 'p'.repeat(201) },
        { ...asking(1), purpose: 'p'.repeat(501) },
        { ...asking(1), fields: [] },
        { ...asking(1), fields: ['medical.everything'] },
        { ...asking(1), fields: ['names', 'names'] },
        { ...asking(1), partnerName: 'Two\nlines' },
        { ...asking(1), sendNow: true },
      ]) {
        const res = await ask(staff.concierge, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json()).toMatchObject({ error: 'invalid-request', reason: expect.any(String) });
      }
      const request = (await ask(staff.concierge, asking(1))).json<ShareRequest>();
      const afterAsk = await rows();
      expect(afterAsk).toHaveLength(before.length + 1);
      for (const payload of [{ note: '' }, { note: 'n'.repeat(501) }, { approved: true }]) {
        const res = await decide(staff.manager, 'approve', request.id, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      }
      const badId = await decide(staff.manager, 'approve', 'nope');
      expect(badId.statusCode).toBe(400);
      const badStatus = await server.app.inject({
        method: 'GET',
        url: `${shareRequestPaths.requests}?status=sent`,
        headers: staff.manager.headers,
      });
      expect(badStatus.statusCode).toBe(400);
      expect(await rows()).toEqual(afterAsk);
    });

    it('keeps deciding and listing to approveShares (403) and everything to signed-in staff (401)', async () => {
      const request = (await ask(staff.concierge, asking(1))).json<ShareRequest>();
      const before = await rows();
      for (const role of ['concierge', 'coordinator', 'admin'] as const) {
        const res = await decide(staff[role], 'approve', request.id);
        expect(res.statusCode, role).toBe(403);
        expect(res.json()).toMatchObject({ needs: 'capability:approveShares' });
        const listed = await server.app.inject({
          method: 'GET',
          url: shareRequestPaths.requests,
          headers: staff[role].headers,
        });
        expect(listed.statusCode, role).toBe(403);
      }
      const anonymous = await server.app.inject({
        method: 'POST',
        url: shareRequestPaths.requests,
        payload: asking(1),
      });
      expect(anonymous.statusCode).toBe(401);
      expect(await rows()).toEqual(before);
    });
  });
}
