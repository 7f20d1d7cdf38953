import type { Queryable } from '../db/database';

/** Every push takes this lock, so sequence numbers are handed out, and committed, in one order. */
export const SYNC_WRITE_LOCK = 7_402_002;

/**
 * Takes the sync write lock in the caller's transaction, until it ends. Besides pushes: an erasure, so that what it
 * reads and checks (the document it rewrites, the client's legal holds) cannot change before it writes; placing a
 * legal hold, so that it falls either before an erasure's check of the holds (and stops it) or after its commit.
 */
export async function lockSyncWrites(tx: Pick<Queryable, 'query'>): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_WRITE_LOCK]);
}
