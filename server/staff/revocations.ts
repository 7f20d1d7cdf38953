import type { DeviceStatus, DeviceView, Role, StaffView } from '../../shared/index';
import { conflict, notFound } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { DEVICE_COLUMNS, deviceView, type DeviceRow } from './devices';
import { staffMember } from './directory';
import { recordStaffEvent } from './events';
import { keepAnAdmin, lockIdentities, onlyAdmins, person } from './identity';

/** The NOTIFY channel of revocations: every instance ends the revoked one's event streams (server/app.ts). */
export const REVOCATIONS_CHANNEL = 'lumina_revocations';

/** Who was revoked, as the channel carries it: a staff member (every device of theirs) or one device. */
export interface Revoked {
  staffId: string;
  deviceId?: string;
}

/** Announces a revocation to every instance, itself included, when the transaction commits. */
async function announce(tx: Pick<Database, 'query'>, revoked: Revoked): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [REVOCATIONS_CHANNEL, JSON.stringify(revoked)]);
}

/** The revocation a notification names; undefined for a malformed one (the caller then re-checks every stream). */
export function parseRevoked(payload: string): Revoked | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<Revoked>;
    if (typeof parsed.staffId !== 'string') return undefined;
    return typeof parsed.deviceId === 'string'
      ? { staffId: parsed.staffId, deviceId: parsed.deviceId }
      : { staffId: parsed.staffId };
  } catch {
    return undefined;
  }
}

/** Revokes a staff member and every device of theirs; their sessions are refused from the next request on. */
export async function revokeStaff(
  db: Database,
  caller: Caller,
  staffId: string,
  now: number,
): Promise<StaffView> {
  await db.transaction(async (tx) => {
    await lockIdentities(tx);
    const revoked = await person(tx, staffId);
    if (revoked.status === 'revoked') throw conflict('already-revoked');
    if (revoked.role === 'admin') {
      onlyAdmins(caller);
      await keepAnAdmin(tx, staffId);
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
    await recordStaffEvent(tx, now, caller.staffId, 'staff-revoked', staffId);
    await announce(tx, { staffId });
  });
  return staffMember(db, staffId);
}

/** Revokes one device (and denies its enrolment if still pending); an admin's device only by an admin. */
export async function revokeDevice(
  db: Database,
  caller: Caller,
  deviceId: string,
  now: number,
): Promise<DeviceView> {
  await db.transaction(async (tx) => {
    await lockIdentities(tx);
    const [device] = await tx.query<{ staff_id: string; status: DeviceStatus; role: Role }>(
      'SELECT d.staff_id, d.status, s.role FROM devices d JOIN staff s ON s.id = d.staff_id WHERE d.id = $1',
      [deviceId],
    );
    if (!device) throw notFound();
    if (device.role === 'admin') onlyAdmins(caller);
    if (device.status === 'revoked') throw conflict('already-revoked');
    await tx.query(`UPDATE devices SET status = 'revoked', revoked_at = $2, revoked_by = $3 WHERE id = $1`, [
      deviceId,
      now,
      caller.staffId,
    ]);
    await tx.query(
      `UPDATE enrolments SET status = 'denied', decided_at = $2, decided_by = $3
                     WHERE device_id = $1 AND status = 'pending'`,
      [deviceId, now, caller.staffId],
    );
    // The session stays until it expires, so the device hears 'device-revoked' (and wipes) at its next request.
    await recordStaffEvent(tx, now, caller.staffId, 'device-revoked', device.staff_id, deviceId);
    await announce(tx, { staffId: device.staff_id, deviceId });
  });
  const [row] = await db.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`, [deviceId]);
  return deviceView(row!);
}
