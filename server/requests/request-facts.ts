import type { Queryable } from '../db/database';

/**
 * The request register's look-up for its push rule (shared/sync/request-push-rule.ts): the client's latest erasure
 * scheduled or carried out (the evidence an erasure request's answer needs, if scheduled since the request was
 * received: request-rules.ts `erasureAnswers`), with when it was scheduled and the reference it was scheduled
 * under (the request's id when scheduled from the register). Cancelled erasures are never the answer.
 */
export async function erasureOfClient(
  tx: Pick<Queryable, 'query'>,
  clientId: string,
): Promise<{ status: string; reference?: string; scheduledAt: number } | undefined> {
  const [row] = await tx.query<{ status: string; reference: string | null; scheduled_at: string | number }>(
    `SELECT status, reference, scheduled_at FROM erasures WHERE client_id = $1 AND status IN ('scheduled', 'executed')
      ORDER BY scheduled_at DESC, id LIMIT 1`,
    [clientId],
  );
  return row
    ? {
        status: row.status,
        scheduledAt: Number(row.scheduled_at),
        ...(row.reference !== null ? { reference: row.reference } : {}),
      }
    : undefined;
}
