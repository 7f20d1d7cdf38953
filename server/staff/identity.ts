import type { Role, StaffStatus } from '../../shared/index';
import { conflict, forbidden, notFound } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Tx } from './events';

/** Serialises changes to staff and devices (setup, enrolment decisions, revocations) across instances. */
const IDENTITY_LOCK = 7_402_003;

/** Takes the identity lock for the rest of the transaction. */
export async function lockIdentities(tx: Tx): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_LOCK]);
}

export interface StaffRow {
  id: string;
  display_name: string;
  role: Role;
  status: StaffStatus;
}

export async function staffCount(tx: Tx): Promise<number> {
  const [row] = await tx.query<{ n: string | number }>('SELECT count(*) AS n FROM staff');
  return Number(row!.n);
}

/** A staff member's row; 404 when there is none. */
export async function person(tx: Tx, staffId: string): Promise<StaffRow> {
  const [found] = await tx.query<StaffRow>('SELECT id, display_name, role, status FROM staff WHERE id = $1', [
    staffId,
  ]);
  if (!found) throw notFound();
  return found;
}

/**
 * Whether `voucher` vouched for the person `staffId`: invited them, or approved one of their devices. Such a
 * person may be the voucher's own creation (a manager can invite a "manager", enrol it with keys of their own and
 * approve it), so they do not count as a second person for a two-person rule.
 */
export async function vouchedFor(tx: Tx, voucher: string, staffId: string): Promise<boolean> {
  const [row] = await tx.query(
    `SELECT 1 FROM invitations WHERE staff_id = $2 AND invited_by = $1
     UNION ALL
     SELECT 1 FROM enrolments WHERE staff_id = $2 AND decided_by = $1 AND status = 'approved'
     LIMIT 1`,
    [voucher, staffId],
  );
  return row !== undefined;
}

/** Refuses to leave the organisation without an active admin, who alone can run it. */
export async function keepAnAdmin(tx: Tx, leaving: string): Promise<void> {
  const [row] = await tx.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM staff WHERE role = 'admin' AND status = 'active' AND id <> $1`,
    [leaving],
  );
  if (Number(row!.n) === 0) throw conflict('last-admin');
}

/**
 * Managers manage staff, but the admin role is out of their reach: only an admin may invite an admin, give or take
 * the role, or revoke an admin or an admin's device. Otherwise a manager could make themselves admin.
 */
export function onlyAdmins(caller: Caller): void {
  if (caller.role !== 'admin') throw forbidden('role:admin');
}
