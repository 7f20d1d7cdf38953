import { randomUUID } from 'node:crypto';
import {
  ENROLMENT_TTL_MS,
  normaliseCode,
  type DeviceRegistration,
  type EnrolmentStatus,
  type EnrolmentView,
  type EnrolResponse,
  type Role,
} from '../../shared/index';
import type { Sodium } from '../../shared/crypto/index';
import { badRequest, conflict, forbidden, notFound } from '../auth/api-error';
import { sha256 } from '../auth/codes';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { checkDevice, insertDevice } from './devices';
import { recordStaffEvent } from './events';
import { lockIdentities } from './identity';

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

/** A new device with an invitation code: pending until another person approves it, comparing its fingerprint. */
export async function enrol(
  db: Database,
  sodium: Sodium,
  request: { invitationCode: string; device: DeviceRegistration },
  now: number,
): Promise<EnrolResponse> {
  const print = checkDevice(sodium, request.device);
  return db.transaction(async (tx) => {
    await lockIdentities(tx);
    const [invitation] = await tx.query<{ id: string; staff_id: string }>(
      `UPDATE invitations i SET used_at = $2
         FROM staff s
        WHERE i.code_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2
          AND s.id = i.staff_id AND s.status <> 'revoked'
        RETURNING i.id, i.staff_id`,
      [sha256(normaliseCode(request.invitationCode)), now],
    );
    if (!invitation) throw badRequest('invitation-invalid');
    const deviceId = await insertDevice(tx, invitation.staff_id, request.device, print, 'pending', now);
    const enrolmentId = randomUUID();
    const expiresAt = now + ENROLMENT_TTL_MS;
    await tx.query(
      `INSERT INTO enrolments (id, device_id, staff_id, invitation_id, status, created_at, expires_at)
       VALUES ($1, $2, $3, $4, 'pending', $5, $6)`,
      [enrolmentId, deviceId, invitation.staff_id, invitation.id, now, expiresAt],
    );
    await recordStaffEvent(tx, now, undefined, 'device-enrolment-requested', invitation.staff_id, deviceId);
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

export async function enrolment(db: Database, enrolmentId: string, now: number): Promise<EnrolmentView> {
  await expireStaleEnrolments(db, now);
  const [row] = await db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.id = $1`, [enrolmentId]);
  if (!row) throw notFound();
  return enrolmentView(row);
}

export async function pendingEnrolments(db: Database, now: number): Promise<EnrolmentView[]> {
  await expireStaleEnrolments(db, now);
  const rows = await db.query<EnrolmentRow>(
    `${ENROLMENT_SELECT} WHERE e.status = 'pending' ORDER BY e.created_at`,
  );
  return rows.map(enrolmentView);
}

/** Approves or denies a pending enrolment; approval makes the device active (and an invited person active). */
export async function decide(
  db: Database,
  caller: Caller,
  enrolmentId: string,
  approve: boolean,
  now: number,
): Promise<EnrolmentView> {
  await expireStaleEnrolments(db, now);
  await db.transaction(async (tx) => {
    await lockIdentities(tx);
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
    await recordStaffEvent(
      tx,
      now,
      caller.staffId,
      approve ? 'device-approved' : 'device-denied',
      row.staff_id,
      row.device_id,
    );
  });
  return enrolment(db, enrolmentId, now);
}

/** Pending enrolments past their time become 'expired', and so do their devices; recorded as events. */
export async function expireStaleEnrolments(db: Database, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    const expired = await tx.query<{ id: string; device_id: string; staff_id: string }>(
      `UPDATE enrolments SET status = 'expired', decided_at = $1
        WHERE status = 'pending' AND expires_at <= $1 RETURNING id, device_id, staff_id`,
      [now],
    );
    for (const row of expired) {
      await tx.query(`UPDATE devices SET status = 'expired' WHERE id = $1 AND status = 'pending'`, [
        row.device_id,
      ]);
      await recordStaffEvent(tx, now, undefined, 'device-enrolment-expired', row.staff_id, row.device_id);
    }
  });
}
