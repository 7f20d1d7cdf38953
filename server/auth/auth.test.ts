import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authPaths,
  ENROLMENT_TTL_MS,
  SESSION_TTL_MS,
  type EnrolmentView,
  type EnrolResponse,
  type InvitationResponse,
  type StaffView,
  type DirectoryStaffView,
} from '../../shared/index';
import { fingerprint, loadSodium, signAuthChallenge } from '../../shared/crypto/index';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import { buildServer, type LuminaServer } from '../app';
import { testEngines } from '../../tests/support/server/engines';
import {
  addStaff,
  logIn,
  newDeviceKeys,
  newRecoveryKeys,
  resetDatabase,
  setUpOrganisation,
  type TestStaff,
} from '../../tests/support/server/staff';

const sodium = await loadSodium();
const CLIENT = {
  id: '00000000-0000-4000-8000-0000000000c1',
  names: { latin: 'Auth Test' },
  status: 'active',
  assignedStaffIds: [] as string[],
  createdAt: 1,
  updatedAt: 1,
  _deleted: false,
};

for (const engine of testEngines) {
  describe(`identity and devices on ${engine.name}`, () => {
    let handle: Awaited<ReturnType<typeof engine.open>>;
    let server: LuminaServer;
    let setupCode: string | undefined;
    let now: number;

    const start = async () => {
      setupCode = undefined;
      server = await buildServer({
        db: handle.db,
        allowedOrigins: [],
        logLevel: 'silent',
        clock: () => now,
        onSetupCode: (code) => (setupCode = code),
      });
    };
    const inject = (method: 'GET' | 'POST', url: string, as?: TestStaff, payload?: unknown) =>
      server.app.inject({
        method,
        url,
        headers: as?.headers ?? {},
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const events = async () =>
      (await handle.db.query<{ kind: string }>('SELECT kind FROM staff_events ORDER BY id')).map(
        (e) => e.kind,
      );
    const invite = async (as: TestStaff, role = 'concierge') =>
      (
        await inject('POST', authPaths.invitations, as, { displayName: `New ${role}`, role })
      ).json<InvitationResponse>();
    const enrol = async (code: string, keys = newDeviceKeys()) => {
      const res = await inject('POST', authPaths.enrolments, undefined, {
        invitationCode: code,
        device: keys.registration,
      });
      expect(res.statusCode).toBe(201);
      return { keys, enrolment: res.json<EnrolResponse>() };
    };

    beforeAll(async () => {
      handle = await engine.open();
    });
    afterAll(async () => {
      await handle.drop();
    });
    beforeEach(async () => {
      now = Date.UTC(2026, 10, 24, 9);
      await resetDatabase(handle.db);
      await start();
    });
    afterEach(async () => {
      await server.close();
    });

    it('sets the organisation up once, with the one-time code it printed, and prints none after', async () => {
      expect(setupCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
      const keys = newDeviceKeys();
      const wrong = await inject('POST', authPaths.setup, undefined, {
        setupCode: 'ABCD-EFGH-JKMN-PQRS-TUVW',
        displayName: 'Mallory',
        device: keys.registration,
        recoveryPublicKey: newRecoveryKeys().publicKeyText,
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ reason: 'setup-code-invalid' });
      const admin = await setUpOrganisation(server.app, setupCode!.toLowerCase().replaceAll('-', ' '));
      expect(admin.role).toBe('admin');
      const again = await inject('POST', authPaths.setup, undefined, {
        setupCode,
        displayName: 'Second admin',
        device: newDeviceKeys().registration,
        recoveryPublicKey: newRecoveryKeys().publicKeyText,
      });
      expect(again.statusCode).toBe(409);
      await server.close();
      await start();
      expect(setupCode).toBeUndefined();
      // The code is stored as a hash only.
      const stored = await handle.db.query<{ code_hash: string }>('SELECT code_hash FROM setup_codes');
      expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.code_hash))).toBe(true);
    });

    it('keeps the recovery public key given at setup and serves it, with the staff directory, to any device', async () => {
      const keys = newDeviceKeys();
      const setUp = (recoveryPublicKey?: string) =>
        inject('POST', authPaths.setup, undefined, {
          setupCode,
          displayName: 'First admin',
          device: keys.registration,
          ...(recoveryPublicKey === undefined ? {} : { recoveryPublicKey }),
        });
      expect((await setUp()).statusCode).toBe(400);
      // 43 characters, but with trailing bits set: not the encoding of 32 bytes.
      const short = await setUp(`${'A'.repeat(42)}B`);
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ reason: 'recovery-key-invalid' });
      expect(await handle.db.query('SELECT 1 FROM organisation')).toEqual([]);

      const admin = await setUpOrganisation(server.app, setupCode!);
      expect((await inject('GET', authPaths.organisation)).statusCode).toBe(401);
      expect((await inject('GET', authPaths.directory)).statusCode).toBe(401);
      const concierge = await addStaff(server.app, admin, 'concierge', 'Kenji Mori');
      const organisation = await inject('GET', authPaths.organisation, concierge);
      expect(organisation.statusCode).toBe(200);
      expect(organisation.json()).toEqual({ recoveryPublicKey: admin.recovery.publicKeyText });

      const directory = await inject('GET', authPaths.directory, concierge);
      expect(directory.statusCode).toBe(200);
      // The test clock stands still: both were created at the same time, so the order is the ids'.
      const entries = directory.json<DirectoryStaffView[]>();
      const of = (list: DirectoryStaffView[], id: string) => list.find((e) => e.id === id);
      expect(entries.map((e) => e.id).sort()).toEqual([admin.staffId, concierge.staffId].sort());
      expect(of(entries, admin.staffId)).toMatchObject({
        displayName: 'Test admin',
        role: 'admin',
        status: 'active',
      });
      expect(of(entries, concierge.staffId)).toEqual({
        id: concierge.staffId,
        displayName: 'Kenji Mori',
        role: 'concierge',
        status: 'active',
        devices: [
          {
            id: concierge.deviceId,
            status: 'active',
            boxPublicKey: concierge.keys.registration.boxPublicKey,
            signPublicKey: concierge.keys.registration.signPublicKey,
          },
        ],
      });
      // A revoked device stays listed, as revoked: its old signatures must still verify.
      expect((await inject('POST', authPaths.deviceRevoke(concierge.deviceId), admin, {})).statusCode).toBe(
        200,
      );
      const after = (await inject('GET', authPaths.directory, admin)).json<DirectoryStaffView[]>();
      expect(of(after, concierge.staffId)!.devices.map((d) => [d.id, d.status])).toEqual([
        [concierge.deviceId, 'revoked'],
      ]);
    });

    it('enrols an invited device only after another person approves it, comparing the same fingerprint', async () => {
      const admin = await setUpOrganisation(server.app, setupCode!);
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
      const session = await logIn(server.app, enrolment.deviceId, keys);
      expect(session).toMatchObject({ role: 'concierge', staffId: enrolment.staffId });
      const again = await inject('POST', authPaths.approveEnrolment(enrolment.enrolmentId), admin, {
        fingerprintConfirmed: true,
      });
      expect([again.statusCode, again.json().reason]).toEqual([409, 'not-pending']);
      expect(await events()).toEqual([
        'organisation-set-up',
        'staff-invited',
        'device-enrolment-requested',
        'device-approved',
      ]);
    });

    it('puts a second device of the same person through the same approval, never their own', async () => {
      const admin = await setUpOrganisation(server.app, setupCode!);
      const manager = await addStaff(server.app, admin, 'manager');
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
      await logIn(server.app, enrolment.deviceId, keys);
      const people = (await inject('GET', authPaths.staff, admin)).json<StaffView[]>();
      expect(people.find((p) => p.id === manager.staffId)!.devices.map((d) => d.status)).toEqual([
        'active',
        'active',
      ]);
    });

    it('records denial and expiry; neither device can authenticate', async () => {
      const admin = await setUpOrganisation(server.app, setupCode!);
      const denied = await enrol((await invite(admin)).code);
      await inject('POST', authPaths.denyEnrolment(denied.enrolment.enrolmentId), admin, {});
      const refused = await inject('POST', authPaths.challenge, undefined, {
        deviceId: denied.enrolment.deviceId,
      });
      expect([refused.statusCode, refused.json().reason]).toEqual([401, 'device-revoked']);

      const late = await enrol((await invite(admin)).code);
      now += ENROLMENT_TTL_MS + 1;
      const again = await logIn(server.app, admin.deviceId, admin.keys);
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

    it('gives a session only for a fresh challenge signed by the device key, and ends it when it expires', async () => {
      const admin = await setUpOrganisation(server.app, setupCode!);
      const challenge = (
        await inject('POST', authPaths.challenge, undefined, { deviceId: admin.deviceId })
      ).json();
      const forged = signAuthChallenge(
        sodium,
        newDeviceKeys().signSecretKey,
        challenge.challenge,
        admin.deviceId,
      );
      const bad = await inject('POST', authPaths.session, undefined, {
        challengeId: challenge.challengeId,
        deviceId: admin.deviceId,
        signature: forged,
      });
      expect([bad.statusCode, bad.json().reason]).toEqual([401, 'signature-invalid']);
      // The challenge was used up by the failed attempt.
      const replay = await inject('POST', authPaths.session, undefined, {
        challengeId: challenge.challengeId,
        deviceId: admin.deviceId,
        signature: signAuthChallenge(sodium, admin.keys.signSecretKey, challenge.challenge, admin.deviceId),
      });
      expect([replay.statusCode, replay.json().reason]).toEqual([401, 'challenge-invalid']);
      expect((await inject('GET', authPaths.me, admin)).json()).toMatchObject({
        staffId: admin.staffId,
        role: 'admin',
      });
      now += SESSION_TTL_MS + 1;
      const expired = await inject('GET', authPaths.me, admin);
      expect([expired.statusCode, expired.json().reason]).toEqual([401, 'session-expired']);
      const stored = await handle.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
      expect(stored.some((row) => row.token_hash === admin.token)).toBe(false);
    });

    it('answers 401 to unauthenticated requests and 403 to forbidden ones, changing nothing', async () => {
      const admin = await setUpOrganisation(server.app, setupCode!);
      const concierge = await addStaff(server.app, admin, 'concierge');
      const snapshot = async () =>
        JSON.stringify(
          await handle.db.query(
            `SELECT (SELECT count(*) FROM sync_documents) AS docs, (SELECT count(*) FROM staff) AS staff,
                    (SELECT count(*) FROM invitations) AS invitations, (SELECT string_agg(status, ',' ORDER BY id) FROM devices) AS devices`,
          ),
        );
      const before = await snapshot();
      const attempts: Array<[string, 'GET' | 'POST', string, unknown]> = [
        ['pull', 'GET', '/sync/clients/pull', undefined],
        ['push', 'POST', '/sync/clients/push', [{ newDocumentState: CLIENT }]],
        ['stream', 'GET', '/sync/stream', undefined],
        ['staff list', 'GET', authPaths.staff, undefined],
        ['invite', 'POST', authPaths.invitations, { displayName: 'X', role: 'admin' }],
        ['revoke device', 'POST', authPaths.deviceRevoke(admin.deviceId), {}],
        ['revoke staff', 'POST', authPaths.staffRevoke(admin.staffId), {}],
        ['role', 'POST', authPaths.staffRole(concierge.staffId), { role: 'admin' }],
      ];
      for (const [what, method, url, payload] of attempts) {
        const none = await inject(method, url, undefined, payload);
        expect([what, none.statusCode, none.json().reason]).toEqual([what, 401, 'missing-token']);
        const garbage = await server.app.inject({
          method,
          url,
          headers: { authorization: 'Bearer nonsense' },
          ...(payload ? { payload: payload as object } : {}),
        });
        expect([what, garbage.statusCode]).toEqual([what, 401]);
      }
      for (const [what, method, url, payload] of attempts.slice(4)) {
        const res = await inject(method, url, concierge, payload);
        expect([what, res.statusCode, res.json().reason]).toEqual([what, 403, 'forbidden']);
      }
      expect(await snapshot()).toBe(before);
    });

    it('refuses a revoked device at once, and every device of a revoked staff member', async () => {
      const admin = await setUpOrganisation(server.app, setupCode!);
      const manager = await addStaff(server.app, admin, 'manager');
      const concierge = await addStaff(server.app, manager, 'concierge');
      const revoked = await inject('POST', authPaths.deviceRevoke(concierge.deviceId), manager, {});
      expect(revoked.json()).toMatchObject({ status: 'revoked' });
      const pull = await inject('GET', '/sync/clients/pull', concierge);
      expect([pull.statusCode, pull.json().reason]).toEqual([401, 'device-revoked']);
      const push = await inject('POST', '/sync/clients/push', concierge, [
        { newDocumentState: { ...CLIENT, assignedStaffIds: [concierge.staffId] } },
      ]);
      expect(push.statusCode).toBe(401);
      expect(await handle.db.query('SELECT id FROM sync_documents')).toEqual([]);
      const challenge = await inject('POST', authPaths.challenge, undefined, {
        deviceId: concierge.deviceId,
      });
      expect([challenge.statusCode, challenge.json().reason]).toEqual([401, 'device-revoked']);

      const other = await addStaff(server.app, manager, 'coordinator');
      await inject('POST', authPaths.staffRevoke(other.staffId), manager, {});
      const after = await inject('GET', authPaths.me, other);
      expect([after.statusCode, after.json().reason]).toEqual([401, 'staff-revoked']);
      // The organisation keeps an admin.
      const last = await inject('POST', authPaths.staffRevoke(admin.staffId), admin, {});
      expect([last.statusCode, last.json().reason]).toEqual([409, 'last-admin']);
      expect(await events()).toEqual(expect.arrayContaining(['device-revoked', 'staff-revoked']));
    });

    it("ends a revoked device's event stream at the next heartbeat", async () => {
      await server.close();
      server = await buildServer({
        db: handle.db,
        allowedOrigins: [],
        logLevel: 'silent',
        clock: () => now,
        streamHeartbeatMs: 100,
        onSetupCode: (code) => (setupCode = code),
      });
      const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
      const admin = await setUpOrganisation(server.app, setupCode!);
      const concierge = await addStaff(server.app, admin, 'concierge');
      const ended = async (token: string) => {
        const res = await fetch(`${url}/sync/stream?access_token=${token}`);
        const reader = res.body!.getReader();
        let heartbeats = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return heartbeats;
          heartbeats += new TextDecoder().decode(value).split(': heartbeat').length - 1;
          if (heartbeats === 2) await inject('POST', authPaths.deviceRevoke(concierge.deviceId), admin, {});
        }
      };
      const guard = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the stream was still open 10 s after the revocation')), 10_000),
      );
      // It lived while the device was valid (heartbeats arrived), and ended once it was revoked.
      expect(await Promise.race([ended(concierge.token), guard])).toBeGreaterThanOrEqual(2);
      const again = await fetch(`${url}/sync/stream?access_token=${concierge.token}`);
      expect(again.status).toBe(401);
      expect(((await again.json()) as { reason: string }).reason).toBe('device-revoked');
    });

    it('keeps the admin role out of managers’ reach, and nobody changes their own role', async () => {
      const admin = await setUpOrganisation(server.app, setupCode!);
      const manager = await addStaff(server.app, admin, 'manager');
      const concierge = await addStaff(server.app, manager, 'concierge');
      const before = JSON.stringify(await inject('GET', authPaths.staff, admin).then((r) => r.json()));
      const attempts: Array<[string, string, unknown]> = [
        ['promote self', authPaths.staffRole(manager.staffId), { role: 'admin' }],
        ['promote another', authPaths.staffRole(concierge.staffId), { role: 'admin' }],
        ['demote the admin', authPaths.staffRole(admin.staffId), { role: 'concierge' }],
        ['revoke the admin', authPaths.staffRevoke(admin.staffId), {}],
        ["revoke the admin's device", authPaths.deviceRevoke(admin.deviceId), {}],
        ['invite an admin', authPaths.invitations, { displayName: 'Another admin', role: 'admin' }],
      ];
      for (const [what, url, payload] of attempts) {
        const res = await inject('POST', url, manager, payload);
        expect([what, res.statusCode]).toEqual([what, 403]);
      }
      const own = await inject('POST', authPaths.staffRole(admin.staffId), admin, { role: 'manager' });
      expect([own.statusCode, own.json().reason]).toEqual([403, 'own-role']);
      expect(JSON.stringify(await inject('GET', authPaths.staff, admin).then((r) => r.json()))).toBe(before);
      // A manager still manages everyone else.
      const ok = await inject('POST', authPaths.staffRole(concierge.staffId), manager, {
        role: 'coordinator',
      });
      expect(ok.statusCode).toBe(200);
    });

    it('applies a role change to the next request', async () => {
      const admin = await setUpOrganisation(server.app, setupCode!);
      const concierge = await addStaff(server.app, admin, 'concierge');
      expect((await inject('GET', authPaths.enrolments, concierge)).statusCode).toBe(403);
      await inject('POST', authPaths.staffRole(concierge.staffId), admin, { role: 'manager' });
      expect((await inject('GET', authPaths.enrolments, concierge)).statusCode).toBe(200);
    });
  });
}
