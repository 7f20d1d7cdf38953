import type { LedgerHeads } from '../../shared/crypto/audit-verify';
import type { Queryable } from '../db/database';

type Tx = Pick<Queryable, 'query'>;

/**
 * The server's own ledgers as hash chains (migration 13, server/audit/migration.ts): staff_events (in id order) and
 * incident_revisions (in chain_seq order). Each row's hash is SHA-256 of the previous row's hash and the row's
 * text, set by a trigger under a lock; checkpoints sign each chain's head (checkpoints.ts). `verifyServerLedgers`
 * recomputes both chains and checks every checkpointed head: a row altered, removed or inserted out of place is found.
 */
export async function ledgerHeads(tx: Tx): Promise<LedgerHeads> {
  const staff = (
    await tx.query<{ id: number; hash: string }>('SELECT id, hash FROM staff_events ORDER BY id DESC LIMIT 1')
  )[0];
  const incidents = (
    await tx.query<{ chain_seq: number; hash: string }>(
      'SELECT chain_seq, hash FROM incident_revisions ORDER BY chain_seq DESC NULLS LAST LIMIT 1',
    )
  )[0];
  return {
    staffEvents: staff ? { at: Number(staff.id), hash: staff.hash } : { at: 0, hash: '' },
    incidentRevisions: incidents
      ? { at: Number(incidents.chain_seq), hash: incidents.hash }
      : { at: 0, hash: '' },
  };
}

export interface LedgerBreak {
  ledger: 'staffEvents' | 'incidentRevisions';
  /** The staff event's id, or the revision's chain_seq, where the chain first breaks. */
  at: number;
  problem: 'hash' | 'link' | 'checkpoint';
  checkpointId?: number;
}

async function chainBreak(
  tx: Tx,
  ledger: LedgerBreak['ledger'],
  sql: string,
): Promise<{ broken?: LedgerBreak; hashes: Map<number, string> }> {
  const rows = await tx.query<{
    at: number;
    prev_hash: string | null;
    hash: string | null;
    recomputed: string;
  }>(sql);
  const hashes = new Map<number, string>();
  let last: string | null = null;
  for (const row of rows) {
    const at = Number(row.at);
    if ((row.prev_hash ?? null) !== last) return { broken: { ledger, at, problem: 'link' }, hashes };
    if (row.hash !== row.recomputed) return { broken: { ledger, at, problem: 'hash' }, hashes };
    hashes.set(at, row.hash);
    last = row.hash;
  }
  return { hashes };
}

/** The first break in the server's ledgers, or undefined when both chains and every checkpointed head hold. */
export async function verifyServerLedgers(tx: Tx): Promise<LedgerBreak | undefined> {
  const staff = await chainBreak(
    tx,
    'staffEvents',
    'SELECT id AS at, prev_hash, hash, staff_event_hash(prev_hash, e) AS recomputed FROM staff_events e ORDER BY id',
  );
  if (staff.broken) return staff.broken;
  const incidents = await chainBreak(
    tx,
    'incidentRevisions',
    `SELECT chain_seq AS at, prev_hash, hash, incident_revision_hash(prev_hash, r) AS recomputed
       FROM incident_revisions r ORDER BY chain_seq`,
  );
  if (incidents.broken) return incidents.broken;
  const checkpoints = await tx.query<{ id: number; ledgers: unknown }>(
    'SELECT id, ledgers FROM audit_checkpoints WHERE ledgers IS NOT NULL ORDER BY id',
  );
  for (const row of checkpoints) {
    const heads = (typeof row.ledgers === 'string' ? JSON.parse(row.ledgers) : row.ledgers) as LedgerHeads;
    for (const [ledger, chain] of [
      ['staffEvents', staff],
      ['incidentRevisions', incidents],
    ] as const) {
      const head = heads[ledger];
      if (head.at > 0 && chain.hashes.get(head.at) !== head.hash)
        return { ledger, at: head.at, problem: 'checkpoint', checkpointId: Number(row.id) };
    }
  }
  return undefined;
}
