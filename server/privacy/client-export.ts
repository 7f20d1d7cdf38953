import type { ClientExport } from '../../shared/index';
import { notFound } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { recordStaffEvent } from '../staff/events';
import { documentsAboutClient } from '../sync/documents';

/**
 * Everything the server holds about a client, for a data-subject access request: the client document and every
 * document of another collection that names it (`clientId`). Recorded as an event.
 */
export async function exportClient(
  db: Database,
  caller: Caller,
  clientId: string,
  now: number,
): Promise<ClientExport> {
  const rows = await documentsAboutClient(db, clientId);
  if (rows.length === 0) throw notFound();
  const documents: Record<string, unknown[]> = {};
  for (const row of rows) (documents[row.collection] ??= []).push({ ...row.data, _deleted: row.deleted });
  await recordStaffEvent(db, now, caller.staffId, 'client-data-exported', undefined, undefined, { clientId });
  return { clientId, exportedAt: now, documents };
}
