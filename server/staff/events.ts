import type { Queryable } from '../db/database';

/** A connection or a transaction: what the staff modules write through. */
export type Tx = Pick<Queryable, 'query'>;

/**
 * Records a change to staff or devices (or an export of a client's data) in `staff_events`: who did it, when,
 * to whom, with details that name no personal data beyond ids and roles.
 */
export async function recordStaffEvent(
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
  // Every device's stream hears that the directory changed when the transaction commits (no ids: devices
  // fetch the directory they may see). An export or a login changes no one.
  if (!UNANNOUNCED.has(kind)) await tx.query('SELECT pg_notify($1, $2)', [DIRECTORY_CHANNEL, '{}']);
}

const UNANNOUNCED = new Set(['client-data-exported', 'session-opened', 'session-refused']);

/** The NOTIFY channel on which staff and device changes are announced to every instance's event streams. */
export const DIRECTORY_CHANNEL = 'lumina_directory_changes';
