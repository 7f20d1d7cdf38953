import type { Role, StaffView } from '../../shared/index';
import { forbidden } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { staffMember } from './directory';
import { recordStaffEvent } from './events';
import { keepAnAdmin, lockIdentities, onlyAdmins, person } from './identity';

/** Gives a staff member another role: never one's own, the admin role only by an admin, never the last admin's. */
export async function changeRole(
  db: Database,
  caller: Caller,
  staffId: string,
  role: Role,
  now: number,
): Promise<StaffView> {
  await db.transaction(async (tx) => {
    await lockIdentities(tx);
    const current = await person(tx, staffId);
    if (staffId === caller.staffId) throw forbidden('another-person', 'own-role');
    if (role === 'admin' || current.role === 'admin') onlyAdmins(caller);
    if (current.role === 'admin' && role !== 'admin') await keepAnAdmin(tx, staffId);
    await tx.query('UPDATE staff SET role = $2 WHERE id = $1', [staffId, role]);
    await recordStaffEvent(tx, now, caller.staffId, 'role-changed', staffId, undefined, {
      from: current.role,
      to: role,
    });
  });
  return staffMember(db, staffId);
}
