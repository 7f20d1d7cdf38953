import { randomUUID } from 'node:crypto';
import type { DeviceRegistration, DeviceStatus, DeviceView } from '../../shared/index';
import { fingerprint, type Sodium } from '../../shared/crypto/index';
import { decodeBase64Url } from '../../shared/crypto/encoding';
import { badRequest, conflict } from '../auth/api-error';
import type { Tx } from './events';

export interface DeviceRow {
  id: string;
  staff_id: string;
  name: string;
  sign_public_key: string;
  fingerprint: string;
  status: DeviceStatus;
  created_at: string | number;
  last_seen_at: string | number | null;
}

export const DEVICE_COLUMNS =
  'id, staff_id, name, sign_public_key, fingerprint, status, created_at, last_seen_at';

export function deviceView(row: DeviceRow): DeviceView {
  const seen = row.last_seen_at;
  const lastSeenAt = seen === null || seen === undefined ? undefined : Number(seen);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    fingerprint: row.fingerprint,
    createdAt: Number(row.created_at),
    ...(lastSeenAt !== undefined ? { lastSeenAt } : {}),
  };
}

/** The fingerprint of a device's two public keys, which people compare; 400 when a key is not 32 bytes. */
export function checkDevice(sodium: Sodium, device: DeviceRegistration): string {
  const box = decodeBase64Url(device.boxPublicKey);
  const sign = decodeBase64Url(device.signPublicKey);
  if (box?.length !== 32 || sign?.length !== 32) throw badRequest('device-keys-invalid');
  return fingerprint(sodium, box, sign);
}

/** A new device of a staff member; 409 when its signing key is registered already. Returns its id. */
export async function insertDevice(
  tx: Tx,
  staffId: string,
  device: DeviceRegistration,
  print: string,
  status: DeviceStatus,
  now: number,
): Promise<string> {
  const [known] = await tx.query('SELECT id FROM devices WHERE sign_public_key = $1', [device.signPublicKey]);
  if (known) throw conflict('device-key-registered');
  const deviceId = randomUUID();
  await tx.query(
    `INSERT INTO devices (id, staff_id, name, box_public_key, sign_public_key, fingerprint, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [deviceId, staffId, device.name, device.boxPublicKey, device.signPublicKey, print, status, now],
  );
  return deviceId;
}
