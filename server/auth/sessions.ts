import { randomUUID } from 'node:crypto';
import {
  CHALLENGE_TTL_MS,
  SESSION_TTL_MS,
  type AuthFailure,
  type ChallengeResponse,
  type DeviceStatus,
  type Role,
  type SessionResponse,
  type StaffStatus,
} from '../../shared/index';
import { verifyAuthChallenge, type Sodium } from '../../shared/crypto/index';
import { recordStaffEvent } from '../staff/events';
import type { Database } from '../db/database';
import { expireStaleEnrolments } from '../staff/enrolments';
import { unauthorized } from './api-error';
import type { Caller } from './caller';
import { randomToken, sha256 } from './codes';

/**
 * A device proves it holds its private key by signing a fresh challenge, and gets a session token; the server
 * keeps public keys only, and tokens as SHA-256 hashes.
 */
export async function challenge(db: Database, deviceId: string, now: number): Promise<ChallengeResponse> {
  await deviceFit(db, deviceId, now);
  const challengeId = randomUUID();
  const nonce = randomToken();
  const expiresAt = now + CHALLENGE_TTL_MS;
  await db.query('DELETE FROM auth_challenges WHERE expires_at <= $1', [now]);
  await db.query(
    'INSERT INTO auth_challenges (id, device_id, challenge, expires_at) VALUES ($1, $2, $3, $4)',
    [challengeId, deviceId, nonce, expiresAt],
  );
  return { challengeId, challenge: nonce, expiresAt };
}

export async function startSession(
  db: Database,
  sodium: Sodium,
  request: { challengeId: string; deviceId: string; signature: string },
  now: number,
): Promise<SessionResponse> {
  // Taken, whatever happens next: a challenge answers once.
  const [taken] = await db.query<{ challenge: string }>(
    `DELETE FROM auth_challenges WHERE id = $1 AND device_id = $2 AND expires_at > $3 RETURNING challenge`,
    [request.challengeId, request.deviceId, now],
  );
  if (!taken) throw unauthorized('challenge-invalid');
  const device = await deviceFit(db, request.deviceId, now);
  const valid = verifyAuthChallenge(
    sodium,
    device.sign_public_key,
    taken.challenge,
    request.deviceId,
    request.signature,
  );
  if (!valid) {
    // A failed login of a known device: in the DPO's staff and device events (issue 18).
    await recordStaffEvent(db, now, undefined, 'session-refused', device.staff_id, device.id, {
      reason: 'signature-invalid',
    });
    throw unauthorized('signature-invalid');
  }
  const token = randomToken();
  const expiresAt = now + SESSION_TTL_MS;
  await db.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  await db.query(
    'INSERT INTO sessions (token_hash, device_id, staff_id, expires_at) VALUES ($1, $2, $3, $4)',
    [sha256(token), device.id, device.staff_id, expiresAt],
  );
  await db.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [device.id, now]);
  // A login (a session opened with the server): in the DPO's staff and device events (issue 18).
  await recordStaffEvent(db, now, device.staff_id, 'session-opened', device.staff_id, device.id);
  return {
    token,
    expiresAt,
    staffId: device.staff_id,
    displayName: device.display_name,
    role: device.role,
    deviceId: device.id,
  };
}

/** The caller behind a bearer token, or the reason there is none. Statuses are read live: revocation is immediate. */
export async function authenticate(db: Database, token: string, now: number): Promise<Caller | AuthFailure> {
  const [row] = await db.query<{
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

/** A device that may authenticate, or the 401 that says why not. */
async function deviceFit(db: Database, deviceId: string, now: number) {
  await expireStaleEnrolments(db, now);
  const [row] = await db.query<{
    id: string;
    staff_id: string;
    sign_public_key: string;
    status: DeviceStatus;
    staff_status: StaffStatus;
    display_name: string;
    role: Role;
  }>(
    `SELECT d.id, d.staff_id, d.sign_public_key, d.status, s.status AS staff_status, s.display_name, s.role
       FROM devices d JOIN staff s ON s.id = d.staff_id WHERE d.id = $1`,
    [deviceId],
  );
  if (!row) throw unauthorized('device-unknown');
  if (row.staff_status === 'revoked') throw unauthorized('staff-revoked');
  if (row.status === 'revoked' || row.status === 'denied' || row.status === 'expired') {
    throw unauthorized('device-revoked');
  }
  if (row.status === 'pending') throw unauthorized('device-pending');
  return row;
}
