import type { DataSubjectRequest } from '../../shared/domain/request';
import { requestsRestingOn, type ErasureSeenWithId } from '../../shared/domain/request-rules';
import type { Queryable } from '../db/database';
import { liveDocumentsOfClient } from '../sync/documents';

/**
 * The requests of the register resting on a scheduled erasure (request-rules.ts `requestsRestingOn`), as the server
 * holds them: its cancellation is refused while there is one (409 `erasure-answers-request`). Called under the sync
 * write lock, which every push takes: a request answered on this erasure is either seen here, or pushed after the
 * cancellation and refused for want of its erasure.
 */
export async function requestsAnsweredBy(
  tx: Pick<Queryable, 'query'>,
  erasure: ErasureSeenWithId,
): Promise<DataSubjectRequest[]> {
  const requests = (await liveDocumentsOfClient(tx, 'requests', erasure.clientId)).map(
    (doc) => doc as unknown as DataSubjectRequest,
  );
  const rows = await tx.query<{ id: string; status: string; scheduled_at: string | number; scope: string }>(
    `SELECT id, status, scheduled_at, scope FROM erasures
      WHERE client_id = $1 AND status IN ('scheduled', 'executed')`,
    [erasure.clientId],
  );
  const standing = rows.map((row) => ({
    id: row.id,
    clientId: erasure.clientId,
    status: row.status,
    scheduledAt: Number(row.scheduled_at),
    ...(row.scope !== 'client' ? { scope: row.scope } : {}),
  }));
  return requestsRestingOn(erasure, requests, standing);
}
