import type { Queryable } from '../db/database';

/**
 * The request register's look-up for its push rule (shared/sync/request-push-rule.ts): the client's erasure
 * scheduled or carried out (the evidence an erasure request's answer needs), with the reference it was scheduled
 * under (the request's id when scheduled from the register).
 */
export async function erasureOfClient(
  tx: Pick<Queryable, 'query'>,
  clientId: string,
): Promise<{ status: string; reference?: string } | undefined> {
  const [row] = await tx.query<{ status: string; reference: string | null }>(
    `SELECT status, reference FROM erasures WHERE client_id = $1 AND status IN ('scheduled', 'executed')
      ORDER BY scheduled_at DESC, id LIMIT 1`,
    [clientId],
  );
  return row
    ? { status: row.status, ...(row.reference !== null ? { reference: row.reference } : {}) }
    : undefined;
}
