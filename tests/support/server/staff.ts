import type { FastifyInstance } from 'fastify';
import {
  authPaths,
  type EnrolResponse,
  type InvitationResponse,
  type Role,
  type SessionResponse,
} from '../../../shared/index';
import { loadSodium, signAuthChallenge } from '../../../shared/crypto/index';
import { toBase64Url } from '../../../shared/crypto/encoding';
import { buildServer, type LuminaServer, type ServerOptions } from '../../../server/app';
import type { Database } from '../../../server/db/database';

const sodium = await loadSodium();

/** Empties every table, so a test starts on an organisation that is not set up. */
export async function resetDatabase(db: Database): Promise<void> {
  await db.exec(
    `TRUNCATE sync_documents, staff, devices, setup_codes, invitations, enrolments, auth_challenges, sessions,
     staff_events, organisation, legal_holds, share_requests, audit_chain, audit_chain_stops, audit_server_key, audit_checkpoints,
     incidents, incident_notifications CASCADE`,
  );
}

/** A device's key pairs, made as a real device makes them; the server gets the public halves. */
export function newDeviceKeys(name = 'Test laptop') {
  const sign = sodium.crypto_sign_keypair();
  const box = sodium.crypto_box_keypair();
  return {
    signSecretKey: sign.privateKey,
    registration: {
      name,
      boxPublicKey: toBase64Url(box.publicKey),
      signPublicKey: toBase64Url(sign.publicKey),
    },
  };
}

export type DeviceKeys = ReturnType<typeof newDeviceKeys>;

export interface TestStaff {
  staffId: string;
  deviceId: string;
  role: Role;
  keys: DeviceKeys;
  token: string;
  headers: { authorization: string };
}

function expectStatus(res: { statusCode: number; body: string }, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: HTTP ${res.statusCode} ${res.body}`);
}

/** Challenge, signature, session: what a device does to get a token. */
export async function logIn(
  app: FastifyInstance,
  deviceId: string,
  keys: DeviceKeys,
): Promise<SessionResponse> {
  const challenge = await app.inject({ method: 'POST', url: authPaths.challenge, payload: { deviceId } });
  expectStatus(challenge, 200, 'challenge');
  const { challengeId, challenge: nonce } = challenge.json<{ challengeId: string; challenge: string }>();
  const session = await app.inject({
    method: 'POST',
    url: authPaths.session,
    payload: {
      challengeId,
      deviceId,
      signature: signAuthChallenge(sodium, keys.signSecretKey, nonce, deviceId),
    },
  });
  expectStatus(session, 200, 'session');
  return session.json<SessionResponse>();
}

function asStaff(
  role: Role,
  enrolment: EnrolResponse,
  keys: DeviceKeys,
  session: SessionResponse,
): TestStaff {
  return {
    staffId: enrolment.staffId,
    deviceId: enrolment.deviceId,
    role,
    keys,
    token: session.token,
    headers: { authorization: `Bearer ${session.token}` },
  };
}

/** Invites a staff member with `role`, enrols a device for them, approves it as `approver` and logs it in. */
export async function addStaff(
  app: FastifyInstance,
  approver: TestStaff,
  role: Role,
  displayName = `Test ${role}`,
): Promise<TestStaff> {
  const invitation = await app.inject({
    method: 'POST',
    url: authPaths.invitations,
    headers: approver.headers,
    payload: { displayName, role },
  });
  expectStatus(invitation, 201, 'invitation');
  const keys = newDeviceKeys();
  const enrol = await app.inject({
    method: 'POST',
    url: authPaths.enrolments,
    payload: { invitationCode: invitation.json<InvitationResponse>().code, device: keys.registration },
  });
  expectStatus(enrol, 201, 'enrolment');
  const enrolment = enrol.json<EnrolResponse>();
  const approve = await app.inject({
    method: 'POST',
    url: authPaths.approveEnrolment(enrolment.enrolmentId),
    headers: approver.headers,
    payload: { fingerprintConfirmed: true },
  });
  expectStatus(approve, 200, 'approval');
  return asStaff(role, enrolment, keys, await logIn(app, enrolment.deviceId, keys));
}

/**
 * The organisation recovery key pair (X25519), made as the first admin's device makes it. Tests keep the private
 * key (a real organisation has it on paper only) to prove that recovery wraps open.
 */
export function newRecoveryKeys() {
  const box = sodium.crypto_box_keypair();
  return { publicKey: box.publicKey, privateKey: box.privateKey, publicKeyText: toBase64Url(box.publicKey) };
}

export type RecoveryKeys = ReturnType<typeof newRecoveryKeys>;

/** Sets the organisation up with the setup code: its first admin, logged in, and the recovery key pair. */
export async function setUpOrganisation(
  app: FastifyInstance,
  setupCode: string,
  recovery: RecoveryKeys = newRecoveryKeys(),
): Promise<TestStaff & { recovery: RecoveryKeys }> {
  const keys = newDeviceKeys('Admin laptop');
  const res = await app.inject({
    method: 'POST',
    url: authPaths.setup,
    payload: {
      setupCode,
      displayName: 'Test admin',
      device: keys.registration,
      recoveryPublicKey: recovery.publicKeyText,
    },
  });
  expectStatus(res, 201, 'setup');
  const enrolment = res.json<EnrolResponse>();
  return { ...asStaff('admin', enrolment, keys, await logIn(app, enrolment.deviceId, keys)), recovery };
}

/** An organisation with one logged-in staff member per role. */
export async function staffOfEveryRole(
  app: FastifyInstance,
  setupCode: string,
): Promise<Record<Role, TestStaff>> {
  const admin = await setUpOrganisation(app, setupCode);
  return {
    admin,
    manager: await addStaff(app, admin, 'manager'),
    coordinator: await addStaff(app, admin, 'coordinator'),
    concierge: await addStaff(app, admin, 'concierge'),
  };
}

/**
 * A server on a freshly emptied database, quiet and open to no browser origin, with one logged-in staff member per
 * role: the start of most server tests. `options` adds to or overrides the server's options (a clock, say).
 */
export async function organisationServer(
  db: Database,
  options: Partial<ServerOptions> = {},
): Promise<{ server: LuminaServer; staff: Record<Role, TestStaff> }> {
  await resetDatabase(db);
  let setupCode = '';
  const server = await buildServer({
    db,
    allowedOrigins: [],
    logLevel: 'silent',
    onSetupCode: (code) => (setupCode = code),
    ...options,
  });
  return { server, staff: await staffOfEveryRole(server.app, setupCode) };
}
