import type { ClientExport } from '../../shared/index';
import type { ServerExportPart } from '../../shared/domain/request-export';
import type { DataCategory } from '../../shared/domain/incident';
import type { DataSubjectRequest } from '../../shared/domain/request';
import { exportRefusal } from '../../shared/domain/request-rules';
import { conflict, notFound } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { LegalHoldStore } from '../retention/legal-hold-store';
import { ShareRequestStore } from '../shares/share-request-store';
import { recordStaffEvent } from '../staff/events';
import { documentById, documentsAboutClient } from '../sync/documents';

export const CLIENT_EXPORTED_EVENT = 'client-data-exported';

/**
 * Everything the server holds about a client, for a data-subject request: every synced document that names the
 * client (as stored: medical content stays sealed, the device that builds the export opens it), and what only the
 * server holds: share requests and their decisions, legal holds, and the record of the exports of the client's
 * data. Kept (issue 16) as the server's half of the export the DPO's device builds
 * (renderer/src/features/export/): the device has no other way to read those tables, and the server records each
 * export here, in `staff_events`, whoever's device builds it.
 */
export async function exportClient(
  db: Database,
  caller: Caller,
  clientId: string,
  now: number,
  requestId: string,
): Promise<ClientExport & ServerExportPart> {
  await requireExportableRequest(db, clientId, requestId);
  const rows = await documentsAboutClient(db, clientId);
  if (rows.length === 0) throw notFound();
  const documents: Record<string, unknown[]> = {};
  for (const row of rows) (documents[row.collection] ??= []).push({ ...row.data, _deleted: row.deleted });
  await recordStaffEvent(db, now, caller.staffId, CLIENT_EXPORTED_EVENT, undefined, caller.deviceId, {
    clientId,
    requestId,
  });
  // Share requests are few per organisation next to clients; the store lists them by status only.
  const shareRequests = (await new ShareRequestStore(db).list()).filter(
    (share) => share.clientId === clientId,
  );
  const legalHolds = await new LegalHoldStore(db).list(clientId);
  const events = await db.query<{
    kind: string;
    at: string | number;
    actor: string | null;
    device_id: string | null;
  }>(`SELECT kind, at, actor, device_id FROM staff_events WHERE detail->>'clientId' = $1 ORDER BY at, id`, [
    clientId,
  ]);
  // The incident's fields about the client only: its free-text summary may name other clients (issue 16 review).
  const incidents = await db.query<{
    id: string;
    discovered_at: string | number;
    categories: DataCategory[] | null;
    closed_at: string | number | null;
  }>(
    `SELECT id, discovered_at, facts->'dataCategories' AS categories, closed_at FROM incidents
      WHERE facts->'clientIds' ? $1 ORDER BY discovered_at, id`,
    [clientId],
  );
  const notifications = await db.query<{
    incident_id: string;
    channel: string;
    language: string;
    notified_at: string | number;
  }>(
    `SELECT incident_id, channel, language, notified_at FROM incident_notifications
      WHERE client_id = $1 ORDER BY notified_at, id`,
    [clientId],
  );
  return {
    clientId,
    exportedAt: now,
    documents,
    shareRequests,
    legalHolds,
    incidents: incidents.map((incident) => ({
      id: incident.id,
      discoveredAt: Number(incident.discovered_at),
      dataCategories: incident.categories ?? [],
      status: incident.closed_at === null ? ('open' as const) : ('closed' as const),
      ...(incident.closed_at !== null ? { closedAt: Number(incident.closed_at) } : {}),
      notifications: notifications
        .filter((notification) => notification.incident_id === incident.id)
        .map((notification) => ({
          channel: notification.channel,
          language: notification.language,
          notifiedAt: Number(notification.notified_at),
        })),
    })),
    events: [
      ...events.map((event) => ({
        kind: event.kind,
        at: Number(event.at),
        ...(event.actor !== null ? { staffId: event.actor } : {}),
        ...(event.device_id !== null ? { deviceId: event.device_id } : {}),
      })),
      // Erasures of the client (docs/erasure.md): scheduled, and cancelled, in the server's part of the log.
      ...(await erasureEvents(db, clientId)),
      ...(await medicalAccessEvents(db, clientId)),
    ],
  };
}

/**
 * Nothing is exported but for an open disclosure request of the client (of the data, or of the provision records)
 * whose requester's identity was verified (issue 16 review), as the server holds the request: 404
 * `request-not-found`; 409 `request-not-for-export` (a correction, an erasure…: nothing of the client's data is
 * its answer), `request-closed` (answered, refused or withdrawn), `request-not-verified` (the device retries a
 * moment later: its verification may still be on its way). request-rules.ts `exportRefusal`.
 */
async function requireExportableRequest(db: Database, clientId: string, requestId: string): Promise<void> {
  const held = await documentById(db, 'requests', requestId);
  if (!held || held._deleted || held.clientId !== clientId) throw notFound('request-not-found');
  const refusal = exportRefusal(held as unknown as DataSubjectRequest);
  if (refusal) throw conflict(refusal);
}

/** A client's erasures as server events of the access log: each scheduling, and its cancellation if any. */
async function erasureEvents(
  db: Pick<Database, 'query'>,
  clientId: string,
): Promise<Array<{ kind: string; at: number; staffId: string }>> {
  const rows = await db.query<{
    scheduled_by: string;
    scheduled_at: string | number;
    cancelled_by: string | null;
    cancelled_at: string | number | null;
  }>(
    'SELECT scheduled_by, scheduled_at, cancelled_by, cancelled_at FROM erasures WHERE client_id = $1 ORDER BY scheduled_at, id',
    [clientId],
  );
  return rows.flatMap((row) => [
    { kind: 'erasure-scheduled', at: Number(row.scheduled_at), staffId: row.scheduled_by },
    ...(row.cancelled_at !== null
      ? [{ kind: 'erasure-cancelled', at: Number(row.cancelled_at), staffId: row.cancelled_by! }]
      : []),
  ]);
}

/** Requests for access to the client's medical section: asked, then granted, declined or withdrawn. */
async function medicalAccessEvents(
  db: Pick<Database, 'query'>,
  clientId: string,
): Promise<Array<{ kind: string; at: number; staffId: string }>> {
  const rows = await db.query<{
    asked_by: string;
    asked_at: string | number;
    status: string;
    closed_by: string | null;
    closed_at: string | number | null;
  }>(
    'SELECT asked_by, asked_at, status, closed_by, closed_at FROM medical_access_requests WHERE client_id = $1 ORDER BY asked_at, id',
    [clientId],
  );
  return rows.flatMap((row) => [
    { kind: 'medical-access-asked', at: Number(row.asked_at), staffId: row.asked_by },
    ...(row.closed_at !== null
      ? [{ kind: `medical-access-${row.status}`, at: Number(row.closed_at), staffId: row.closed_by! }]
      : []),
  ]);
}
