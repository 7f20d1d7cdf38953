import type { LedgerHeads } from '../../shared/crypto/audit-verify';
import type { Queryable } from '../db/database';

type Tx = Pick<Queryable, 'query'>;

/**
 * The server's own ledgers as hash chains (migration 13, server/audit/migration.ts): staff_events (in id order) and
 * incident_revisions (in chain_seq order). Each row's hash is SHA-256 of the previous row's hash and the row's
 * text, set by a trigger under a lock; checkpoints sign each chain's head (checkpoints.ts). `verifyServerLedgers` (ledger-check.ts)
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
