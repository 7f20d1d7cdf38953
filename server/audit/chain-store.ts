import type { AuditChainFacts } from '../../shared/sync/audit-push-rule';
import { EMPTY_CHAIN } from '../../shared/crypto/audit-chain';
import type { Queryable } from '../db/database';
import type { AuditChainStop } from '../../shared/domain/audit-api';

type Tx = Pick<Queryable, 'query'>;

/**
 * The server's index of every device's access-log chain (table audit_chain): one row per accepted chained entry,
 * with its hash and the server's receipt time (outside what the device signed). The push rule reads the head and
 * records each entry it accepts, in the push's transaction (shared/sync/audit-push-rule.ts); checkpoints sign the
 * heads (checkpoints.ts); the console reads receipt times.
 */
export function auditChainFacts(tx: Tx, clock: () => number): AuditChainFacts['auditChain'] {
  return {
    async head(deviceId) {
      const rows = await tx.query<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_chain WHERE device_id = $1 ORDER BY seq DESC LIMIT 1',
        [deviceId],
      );
      const row = rows[0];
      return row ? { seq: Number(row.seq), hash: row.hash } : EMPTY_CHAIN;
    },
    async signKey(deviceId) {
      const rows = await tx.query<{ sign_public_key: string }>(
        'SELECT sign_public_key FROM devices WHERE id = $1',
        [deviceId],
      );
      return rows[0]?.sign_public_key;
    },
    async accept(entry) {
      await tx.query(
        'INSERT INTO audit_chain (device_id, seq, hash, entry_id, received_at) VALUES ($1, $2, $3, $4, $5)',
        [entry.deviceId, entry.seq, entry.hash, entry.id, clock()],
      );
    },
  };
}

export interface ChainHeadRow {
  deviceId: string;
  seq: number;
  hash: string;
}

/** Every device's chain head. */
export async function chainHeads(tx: Tx): Promise<ChainHeadRow[]> {
  const rows = await tx.query<{ device_id: string; seq: number; hash: string }>(
    `SELECT DISTINCT ON (device_id) device_id, seq, hash FROM audit_chain ORDER BY device_id, seq DESC`,
  );
  return rows.map((row) => ({ deviceId: row.device_id, seq: Number(row.seq), hash: row.hash }));
}

/** When the server received each entry (by entry id), after `after` (epoch ms), oldest first. */
export async function receiptsAfter(
  tx: Tx,
  after: number,
  limit: number,
): Promise<{ entryId: string; receivedAt: number }[]> {
  const rows = await tx.query<{ entry_id: string; received_at: number }>(
    'SELECT entry_id, received_at FROM audit_chain WHERE received_at > $1 ORDER BY received_at, entry_id LIMIT $2',
    [after, limit],
  );
  return rows.map((row) => ({ entryId: row.entry_id, receivedAt: Number(row.received_at) }));
}

/**
 * A refused access-log entry: the device's chain stops there (the device keeps the entry and tells its user; later
 * entries cannot link). Recorded after the refused push rolled back, for the DPO's console; ids and the reason only.
 */
export async function recordChainStop(
  db: Tx,
  refusal: { staffId: string; deviceId: string; entry: Record<string, unknown>; reason: string },
  now: number,
): Promise<void> {
  const seq = typeof refusal.entry.seq === 'number' ? refusal.entry.seq : 0;
  await db.query(
    'INSERT INTO audit_chain_stops (device_id, staff_id, entry_id, seq, reason, at) VALUES ($1, $2, $3, $4, $5, $6)',
    [refusal.deviceId, refusal.staffId, String(refusal.entry.id ?? ''), seq, refusal.reason, now],
  );
}

/** Each device whose chain stopped: its first refused entry (the chain's stop) and how many refusals since. */
export async function chainStops(db: Tx): Promise<AuditChainStop[]> {
  const rows = await db.query<{
    device_id: string;
    staff_id: string;
    entry_id: string;
    seq: number;
    reason: string;
    at: number;
    refusals: number;
    last_at: number;
  }>(
    `SELECT DISTINCT ON (s.device_id) s.device_id, s.staff_id, s.entry_id, s.seq, s.reason, s.at,
       count(*) OVER (PARTITION BY s.device_id) AS refusals, max(s.at) OVER (PARTITION BY s.device_id) AS last_at
     FROM audit_chain_stops s ORDER BY s.device_id, s.id`,
  );
  return rows.map((row) => ({
    deviceId: row.device_id,
    staffId: row.staff_id,
    entryId: row.entry_id,
    seq: Number(row.seq),
    reason: row.reason,
    at: Number(row.at),
    refusals: Number(row.refusals),
    lastAt: Number(row.last_at),
  }));
}
