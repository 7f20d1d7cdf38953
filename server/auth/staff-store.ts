import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  CHALLENGE_TTL_MS,
  codeFromRandom,
  ENROLMENT_TTL_MS,
  INVITATION_TTL_MS,
  normaliseCode,
  SESSION_TTL_MS,
  SETUP_CODE_TTL_MS,
  type AuthFailure,
  type ChallengeResponse,
  type ClientExport,
  type DeviceRegistration,
  type DeviceStatus,
  type DeviceView,
  type DirectoryStaffView,
  type EnrolmentStatus,
  type EnrolmentView,
  type EnrolResponse,
  type InvitationResponse,
  type OrganisationView,
  type Role,
  type SessionIdentity,
  type SessionResponse,
  type StaffStatus,
  type StaffView,
} from '../../shared/index';
import { fingerprint, verifyAuthChallenge, type Sodium } from '../../shared/crypto/index';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import type { Database } from '../db/database';
import { ApiError, badRequest, conflict, forbidden, notFound, unauthorized } from './api-error';

/** Serialises changes to staff and devices (setup, enrolment decisions, revocations) across instances. */
const IDENTITY_LOCK = 7_402_003;

type Tx = Pick<Database, 'query'>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newCode = () => codeFromRandom(randomBytes(20));
const num = (value: string | number | null | undefined) =>
  value === null || value === undefined ? undefined : Number(value);

interface DeviceRow {
  id: string;
  staff_id: string;
  name: string;
  sign_public_key: string;
  fingerprint: string;
  status: DeviceStatus;
  created_at: string | number;
  last_seen_at: string | number | null;
}

interface StaffRow {
  id: string;
  display_name: string;
  role: Role;
  status: StaffStatus;
}

interface EnrolmentRow {
  id: string;
  status: EnrolmentStatus;
  staff_id: string;
  display_name: string;
  role: Role;
  device_id: string;
  device_name: string;
  fingerprint: string;
  created_at: string | number;
  expires_at: string | number;
  decided_at: string | number | null;
  decided_by: string | null;
}

/** Who is calling, as the server established it from a session token. */
export type Caller = SessionIdentity;

/**
 * Staff, devices, one-time codes and sessions in PostgreSQL. Public keys only: a device proves it holds its
 * private key by signing a challenge; one-time codes and session tokens are stored as SHA-256 hashes.
 */
export class StaffStore {
  constructor(
    private readonly db: Database,
    private readonly sodium: Sodium,
  ) {}

  async isSetUp(): Promise<boolean> {
    const [row] = await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM staff');
    return Number(row!.n) > 0;
  }

  /**
   * On a server with no staff yet: a fresh one-time setup code (any earlier unused one stops working). The caller
   * prints it; only its hash is stored. Undefined once the organisation is set up.
   */
  async issueSetupCode(now: number): Promise<string | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_LOCK]);
      const [row] = await tx.query<{ n: string | number }>('SELECT count(*) AS n FROM staff');
      if (Number(row!.n) > 0) return undefined;
      const code = newCode();
      await tx.query('DELETE FROM setup_codes WHERE used_at IS NULL');
      await tx.query('INSERT INTO setup_codes (code_hash, expires_at) VALUES ($1, $2)', [
        sha256(code),
        now + SETUP_CODE_TTL_MS,
      ]);
      return code;
    });
  }

  /** The first admin and their device, with the setup code; approved at once (there is nobody to approve). */
  async setUp(
    request: {
      setupCode: string;
      displayName: string;
      device: DeviceRegistration;
      recoveryPublicKey: string;
    },
    now: number,
  ): Promise<EnrolResponse> {
    const print = this.checkDevice(request.device);
    if (decodeBase64Url(request.recoveryPublicKey)?.length !== 32) throw badRequest('recovery-key-invalid');
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_LOCK]);
      const [count] = await tx.query<{ n: string | number }>('SELECT count(*) AS n FROM staff');
      if (Number(count!.n) > 0) throw conflict('already-set-up');
      const used = await tx.query(
        `UPDATE setup_codes SET used_at = $2
          WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING code_hash`,
        [sha256(normaliseCode(request.setupCode)), now],
      );
      if (used.length === 0) throw badRequest('setup-code-invalid');
      await tx.query(
        `INSERT INTO organisation (recovery_public_key, created_at) VALUES ($1, $2)
         ON CONFLICT (singleton) DO UPDATE SET recovery_public_key = EXCLUDED.recovery_public_key,
                                                created_at = EXCLUDED.created_at`,
        [request.recoveryPublicKey, now],
      );
      const staffId = randomUUID();
      await tx.query(
        `INSERT INTO staff (id, display_name, role, status, created_at) VALUES ($1, $2, 'admin', 'active', $3)`,
        [staffId, request.displayName, now],
      );
      const deviceId = await this.insertDevice(tx, staffId, request.device, print, 'active', now);
      const enrolmentId = randomUUID();
      await tx.query(
        `INSERT INTO enrolments (id, device_id, staff_id, status, created_at, expires_at, decided_at)
         VALUES ($1, $2, $3, 'approved', $4, $4, $4)`,
        [enrolmentId, deviceId, staffId, now],
      );
      await this.event(tx, now, staffId, 'organisation-set-up', staffId, deviceId);
      return { enrolmentId, deviceId, staffId, fingerprint: print, status: 'approved', expiresAt: now };
    });
  }

  async invite(
    caller: Caller,
    request: { displayName: string; role: Role },
    now: number,
  ): Promise<InvitationResponse> {
    if (request.role === 'admin') onlyAdmins(caller);
    return this.db.transaction(async (tx) => {
      const staffId = randomUUID();
      await tx.query(
        `INSERT INTO staff (id, display_name, role, status, created_at) VALUES ($1, $2, $3, 'invited', $4)`,
        [staffId, request.displayName, request.role, now],
      );
      const invitation = await this.insertInvitation(tx, staffId, caller.staffId, now);
      await this.event(tx, now, caller.staffId, 'staff-invited', staffId, undefined, { role: request.role });
      return invitation;
    });
  }

  /** An invitation for another device of the caller, which goes through the same approval. */
  async inviteOwnDevice(caller: Caller, now: number): Promise<InvitationResponse> {
    return this.db.transaction(async (tx) => {
      const invitation = await this.insertInvitation(tx, caller.staffId, caller.staffId, now);
      await this.event(tx, now, caller.staffId, 'device-invited', caller.staffId);
      return invitation;
    });
  }

  async enrol(
    request: { invitationCode: string; device: DeviceRegistration },
    now: number,
  ): Promise<EnrolResponse> {
    const print = this.checkDevice(request.device);
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_LOCK]);
      const [invitation] = await tx.query<{ id: string; staff_id: string }>(
        `UPDATE invitations i SET used_at = $2
           FROM staff s
          WHERE i.code_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2
            AND s.id = i.staff_id AND s.status <> 'revoked'
          RETURNING i.id, i.staff_id`,
        [sha256(normaliseCode(request.invitationCode)), now],
      );
      if (!invitation) throw badRequest('invitation-invalid');
      const deviceId = await this.insertDevice(
        tx,
        invitation.staff_id,
        request.device,
        print,
        'pending',
        now,
      );
      const enrolmentId = randomUUID();
      const expiresAt = now + ENROLMENT_TTL_MS;
      await tx.query(
        `INSERT INTO enrolments (id, device_id, staff_id, invitation_id, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6)`,
        [enrolmentId, deviceId, invitation.staff_id, invitation.id, now, expiresAt],
      );
      await this.event(tx, now, undefined, 'device-enrolment-requested', invitation.staff_id, deviceId);
      return {
        enrolmentId,
        deviceId,
        staffId: invitation.staff_id,
        fingerprint: print,
        status: 'pending',
        expiresAt,
      };
    });
  }

  async enrolment(enrolmentId: string, now: number): Promise<EnrolmentView> {
    await this.expireStale(now);
    const [row] = await this.db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.id = $1`, [enrolmentId]);
    if (!row) throw notFound();
    return enrolmentView(row);
  }

  async pendingEnrolments(now: number): Promise<EnrolmentView[]> {
    await this.expireStale(now);
    const rows = await this.db.query<EnrolmentRow>(
      `${ENROLMENT_SELECT} WHERE e.status = 'pending' ORDER BY e.created_at`,
    );
    return rows.map(enrolmentView);
  }

  async decide(caller: Caller, enrolmentId: string, approve: boolean, now: number): Promise<EnrolmentView> {
    await this.expireStale(now);
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_LOCK]);
      const [row] = await tx.query<{ status: EnrolmentStatus; staff_id: string; device_id: string }>(
        'SELECT status, staff_id, device_id FROM enrolments WHERE id = $1',
        [enrolmentId],
      );
      if (!row) throw notFound();
      // Nobody approves their own device: a stolen device key plus a stolen session would otherwise suffice.
      if (row.staff_id === caller.staffId) throw forbidden('another-approver', 'own-device');
      if (row.status !== 'pending') throw conflict('not-pending');
      await tx.query('UPDATE enrolments SET status = $2, decided_at = $3, decided_by = $4 WHERE id = $1', [
        enrolmentId,
        approve ? 'approved' : 'denied',
        now,
        caller.staffId,
      ]);
      await tx.query('UPDATE devices SET status = $2 WHERE id = $1', [
        row.device_id,
        approve ? 'active' : 'denied',
      ]);
      if (approve) {
        await tx.query(`UPDATE staff SET status = 'active' WHERE id = $1 AND status = 'invited'`, [
          row.staff_id,
        ]);
      }
      await this.event(
        tx,
        now,
        caller.staffId,
        approve ? 'device-approved' : 'device-denied',
        row.staff_id,
        row.device_id,
      );
    });
    return this.enrolment(enrolmentId, now);
  }

  async challenge(deviceId: string, now: number): Promise<ChallengeResponse> {
    await this.deviceFit(deviceId, now);
    const challengeId = randomUUID();
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = now + CHALLENGE_TTL_MS;
    await this.db.query('DELETE FROM auth_challenges WHERE expires_at <= $1', [now]);
    await this.db.query(
      'INSERT INTO auth_challenges (id, device_id, challenge, expires_at) VALUES ($1, $2, $3, $4)',
      [challengeId, deviceId, challenge, expiresAt],
    );
    return { challengeId, challenge, expiresAt };
  }

  async startSession(
    request: { challengeId: string; deviceId: string; signature: string },
    now: number,
  ): Promise<SessionResponse> {
    // Taken, whatever happens next: a challenge answers once.
    const [taken] = await this.db.query<{ challenge: string }>(
      `DELETE FROM auth_challenges WHERE id = $1 AND device_id = $2 AND expires_at > $3 RETURNING challenge`,
      [request.challengeId, request.deviceId, now],
    );
    if (!taken) throw unauthorized('challenge-invalid');
    const device = await this.deviceFit(request.deviceId, now);
    const valid = verifyAuthChallenge(
      this.sodium,
      device.sign_public_key,
      taken.challenge,
      request.deviceId,
      request.signature,
    );
    if (!valid) throw unauthorized('signature-invalid');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + SESSION_TTL_MS;
    await this.db.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    await this.db.query(
      'INSERT INTO sessions (token_hash, device_id, staff_id, expires_at) VALUES ($1, $2, $3, $4)',
      [sha256(token), device.id, device.staff.id, expiresAt],
    );
    await this.db.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [device.id, now]);
    return {
      token,
      expiresAt,
      staffId: device.staff.id,
      displayName: device.staff.display_name,
      role: device.staff.role,
      deviceId: device.id,
    };
  }

  /** The caller behind a bearer token, or the reason there is none. Statuses are read live: revocation is immediate. */
  async authenticate(token: string, now: number): Promise<Caller | AuthFailure> {
    const [row] = await this.db.query<{
      expires_at: string | number;
      device_id: string;
      device_status: DeviceStatus;
      staff_id: string;
      display_name: string;
      role: Role;
      staff_status: StaffStatus;
    }>(
      `SELECT s.expires_at, d.id AS device_id, d.status AS device_status,
              st.id AS staff_id, st.display_name, st.role, st.status AS staff_status
         FROM sessions s JOIN devices d ON d.id = s.device_id JOIN staff st ON st.id = s.staff_id
        WHERE s.token_hash = $1`,
      [sha256(token)],
    );
    if (!row) return 'invalid-token';
    if (row.staff_status === 'revoked') return 'staff-revoked';
    if (row.device_status === 'revoked') return 'device-revoked';
    if (row.device_status !== 'active') return 'invalid-token';
    if (Number(row.expires_at) <= now) return 'session-expired';
    return { staffId: row.staff_id, displayName: row.display_name, role: row.role, deviceId: row.device_id };
  }

  async staff(): Promise<StaffView[]> {
    const people = await this.db.query<StaffRow>(
      'SELECT id, display_name, role, status FROM staff ORDER BY created_at, id',
    );
    const devices = await this.db.query<DeviceRow>(
      `SELECT id, staff_id, name, sign_public_key, fingerprint, status, created_at, last_seen_at
         FROM devices ORDER BY created_at, id`,
    );
    return people.map((person) => ({
      id: person.id,
      displayName: person.display_name,
      role: person.role,
      status: person.status,
      devices: devices.filter((d) => d.staff_id === person.id).map(deviceView),
    }));
  }

  /** The organisation's recovery public key; 404 before setup. */
  async organisation(): Promise<OrganisationView> {
    const [row] = await this.db.query<{ recovery_public_key: string }>(
      'SELECT recovery_public_key FROM organisation',
    );
    if (!row) throw notFound();
    return { recoveryPublicKey: row.recovery_public_key };
  }

  /**
   * Every staff member with their devices' public keys and states: what devices seal key wraps to and check
   * wrap signatures against. Revoked devices stay listed (their old signatures still verify).
   */
  async directory(): Promise<DirectoryStaffView[]> {
    const people = await this.db.query<StaffRow>(
      'SELECT id, display_name, role, status FROM staff ORDER BY created_at, id',
    );
    const devices = await this.db.query<{
      id: string;
      staff_id: string;
      status: DeviceStatus;
      box_public_key: string;
      sign_public_key: string;
    }>(`SELECT id, staff_id, status, box_public_key, sign_public_key FROM devices ORDER BY created_at, id`);
    return people.map((person) => ({
      id: person.id,
      displayName: person.display_name,
      role: person.role,
      status: person.status,
      devices: devices
        .filter((d) => d.staff_id === person.id)
        .map((d) => ({
          id: d.id,
          status: d.status,
          boxPublicKey: d.box_public_key,
          signPublicKey: d.sign_public_key,
        })),
    }));
  }

  async changeRole(caller: Caller, staffId: string, role: Role, now: number): Promise<StaffView> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_LOCK]);
      const person = await this.person(tx, staffId);
      if (staffId === caller.staffId) throw forbidden('another-person', 'own-role');
      if (role === 'admin' || person.role === 'admin') onlyAdmins(caller);
      if (person.role === 'admin' && role !== 'admin') await this.keepAnAdmin(tx, staffId);
      await tx.query('UPDATE staff SET role = $2 WHERE id = $1', [staffId, role]);
      await this.event(tx, now, caller.staffId, 'role-changed', staffId, undefined, {
        from: person.role,
        to: role,
      });
    });
    return this.staffMember(staffId);
  }

  /** Revokes a staff member and every device of theirs; their sessions are refused from the next request on. */
  async revokeStaff(caller: Caller, staffId: string, now: number): Promise<StaffView> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_LOCK]);
      const person = await this.person(tx, staffId);
      if (person.status === 'revoked') throw conflict('already-revoked');
      if (person.role === 'admin') {
        onlyAdmins(caller);
        await this.keepAnAdmin(tx, staffId);
      }
      await tx.query(`UPDATE staff SET status = 'revoked', revoked_at = $2, revoked_by = $3 WHERE id = $1`, [
        staffId,
        now,
        caller.staffId,
      ]);
      await tx.query(
        `UPDATE devices SET status = 'revoked', revoked_at = $2, revoked_by = $3
          WHERE staff_id = $1 AND status <> 'revoked'`,
        [staffId, now, caller.staffId],
      );
      await tx.query(`UPDATE invitations SET used_at = $2 WHERE staff_id = $1 AND used_at IS NULL`, [
        staffId,
        now,
      ]);
      // Sessions stay until they expire, so the revoked devices hear 'staff-revoked' and wipe.
      await this.event(tx, now, caller.staffId, 'staff-revoked', staffId);
    });
    return this.staffMember(staffId);
  }

  async revokeDevice(caller: Caller, deviceId: string, now: number): Promise<DeviceView> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_LOCK]);
      const [device] = await tx.query<{ staff_id: string; status: DeviceStatus; role: Role }>(
        'SELECT d.staff_id, d.status, s.role FROM devices d JOIN staff s ON s.id = d.staff_id WHERE d.id = $1',
        [deviceId],
      );
      if (!device) throw notFound();
      if (device.role === 'admin') onlyAdmins(caller);
      if (device.status === 'revoked') throw conflict('already-revoked');
      await tx.query(
        `UPDATE devices SET status = 'revoked', revoked_at = $2, revoked_by = $3 WHERE id = $1`,
        [deviceId, now, caller.staffId],
      );
      await tx.query(
        `UPDATE enrolments SET status = 'denied', decided_at = $2, decided_by = $3
                       WHERE device_id = $1 AND status = 'pending'`,
        [deviceId, now, caller.staffId],
      );
      // The session stays until it expires, so the device hears 'device-revoked' (and wipes) at its next request.
      await this.event(tx, now, caller.staffId, 'device-revoked', device.staff_id, deviceId);
    });
    const [row] = await this.db.query<DeviceRow>(
      `SELECT id, staff_id, name, sign_public_key, fingerprint, status, created_at, last_seen_at
         FROM devices WHERE id = $1`,
      [deviceId],
    );
    return deviceView(row!);
  }

  /**
   * Everything the server holds about a client, for a data-subject access request: the client document and every
   * document of another collection that names it (`clientId`). Recorded as an event.
   */
  async exportClient(caller: Caller, clientId: string, now: number): Promise<ClientExport> {
    const rows = await this.db.query<{
      collection: string;
      id: string;
      deleted: boolean;
      data: Record<string, unknown>;
    }>(
      `SELECT collection, id, deleted, data FROM sync_documents
        WHERE (collection = 'clients' AND id = $1) OR data->>'clientId' = $1
        ORDER BY collection, id`,
      [clientId],
    );
    if (rows.length === 0) throw notFound();
    const documents: Record<string, unknown[]> = {};
    for (const row of rows) (documents[row.collection] ??= []).push({ ...row.data, _deleted: row.deleted });
    await this.event(this.db, now, caller.staffId, 'client-data-exported', undefined, undefined, {
      clientId,
    });
    return { clientId, exportedAt: now, documents };
  }

  private async staffMember(staffId: string): Promise<StaffView> {
    const found = (await this.staff()).find((person) => person.id === staffId);
    if (!found) throw notFound();
    return found;
  }

  private async person(tx: Tx, staffId: string): Promise<StaffRow> {
    const [person] = await tx.query<StaffRow>(
      'SELECT id, display_name, role, status FROM staff WHERE id = $1',
      [staffId],
    );
    if (!person) throw notFound();
    return person;
  }

  /** Refuses to leave the organisation without an active admin, who alone can run it. */
  private async keepAnAdmin(tx: Tx, leaving: string): Promise<void> {
    const [row] = await tx.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM staff WHERE role = 'admin' AND status = 'active' AND id <> $1`,
      [leaving],
    );
    if (Number(row!.n) === 0) throw conflict('last-admin');
  }

  /** A device that may authenticate, or the 401 that says why not. */
  private async deviceFit(deviceId: string, now: number) {
    await this.expireStale(now);
    const [row] = await this.db.query<
      DeviceRow & { staff_status: StaffStatus; display_name: string; role: Role }
    >(
      `SELECT d.id, d.staff_id, d.name, d.sign_public_key, d.fingerprint, d.status, d.created_at, d.last_seen_at,
              s.status AS staff_status, s.display_name, s.role
         FROM devices d JOIN staff s ON s.id = d.staff_id WHERE d.id = $1`,
      [deviceId],
    );
    if (!row) throw unauthorized('device-unknown');
    if (row.staff_status === 'revoked') throw unauthorized('staff-revoked');
    if (row.status === 'revoked' || row.status === 'denied' || row.status === 'expired') {
      throw unauthorized('device-revoked');
    }
    if (row.status === 'pending') throw unauthorized('device-pending');
    return { ...row, staff: { id: row.staff_id, display_name: row.display_name, role: row.role } };
  }

  /** Pending enrolments past their time become 'expired', and so do their devices; recorded as events. */
  private async expireStale(now: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const expired = await tx.query<{ id: string; device_id: string; staff_id: string }>(
        `UPDATE enrolments SET status = 'expired', decided_at = $1
          WHERE status = 'pending' AND expires_at <= $1 RETURNING id, device_id, staff_id`,
        [now],
      );
      for (const row of expired) {
        await tx.query(`UPDATE devices SET status = 'expired' WHERE id = $1 AND status = 'pending'`, [
          row.device_id,
        ]);
        await this.event(tx, now, undefined, 'device-enrolment-expired', row.staff_id, row.device_id);
      }
    });
  }

  private checkDevice(device: DeviceRegistration): string {
    const box = decodeBase64Url(device.boxPublicKey);
    const sign = decodeBase64Url(device.signPublicKey);
    if (box?.length !== 32 || sign?.length !== 32) throw badRequest('device-keys-invalid');
    return fingerprint(this.sodium, box, sign);
  }

  private async insertDevice(
    tx: Tx,
    staffId: string,
    device: DeviceRegistration,
    print: string,
    status: DeviceStatus,
    now: number,
  ): Promise<string> {
    const [known] = await tx.query('SELECT id FROM devices WHERE sign_public_key = $1', [
      device.signPublicKey,
    ]);
    if (known) throw conflict('device-key-registered');
    const deviceId = randomUUID();
    await tx.query(
      `INSERT INTO devices (id, staff_id, name, box_public_key, sign_public_key, fingerprint, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [deviceId, staffId, device.name, device.boxPublicKey, device.signPublicKey, print, status, now],
    );
    return deviceId;
  }

  private async insertInvitation(
    tx: Tx,
    staffId: string,
    invitedBy: string,
    now: number,
  ): Promise<InvitationResponse> {
    const code = newCode();
    const invitationId = randomUUID();
    const expiresAt = now + INVITATION_TTL_MS;
    await tx.query(
      `INSERT INTO invitations (id, staff_id, code_hash, invited_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [invitationId, staffId, sha256(code), invitedBy, now, expiresAt],
    );
    return { invitationId, staffId, code, expiresAt };
  }

  private async event(
    tx: Tx,
    now: number,
    actor: string | undefined,
    kind: string,
    staffId?: string,
    deviceId?: string,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await tx.query(
      'INSERT INTO staff_events (at, actor, kind, staff_id, device_id, detail) VALUES ($1, $2, $3, $4, $5, $6)',
      [now, actor ?? null, kind, staffId ?? null, deviceId ?? null, JSON.stringify(detail)],
    );
  }
}

/**
 * Managers manage staff, but the admin role is out of their reach: only an admin may invite an admin, give or take
 * the role, or revoke an admin or an admin's device. Otherwise a manager could make themselves admin.
 */
function onlyAdmins(caller: Caller): void {
  if (caller.role !== 'admin') throw forbidden('role:admin');
}

const ENROLMENT_SELECT = `
  SELECT e.id, e.status, e.staff_id, s.display_name, s.role, e.device_id, d.name AS device_name, d.fingerprint,
         e.created_at, e.expires_at, e.decided_at, e.decided_by
    FROM enrolments e JOIN staff s ON s.id = e.staff_id JOIN devices d ON d.id = e.device_id`;

function enrolmentView(row: EnrolmentRow): EnrolmentView {
  return {
    enrolmentId: row.id,
    status: row.status,
    staffId: row.staff_id,
    staffName: row.display_name,
    role: row.role,
    deviceId: row.device_id,
    deviceName: row.device_name,
    fingerprint: row.fingerprint,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    ...(row.decided_at !== null ? { decidedAt: Number(row.decided_at) } : {}),
    ...(row.decided_by !== null ? { decidedBy: row.decided_by } : {}),
  };
}

function deviceView(row: DeviceRow): DeviceView {
  const lastSeenAt = num(row.last_seen_at);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    fingerprint: row.fingerprint,
    createdAt: Number(row.created_at),
    ...(lastSeenAt !== undefined ? { lastSeenAt } : {}),
  };
}

export { ApiError };
