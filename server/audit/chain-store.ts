import type { AuditChainFacts } from '../../shared/sync/audit-push-rule';
import { EMPTY_CHAIN } from '../../shared/crypto/audit-chain';
import type { Queryable } from '../db/database';
import type { AuditChainStop, AuditOwnChain } from '../../shared/domain/audit-api';

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
    async openStop(deviceId) {
      const rows = await tx.query<{ entry_id: string }>(
        'SELECT entry_id FROM audit_chain_stops WHERE device_id = $1 AND resumed_by IS NULL ORDER BY id LIMIT 1',
        [deviceId],
      );
      return rows[0] ? { entryId: rows[0].entry_id } : undefined;
    },
    async resume(deviceId, entryId) {
      await tx.query(
        'UPDATE audit_chain_stops SET resumed_by = $2, resumed_at = $3 WHERE device_id = $1 AND resumed_by IS NULL',
        [deviceId, entryId, clock()],
      );
    },
  };
}

export interface ChainHeadRow {
  deviceId: string;
  seq: number;
  hash: string;
  /** The device's Ed25519 public key (base64url) in the devices table: a checkpoint signs it with the head. */
  key?: string;
}

/** Every device's chain head, with the device's public key. */
export async function chainHeads(tx: Tx): Promise<ChainHeadRow[]> {
  const rows = await tx.query<{ device_id: string; seq: number; hash: string; key: string | null }>(
    `SELECT DISTINCT ON (c.device_id) c.device_id, c.seq, c.hash, d.sign_public_key AS key
       FROM audit_chain c LEFT JOIN devices d ON d.id = c.device_id ORDER BY c.device_id, c.seq DESC`,
  );
  return rows.map((row) => ({
    deviceId: row.device_id,
    seq: Number(row.seq),
    hash: row.hash,
    ...(row.key ? { key: row.key } : {}),
  }));
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
  // An entry held after a refusal, pushed after the device resumed past it: its seq lies in the range the resume
  // skipped (no entry of the chain at that seq, a later one accepted). The resume already answered it.
  const skippedBy = await db.query<{ entry_id: string }>(
    `SELECT entry_id FROM audit_chain WHERE device_id = $1 AND seq > $2
       AND NOT EXISTS (SELECT 1 FROM audit_chain WHERE device_id = $1 AND seq = $2)
     ORDER BY seq LIMIT 1`,
    [refusal.deviceId, seq],
  );
  const resumedBy = seq > 0 ? skippedBy[0]?.entry_id : undefined;
  await db.query(
    `INSERT INTO audit_chain_stops (device_id, staff_id, entry_id, seq, reason, at, resumed_by, resumed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      refusal.deviceId,
      refusal.staffId,
      String(refusal.entry.id ?? ''),
      seq,
      refusal.reason,
      now,
      resumedBy ?? null,
      resumedBy ? now : null,
    ],
  );
}

/**
 * Each stop of a device's chain: its first refused entry, how many refusals until it was resumed (or until now),
 * and the resume that answered it, if any. Stops not yet resumed come first: those devices' logs are stuck.
 */
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
    resumed_by: string | null;
    resumed_at: number | null;
  }>(
    `SELECT DISTINCT ON (s.device_id, s.resumed_by) s.device_id, s.staff_id, s.entry_id, s.seq, s.reason, s.at,
       count(*) OVER w AS refusals, max(s.at) OVER w AS last_at, s.resumed_by, min(s.resumed_at) OVER w AS resumed_at
     FROM audit_chain_stops s
     WINDOW w AS (PARTITION BY s.device_id, s.resumed_by)
     ORDER BY s.device_id, s.resumed_by NULLS FIRST, s.id`,
  );
  const stops = rows.map((row): AuditChainStop => ({
    deviceId: row.device_id,
    staffId: row.staff_id,
    entryId: row.entry_id,
    seq: Number(row.seq),
    reason: row.reason,
    at: Number(row.at),
    refusals: Number(row.refusals),
    lastAt: Number(row.last_at),
    ...(row.resumed_by ? { resumedBy: row.resumed_by, resumedAt: Number(row.resumed_at) } : {}),
  }));
  return stops.sort((a, b) => Number(!!a.resumedBy) - Number(!!b.resumedBy) || b.at - a.at);
}

/** The caller's own chain as the server holds it (GET /audit/own-chain): its head and its open stop. */
export async function ownChain(db: Tx, deviceId: string): Promise<AuditOwnChain> {
  const facts = auditChainFacts(db, () => 0);
  const head = await facts.head(deviceId);
  const rows = await db.query<{ entry_id: string; seq: number; reason: string }>(
    'SELECT entry_id, seq, reason FROM audit_chain_stops WHERE device_id = $1 AND resumed_by IS NULL ORDER BY id LIMIT 1',
    [deviceId],
  );
  const stop = rows[0];
  return {
    head,
    ...(stop ? { stop: { entryId: stop.entry_id, seq: Number(stop.seq), reason: stop.reason } } : {}),
  };
}
