import type { Queryable } from '../db/database';

/**
 * The request register's look-up for its push rule (shared/sync/request-push-rule.ts): the client's erasures
 * scheduled or carried out (the evidence an erasure request's answer needs: one of the whole client, scheduled since
 * the request was received: request-rules.ts `erasureAnswerProblem`), each with when it was scheduled, its scope
 * (absent: the whole client) and the reference it was scheduled under (the request's id when scheduled from the
 * register). Cancelled erasures are never the answer.
 */
export async function erasuresOfClient(
  tx: Pick<Queryable, 'query'>,
  clientId: string,
): Promise<Array<{ status: string; reference?: string; scheduledAt: number; scope?: string }>> {
  const rows = await tx.query<{
    status: string;
    reference: string | null;
    scheduled_at: string | number;
    scope: string;
  }>(
    `SELECT status, reference, scheduled_at, scope FROM erasures
      WHERE client_id = $1 AND status IN ('scheduled', 'executed') ORDER BY scheduled_at DESC, id`,
    [clientId],
  );
  return rows.map((row) => ({
    status: row.status,
    scheduledAt: Number(row.scheduled_at),
    ...(row.scope !== 'client' ? { scope: row.scope } : {}),
    ...(row.reference !== null ? { reference: row.reference } : {}),
  }));
}
