import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authPaths,
  shareRequestPaths,
  type InvitationResponse,
  type EnrolResponse,
  type Role,
  type ShareRequest,
  type StaffView,
} from '../../shared/index';
import {
  ensureTestNotice,
  makerOf,
  PARTNER_JP,
  pushAs,
  shareConsents,
} from '../../tests/support/server/permission-documents';
import type { LuminaServer } from '../app';
import {
  bookedFor,
  partnerDocument,
  seedBookedTrip,
  seedPartners,
} from '../../tests/support/server/share-partners';
import { testEngines } from '../../tests/support/server/engines';
import {
  addStaff,
  logIn,
  newDeviceKeys,
  organisationServer,
  type TestStaff,
} from '../../tests/support/server/staff';

/** Issue 22, finding 11: two people (not one person and their creation), and who sees whose devices. */

for (const engine of testEngines) {
  describe(`two people, and devices seen, on ${engine.name}`, () => {
    let server: LuminaServer;
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let staff: Record<Role, TestStaff>;

    beforeAll(async () => {
      handle = await engine.open();
      ({ server, staff } = await organisationServer(handle.db));
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    const post = (as: TestStaff, url: string, payload: object = {}) =>
      server.app.inject({ method: 'POST', url, headers: as.headers, payload });

    it('refuses a share approved by a manager the requester invited and enrolled, and records the real two', async () => {
      const { manager, coordinator } = staff;
      // The manager invites a second "manager", enrols it with keys of their own and approves its device.
      const invitation = await post(manager, authPaths.invitations, {
        displayName: 'Puppet',
        role: 'manager',
      });
      expect(invitation.statusCode).toBe(201);
      const keys = newDeviceKeys();
      const enrol = await server.app.inject({
        method: 'POST',
        url: authPaths.enrolments,
        payload: { invitationCode: invitation.json<InvitationResponse>().code, device: keys.registration },
      });
      const enrolment = enrol.json<EnrolResponse>();
      const approved = await post(manager, authPaths.approveEnrolment(enrolment.enrolmentId), {
        fingerprintConfirmed: true,
      });
      expect(approved.statusCode).toBe(200);
      const session = await logIn(server.app, enrolment.deviceId, keys);
      const puppet = { ...manager, staffId: enrolment.staffId, deviceId: enrolment.deviceId, keys };
      puppet.headers = { authorization: `Bearer ${session.token}` };

      const seeded = await pushAs(server, coordinator, 'clients', [
        makerOf('clients').make(1, [], coordinator),
      ]);
      expect(seeded.json()).toEqual([]);
      await ensureTestNotice(server);
      // Issue 15: the partner in the directory, and a trip item of client 1 booked with it.
      await seedPartners(server, manager, [await partnerDocument(manager, PARTNER_JP, 'JP')]);
      expect(
        (
          await pushAs(server, coordinator, 'consents', shareConsents(coordinator, 1, PARTNER_JP, 'JP', []))
        ).json(),
      ).toEqual([]);
      await seedBookedTrip(server, coordinator, 1, PARTNER_JP, []);
      const asked = await post(manager, shareRequestPaths.requests, {
        clientId: makerOf('clients').id(1),
        partnerName: 'Kyoto Clinic',
        partnerId: PARTNER_JP,
        partnerCountry: 'JP',
        purpose: 'Treatment planning',
        purposeCode: 'treatment-arrangement',
        fields: ['names'],
        ...bookedFor(1),
      });
      expect(asked.statusCode).toBe(201);
      const requestId = asked.json<ShareRequest>().id;
      const byPuppet = await post(puppet, shareRequestPaths.approve(requestId));
      expect(byPuppet.statusCode).toBe(403);
      expect(byPuppet.json()).toMatchObject({ reason: 'approver-vouched-by-requester' });
      const [row] = await handle.db.query<{ status: string }>(
        'SELECT status FROM share_requests WHERE id = $1',
        [requestId],
      );
      expect(row?.status).toBe('pending');
      // A manager the admin brought in is a second person: their approval stands, recorded with the requester.
      const second = await addStaff(server.app, staff.admin, 'manager', 'Second manager');
      const bySecond = await post(second, shareRequestPaths.approve(requestId));
      expect(bySecond.statusCode).toBe(200);
      expect(bySecond.json()).toMatchObject({
        status: 'approved',
        requestedBy: manager.staffId,
        decidedBy: second.staffId,
      });
    });

    it('shows a concierge only their own devices; managers and admins every device', async () => {
      const get = (as: TestStaff) =>
        server.app.inject({ method: 'GET', url: authPaths.staff, headers: as.headers });
      const { concierge, manager, admin, coordinator } = staff;
      for (const viewer of [concierge, coordinator]) {
        const res = await get(viewer);
        expect(res.statusCode).toBe(200);
        const people = res.json<StaffView[]>();
        // Everyone is listed (clients are assigned to them), with nobody's devices but the viewer's.
        expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([admin.staffId, manager.staffId]));
        for (const person of people) {
          if (person.id === viewer.staffId) {
            expect(person.devices.map((d) => d.id)).toEqual([viewer.deviceId]);
          } else {
            expect(person.devices).toEqual([]);
          }
        }
      }
      for (const viewer of [manager, admin]) {
        const people = (await get(viewer)).json<StaffView[]>();
        const ofConcierge = people.find((p) => p.id === concierge.staffId);
        expect(ofConcierge?.devices.map((d) => d.id)).toEqual([concierge.deviceId]);
        expect(ofConcierge?.devices[0]?.lastSeenAt).toEqual(expect.any(Number));
      }
    });
  });
}
