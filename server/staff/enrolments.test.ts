import { describe, expect, it } from 'vitest';
import {
  authPaths,
  ENROLMENT_TTL_MS,
  type EnrolmentView,
  type InvitationResponse,
  type StaffView,
} from '../../shared/index';
import { fingerprint, loadSodium } from '../../shared/crypto/index';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import { identityServer } from '../../tests/support/server/identity-server';
import { testEngines } from '../../tests/support/server/engines';
import { addStaff, logIn, newDeviceKeys, setUpOrganisation } from '../../tests/support/server/staff';

const sodium = await loadSodium();

for (const engine of testEngines) {
  describe(`identity and devices on ${engine.name}`, () => {
    const t = identityServer(engine);
    const { inject, events, invite, enrol } = t;

    it('enrols an invited device only after another person approves it, comparing the same fingerprint', async () => {
      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      const invitation = await invite(admin, 'concierge');
      const { keys, enrolment } = await enrol(invitation.code);
      expect(enrolment.status).toBe('pending');
      expect(enrolment.fingerprint).toBe(
        fingerprint(
          sodium,
          decodeBase64Url(keys.registration.boxPublicKey)!,
          decodeBase64Url(keys.registration.signPublicKey)!,
        ),
      );
      // Pending: no session yet, and the code cannot be used twice.
      const early = await inject('POST', authPaths.challenge, undefined, { deviceId: enrolment.deviceId });
      expect([early.statusCode, early.json().reason]).toEqual([401, 'device-pending']);
      const reuse = await inject('POST', authPaths.enrolments, undefined, {
        invitationCode: invitation.code,
        device: newDeviceKeys().registration,
      });
      expect([reuse.statusCode, reuse.json().reason]).toEqual([400, 'invitation-invalid']);

      const pending = (await inject('GET', authPaths.enrolments, admin)).json<EnrolmentView[]>();
      expect(pending.map((e) => [e.enrolmentId, e.fingerprint])).toEqual([
        [enrolment.enrolmentId, enrolment.fingerprint],
      ]);
      const unconfirmed = await inject('POST', authPaths.approveEnrolment(enrolment.enrolmentId), admin, {});
      expect(unconfirmed.statusCode).toBe(400);
      const approved = await inject('POST', authPaths.approveEnrolment(enrolment.enrolmentId), admin, {
        fingerprintConfirmed: true,
      });
      expect(approved.json<EnrolmentView>()).toMatchObject({ status: 'approved', decidedBy: admin.staffId });
      expect((await inject('GET', authPaths.enrolment(enrolment.enrolmentId))).json().status).toBe(
        'approved',
      );
      const session = await logIn(t.server.app, enrolment.deviceId, keys);
      expect(session).toMatchObject({ role: 'concierge', staffId: enrolment.staffId });
      const again = await inject('POST', authPaths.approveEnrolment(enrolment.enrolmentId), admin, {
        fingerprintConfirmed: true,
      });
      expect([again.statusCode, again.json().reason]).toEqual([409, 'not-pending']);
      // Each sign-in is recorded too (issue 18): the admin's after set-up, the new device's after approval.
      expect(await events()).toEqual([
        'organisation-set-up',
        'session-opened',
        'staff-invited',
        'device-enrolment-requested',
        'device-approved',
        'session-opened',
      ]);
    });

    it('puts a second device of the same person through the same approval, never their own', async () => {
      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      const manager = await addStaff(t.server.app, admin, 'manager');
      const code = (await inject('POST', authPaths.deviceInvitation, manager, {})).json<InvitationResponse>()
        .code;
      const { keys, enrolment } = await enrol(code);
      expect(enrolment.staffId).toBe(manager.staffId);
      const own = await inject('POST', authPaths.approveEnrolment(enrolment.enrolmentId), manager, {
        fingerprintConfirmed: true,
      });
      expect([own.statusCode, own.json().reason]).toEqual([403, 'own-device']);
      await inject('POST', authPaths.approveEnrolment(enrolment.enrolmentId), admin, {
        fingerprintConfirmed: true,
      });
      await logIn(t.server.app, enrolment.deviceId, keys);
      const people = (await inject('GET', authPaths.staff, admin)).json<StaffView[]>();
      expect(people.find((p) => p.id === manager.staffId)!.devices.map((d) => d.status)).toEqual([
        'active',
        'active',
      ]);
    });

    it('records denial and expiry; neither device can authenticate', async () => {
      const admin = await setUpOrganisation(t.server.app, t.setupCode!);
      const denied = await enrol((await invite(admin)).code);
      await inject('POST', authPaths.denyEnrolment(denied.enrolment.enrolmentId), admin, {});
      const refused = await inject('POST', authPaths.challenge, undefined, {
        deviceId: denied.enrolment.deviceId,
      });
      expect([refused.statusCode, refused.json().reason]).toEqual([401, 'device-revoked']);

      const late = await enrol((await invite(admin)).code);
      t.now += ENROLMENT_TTL_MS + 1;
      const again = await logIn(t.server.app, admin.deviceId, admin.keys);
      admin.headers.authorization = `Bearer ${again.token}`;
      expect((await inject('GET', authPaths.enrolment(late.enrolment.enrolmentId))).json().status).toBe(
        'expired',
      );
      const approve = await inject('POST', authPaths.approveEnrolment(late.enrolment.enrolmentId), admin, {
        fingerprintConfirmed: true,
      });
      expect(approve.statusCode).toBe(409);
      expect(await events()).toEqual(expect.arrayContaining(['device-denied', 'device-enrolment-expired']));
    });
  });
}
