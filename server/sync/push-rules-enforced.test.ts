import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/index';
import {
  consentDocument,
  consentId,
  makerOf,
  envelope,
  grantWrap,
  pushAs,
  seedClients,
  signedConsent,
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
      const { coordinator, concierge } = staff;
      await seedClients(server, coordinator, [
        [400, [coordinator.staffId]],
        ...[410, 411, 420, 421, 430].map((n): [number, string[]] => [n, [concierge.staffId]]),
      ]);
    });
    afterAll(async () => {
      await server?.close();
      await handle?.drop();
    });

    it("refuses a wrap that the pushing device did not grant, whatever the pusher's role", async () => {
      const { coordinator, manager } = staff;
      const res = await pushAs(server, coordinator, 'keyWraps', [
        grantWrap(400, coordinator.deviceId, manager.deviceId, [coordinator.staffId]),
      ]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        reason: 'wrap-granter-not-caller',
        needs: 'write:keyWraps:granter',
      });
    });

    it("lets a concierge create a client's first key (own device, recovery) and nothing more", async () => {
      const { concierge, coordinator } = staff;
      const mine = [concierge.staffId];
      // The two wraps of the first key, in two pushes: the second meets the first on the server.
      const own = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(410, concierge.deviceId, concierge.deviceId, mine),
      ]);
      expect(own.statusCode).toBe(200);
      const recovery = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(410, 'org-recovery', concierge.deviceId, mine),
      ]);
      expect(recovery.statusCode).toBe(200);
      // Wrapping it for a colleague is a grant; deleting a wrap is a revocation; neither is a concierge's.
      const grant = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(410, coordinator.deviceId, concierge.deviceId, mine),
      ]);
      expect(grant.statusCode).toBe(403);
      expect(grant.json()).toMatchObject({ reason: 'wrap-grant-not-allowed' });
      const ownWrap = grantWrap(410, concierge.deviceId, concierge.deviceId, mine);
      const revoke = await server.app.inject({
        method: 'POST',
        url: '/sync/keyWraps/push',
        headers: concierge.headers,
        payload: [{ newDocumentState: { ...ownWrap, _deleted: true }, assumedMasterState: ownWrap }],
      });
      expect(revoke.statusCode).toBe(403);
      expect(revoke.json()).toMatchObject({ reason: 'wrap-delete-not-allowed' });
      // A client whose key a coordinator made already: no first key for the concierge.
      const coordinators = await pushAs(server, coordinator, 'keyWraps', [
        grantWrap(411, 'org-recovery', coordinator.deviceId, mine),
      ]);
      expect(coordinators.statusCode).toBe(200);
      const late = await pushAs(server, concierge, 'keyWraps', [
        grantWrap(411, concierge.deviceId, concierge.deviceId, mine),
      ]);
      expect(late.statusCode).toBe(403);
    });

    it('keeps audit events to their actor, written once', async () => {
      const { concierge, coordinator } = staff;
      const event = makerOf('auditEvents').make(420, [concierge.staffId], concierge);
      const forged = await pushAs(server, concierge, 'auditEvents', [
        makerOf('auditEvents').make(421, [concierge.staffId], coordinator),
      ]);
      expect(forged.statusCode).toBe(403);
      expect(forged.json()).toMatchObject({ reason: 'audit-actor-not-caller' });
      expect((await pushAs(server, concierge, 'auditEvents', [event])).statusCode).toBe(200);
      // A retry is accepted; a change is not.
      expect((await pushAs(server, concierge, 'auditEvents', [event])).statusCode).toBe(200);
      const changed = await server.app.inject({
        method: 'POST',
        url: '/sync/auditEvents/push',
        headers: concierge.headers,
        payload: [{ newDocumentState: { ...event, fields: ['allergies'] }, assumedMasterState: event }],
      });
      expect(changed.statusCode).toBe(403);
      expect(changed.json()).toMatchObject({ reason: 'audit-event-immutable' });
    });

    it('has consents recorded by the caller, and medical data written under one in force', async () => {
      const { concierge, coordinator } = staff;
      const mine = [concierge.staffId];
      // Signed by the coordinator's device, pushed by the concierge's.
      const recordedByAnother = await pushAs(server, concierge, 'consents', [
        consentDocument(consentId(430), 430, mine, coordinator),
      ]);
      expect(recordedByAnother.statusCode).toBe(403);
      expect(recordedByAnother.json()).toMatchObject({ reason: 'consent-recorder-not-caller' });
      const section = { ...makerOf('medical').make(430, mine, concierge), consentId: consentId(430) };
      const before = await pushAs(server, concierge, 'medical', [section]);
      expect(before.statusCode).toBe(403);
      expect(before.json()).toMatchObject({
        reason: 'medical-consent-missing',
        needs: 'write:medical:consent',
      });
      const consent = consentDocument(consentId(430), 430, mine, concierge);
      expect((await pushAs(server, concierge, 'consents', [consent])).statusCode).toBe(200);
      expect((await pushAs(server, concierge, 'medical', [section])).statusCode).toBe(200);
      const withdrawal = signedConsent(concierge, {
        id: consentId(431),
        clientId: consent.clientId,
        action: 'withdrawn',
        refersTo: consent.id,
        requestedBy: 'client',
        assignedStaffIds: mine,
      });
      const withdrawn = await pushAs(server, concierge, 'consents', [withdrawal]);
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      const edit = { ...section, history: envelope(431), updatedAt: 6 };
      const after = await server.app.inject({
        method: 'POST',
        url: '/sync/medical/push',
        headers: concierge.headers,
        payload: [{ newDocumentState: edit, assumedMasterState: section }],
      });
      expect(after.statusCode).toBe(403);
      expect(after.json()).toMatchObject({ reason: 'medical-consent-withdrawn' });
    });
  });
}
