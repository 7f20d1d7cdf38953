import type { LedgerHeads } from '../../shared/crypto/audit-verify';
import type { Queryable } from '../db/database';

type Tx = Pick<Queryable, 'query'>;

/**
 * The server's own ledgers as hash chains: staff_events (in id order) and incident_revisions (in chain_seq order)
 * since migration 13 (server/audit/migration.ts), incident_notifications (in chain_seq order) since migration 27
 * (server/breaches/migration.ts). Each row's hash is SHA-256 of the previous row's hash and the row's text, set by
 * a trigger under a lock; checkpoints sign each chain's head (checkpoints.ts). `verifyServerLedgers`
 * (ledger-check.ts) recomputes the chains and checks every checkpointed head: a row altered, removed or inserted
 * out of place is found; and it compares each incident's live row with its last revision.
 */
export async function ledgerHeads(tx: Tx): Promise<LedgerHeads> {
  const head = async (sql: string) => {
    const row = (await tx.query<{ at: number; hash: string }>(sql))[0];
    return row ? { at: Number(row.at), hash: row.hash } : { at: 0, hash: '' };
  };
  return {
    staffEvents: await head('SELECT id AS at, hash FROM staff_events ORDER BY id DESC LIMIT 1'),
    incidentRevisions: await head(
      'SELECT chain_seq AS at, hash FROM incident_revisions ORDER BY chain_seq DESC NULLS LAST LIMIT 1',
    ),
    incidentNotifications: await head(
      'SELECT chain_seq AS at, hash FROM incident_notifications ORDER BY chain_seq DESC NULLS LAST LIMIT 1',
    ),
  };
}
