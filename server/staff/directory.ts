import type { DeviceStatus, DirectoryStaffView, OrganisationView, StaffView } from '../../shared/index';
import { can } from '../../shared/index';
import { notFound } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { DEVICE_COLUMNS, deviceView, type DeviceRow } from './devices';
import type { StaffRow } from './identity';

const everyone = (db: Database) =>
  db.query<StaffRow>('SELECT id, display_name, role, status FROM staff ORDER BY created_at, id');

/**
 * Every staff member with their devices. Devices, and when each was last seen, are for those who manage staff or
 * approve devices; anyone else (`viewer`) sees every person (to assign clients) but only their own devices.
 */
export async function staffList(db: Database, viewer?: Caller): Promise<StaffView[]> {
  const people = await everyone(db);
  const allDevices = !viewer || can(viewer.role, 'manageStaff') || can(viewer.role, 'approveDevices');
  const devices = await db.query<DeviceRow>(
    `SELECT ${DEVICE_COLUMNS} FROM devices WHERE $1::uuid IS NULL OR staff_id = $1::uuid ORDER BY created_at, id`,
    [allDevices ? null : viewer.staffId],
  );
  return people.map((person) => ({
    id: person.id,
    displayName: person.display_name,
    role: person.role,
    status: person.status,
    devices: devices.filter((d) => d.staff_id === person.id).map(deviceView),
  }));
}

/** One staff member as the staff list shows them; 404 when there is none. */
export async function staffMember(db: Database, staffId: string): Promise<StaffView> {
  const found = (await staffList(db)).find((person) => person.id === staffId);
  if (!found) throw notFound();
  return found;
}

/** The organisation's recovery public key; 404 before setup. */
export async function organisation(db: Database): Promise<OrganisationView> {
  const [row] = await db.query<{ recovery_public_key: string }>(
    'SELECT recovery_public_key FROM organisation',
  );
  if (!row) throw notFound();
  return { recoveryPublicKey: row.recovery_public_key };
}

/**
 * Every staff member with their devices' public keys and states: what devices seal key wraps to and check
 * wrap signatures against. Revoked devices stay listed (their old signatures still verify).
 */
export async function directory(db: Database): Promise<DirectoryStaffView[]> {
  const people = await everyone(db);
  const devices = await db.query<{
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
