import type { AuditEvent } from './audit';
import type { Client } from './client';
import type { ConsentRecord } from './consent';
import type { DataCategory } from './incident';
import type { KeyWrapDocument } from './key-wraps';
import type { LegalHold } from './legal-hold';
import type { MedicalContent } from './medical';
import type { Partner } from './partner';
import type { PrivacyNotice } from './privacy-notice';
import type { Provision } from './provision';
import type { DataSubjectRequest } from './request';
import type { ShareRequest } from './share-request';
import type { Trip, TripItem } from './trip';
import type { TripItemDetails } from './trip-medical';

/**
 * The complete export of one client (issue 16), built on the device of the DPO (or a manager) from the local store,
 * the medical section opened with the device's grant, the consent ledger with each signature checked, and what only
 * the server holds (share requests and their decisions, legal holds, the server's record of exports:
 * GET /export/clients/:id). One document, `ClientDataExport` below, versioned (`schemaVersion`); its JSON Schema is
 * request-export-schema.ts and docs/client-export.md describes it. The readable report is drawn from the same
 * document.
 *
 * Complete by construction: `EXPORT_SOURCES` says where every synced collection and every server table that holds
 * a client's data goes in the export; `buildClientExport` refuses a collection it has no place for, and
 * server/privacy/export-completeness.test.ts fails when a collection or a table is added and not placed here.
 */

export const CLIENT_EXPORT_FORMAT = 'lumina-client-export';
// 2: an incident carries its data categories and status, no longer its free-text summary (it may name others).
// 3: `deletedRecords`, the documents deleted on devices whose content the server still holds.
// 4: a medical itinerary item's sealed details opened with the device's grant, as `openedDetails` beside the
// envelope (an addition: a version 3 reader that ignores it reads the rest as before).
export const CLIENT_EXPORT_SCHEMA_VERSION = 4;

/** Where each source of a client's data goes: a synced collection or a server table, and the export's section. */
export const EXPORT_SOURCES = {
  collections: {
    clients: 'client',
    trips: 'trips',
    medical: 'medical',
    keyWraps: 'medicalAccess',
    consents: 'consents',
    auditEvents: 'accessLog',
    orgSettings: 'privacyNotices',
    requests: 'requests',
    // Issue 15: the provision ledger, with the partners its records name.
    provisions: 'provisionLedger',
    partners: 'provisionLedger',
  },
  tables: {
    sync_documents: 'the synced collections above',
    share_requests: 'shareRequests',
    legal_holds: 'legalHolds',
    staff_events: 'accessLog',
    incidents: 'incidents',
    incident_notifications: 'incidents',
    // The history of each incident: the export shows each incident naming the client as it stands now.
    incident_revisions: 'incidents',
    erasures: 'accessLog',
    // Issue 23: who asked for access to the medical section, and how it was answered (server events of the log).
    medical_access_requests: 'accessLog',
  },
} as const satisfies { collections: Record<string, string>; tables: Record<string, string> };

export type ExportedCollection = keyof typeof EXPORT_SOURCES.collections;
export type ExportedTable = keyof typeof EXPORT_SOURCES.tables;

export type ConsentValidity = 'valid' | 'unsigned-legacy' | 'invalid-signature' | 'unknown-device';

/** The medical section as the export holds it: opened, none, or sealed to this device (with who can grant). */
export type ExportedMedical =
  | {
      state: 'open';
      sectionId: string;
      keyId: string;
      createdAt: number;
      updatedAt: number;
      content: Partial<MedicalContent>;
    }
  | { state: 'none' }
  | { state: 'no-access'; granters: string[] };

/** An entry of the access log about the client: an event synced from devices, or a server event (an export). */
export interface AccessLogEntry {
  source: 'device' | 'server';
  kind: string;
  at: number;
  staffId?: string;
  deviceId?: string;
  /** For medical unsealings: the fields opened (names only). */
  fields?: string[];
}

export interface ClientDataExport {
  format: typeof CLIENT_EXPORT_FORMAT;
  schemaVersion: typeof CLIENT_EXPORT_SCHEMA_VERSION;
  clientId: string;
  exportedAt: number;
  exportedBy: { staffId: string; deviceId: string; name?: string };
  /** The register entry the export answers, if any. */
  requestId?: string;
  /** The report's language: the client's (first of their languages that is English or Japanese), else English. */
  language: 'en' | 'ja';
  client: Omit<Client, 'conflicts'>;
  trips: ExportedTrip[];
  medical: ExportedMedical;
  /** Who holds (or held) access to the medical section: the key wraps, without the wrapped key or signature. */
  medicalAccess: Array<
    Pick<KeyWrapDocument, 'keyId' | 'recipientId' | 'granterId' | 'createdAt' | 'updatedAt'>
  >;
  consents: Array<{ record: ConsentRecord; validity: ConsentValidity }>;
  /** The privacy-notice versions the consent records cite, in the report's language where there is one. */
  privacyNotices: Array<{ id: string; version: string; effectiveAt: number; summary: string; text?: string }>;
  /** Share requests and the decisions on them (APPI Art. 33(5): the records of provision are the approved ones). */
  shareRequests: ShareRequest[];
  provisionRecords: ShareRequest[];
  legalHolds: LegalHold[];
  /** Breaches that affected the client's data, and how the client was told (issue 18's register). */
  incidents: ExportedIncident[];
  accessLog: AccessLogEntry[];
  requests: Array<Omit<DataSubjectRequest, 'conflicts'>>;
  /**
   * The provision ledger (APPI Art. 29/30, issue 15): every delivery to a partner, receipt from one, and notice to
   * destroy, oldest first; and the partners those records name.
   */
  provisionLedger: { records: Provision[]; partners: ExportedPartner[] };
  /**
   * Documents of the client deleted on a device whose content the server still holds: a deletion synced as a
   * tombstone keeps the document's last content on the server (server/sync/documents.ts); only an erasure empties
   * it. Marked by collection, as stored (a medical section's fields stay sealed; a trip's medical items carry
   * `openedDetails` where the device opened them), oldest change first.
   */
  deletedRecords: DeletedRecord[];
  /** How many records each source gave: a reader sees that nothing was left out. */
  sources: Record<string, number>;
}

/**
 * An itinerary item as exported: as stored, and for a medical item whose details are sealed (`sealedDetails`,
 * trip-medical.ts) and were opened with this device's grant, those details in clear (`openedDetails`). A sealed
 * item without `openedDetails` could not be opened on the exporting device: `medical` says who can grant access.
 */
export type ExportedTripItem = TripItem & { openedDetails?: TripItemDetails };
export type ExportedTrip = Omit<Trip, 'conflicts' | 'items'> & { items: ExportedTripItem[] };

export interface DeletedRecord {
  collection: string;
  id: string;
  deleted: true;
  record: Record<string, unknown>;
}

export type ExportedPartner = Pick<Partner, 'id' | 'names' | 'kind' | 'country' | 'city'>;

/** What the device gathered for one client: the local store's documents by collection, and the server's part. */
export interface ExportInput {
  clientId: string;
  exportedAt: number;
  exportedBy: ClientDataExport['exportedBy'];
  requestId?: string;
  /** The client's documents of every synced collection, by collection name (the device reads each). */
  documents: Readonly<Record<string, readonly unknown[]>>;
  medical: ExportedMedical;
  consentValidity: (record: ConsentRecord) => ConsentValidity;
  server: ServerExportPart;
  /** The server's deleted documents of the client (`deletedOnServer`); none when absent. */
  deleted?: DeletedRecord[];
  /** The sealed details of medical itinerary items the device opened, by item id (none when absent). */
  tripDetails?: ReadonlyMap<string, TripItemDetails>;
}

/**
 * The deleted documents among the server's (GET /export/clients/:id answers every document of the client with its
 * `_deleted` flag), less any the device holds live (a deletion the device has not pulled yet is not one here).
 */
export function deletedOnServer(
  serverDocuments: Readonly<Record<string, readonly unknown[]>>,
  live: Readonly<Record<string, readonly unknown[]>>,
): DeletedRecord[] {
  const out: DeletedRecord[] = [];
  for (const [collection, docs] of Object.entries(serverDocuments)) {
    const held = new Set((live[collection] ?? []).map((doc) => (doc as { id?: string }).id));
    for (const doc of docs as Array<Record<string, unknown>>) {
      if (doc._deleted !== true || held.has(doc.id as string)) continue;
      const record = { ...doc };
      delete record._deleted;
      delete record.conflicts;
      out.push({ collection, id: String(doc.id), deleted: true, record });
    }
  }
  const changed = (entry: DeletedRecord) => Number(entry.record.updatedAt ?? entry.record.at ?? 0);
  return out.sort((a, b) => changed(a) - changed(b) || a.id.localeCompare(b.id));
}

/**
 * What only the server holds about a client, as GET /export/clients/:id answers it beside the raw documents
 * (shared/auth/protocol.ts ClientExport): share requests and their decisions, legal holds, and the server's record
 * of the exports of the client's data (staff_events, the one just asked for included).
 */
export interface ServerExportPart {
  shareRequests: ShareRequest[];
  legalHolds: LegalHold[];
  events: Array<{ kind: string; at: number; staffId?: string; deviceId?: string }>;
  /** The incidents of the breach register naming the client (absent from servers before the register). */
  incidents?: ExportedIncident[];
}

/**
 * An incident of the breach register that named the client, as the client is told of it: its fields about the
 * client only (the categories of data affected, when it was found, whether it is closed), never the register's
 * free-text summary, which may name other clients or staff.
 */
export interface ExportedIncident {
  id: string;
  discoveredAt: number;
  dataCategories: DataCategory[];
  status: 'open' | 'closed';
  closedAt?: number;
  notifications: Array<{ channel: string; language: string; notifiedAt: number }>;
}

function withoutConflicts<T extends { conflicts?: unknown }>(doc: T): Omit<T, 'conflicts'> {
  const copy = { ...doc };
  delete copy.conflicts;
  return copy;
}
const byAt =
  <T>(at: (x: T) => number) =>
  (a: T, b: T) =>
    at(a) - at(b);

/** The report's language for a client: the first of their languages that is Japanese or English, else English. */
export function exportLanguageOf(client: Pick<Client, 'languages'>): 'en' | 'ja' {
  for (const tag of client.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'en';
}

export class UnexportedCollectionError extends Error {
  constructor(readonly collection: string) {
    super(`the export has no place for the collection ${collection} (shared/domain/request-export.ts)`);
  }
}

/** The export document from what the device gathered. Throws on a collection the export has no place for. */
export function buildClientExport(input: ExportInput): ClientDataExport {
  const { documents } = input;
  for (const name of Object.keys(documents)) {
    if (!(name in EXPORT_SOURCES.collections)) throw new UnexportedCollectionError(name);
  }
  const of = <T>(name: ExportedCollection) => (documents[name] ?? []) as T[];
  const client = of<Client>('clients').find((doc) => doc.id === input.clientId);
  if (!client) throw new RangeError('the client is not on this device');
  const language = exportLanguageOf(client);
  const consents = of<ConsentRecord>('consents')
    .filter((record) => record.clientId === input.clientId)
    .sort(byAt((record) => record.at))
    .map((record) => ({ record, validity: input.consentValidity(record) }));
  const cited = new Set(consents.map(({ record }) => record.noticeId));
  const privacyNotices = of<PrivacyNotice>('orgSettings')
    .filter((notice) => notice.kind === 'privacy-notice' && cited.has(notice.id))
    .sort(byAt((notice) => notice.effectiveAt))
    .map((notice) => ({
      id: notice.id,
      version: notice.version,
      effectiveAt: notice.effectiveAt,
      summary: notice.summary,
      text: (notice.texts.find((t) => t.language === language) ?? notice.texts[0])?.text,
    }));
  const deviceLog: AccessLogEntry[] = of<AuditEvent>('auditEvents')
    .filter((event) => event.clientId === input.clientId)
    .map((event) => ({
      source: 'device',
      kind: event.kind,
      at: event.at,
      staffId: event.staffId,
      deviceId: event.deviceId,
      fields: [...event.fields],
    }));
  const serverLog: AccessLogEntry[] = input.server.events.map((event) => ({ source: 'server', ...event }));
  const shareRequests = [...input.server.shareRequests].sort(byAt((share) => share.requestedAt));
  const out: ClientDataExport = {
    format: CLIENT_EXPORT_FORMAT,
    schemaVersion: CLIENT_EXPORT_SCHEMA_VERSION,
    clientId: input.clientId,
    exportedAt: input.exportedAt,
    exportedBy: input.exportedBy,
    ...(input.requestId !== undefined ? { requestId: input.requestId } : {}),
    language,
    client: withoutConflicts(client),
    trips: of<Trip>('trips')
      .filter((trip) => trip.clientId === input.clientId)
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id))
      .map((trip) => withOpenedItems(withoutConflicts(trip), input.tripDetails)),
    medical: input.medical,
    medicalAccess: of<KeyWrapDocument>('keyWraps')
      .filter((wrap) => wrap.clientId === input.clientId)
      .map(({ keyId, recipientId, granterId, createdAt, updatedAt }) => ({
        keyId,
        recipientId,
        granterId,
        createdAt,
        updatedAt,
      })),
    consents,
    privacyNotices,
    shareRequests,
    // An approval decided is a provision (or one made ready, and cancelled later by a withdrawal).
    provisionRecords: shareRequests.filter(
      (share) => share.decidedAt !== undefined && share.status !== 'refused',
    ),
    legalHolds: [...input.server.legalHolds].sort(byAt((hold) => hold.appliedAt)),
    incidents: [...(input.server.incidents ?? [])].sort(byAt((incident) => incident.discoveredAt)),
    accessLog: [...deviceLog, ...serverLog].sort(byAt((entry) => entry.at)),
    requests: of<DataSubjectRequest>('requests')
      .filter((request) => request.clientId === input.clientId)
      .sort(byAt((request) => request.receivedAt))
      .map(withoutConflicts),
    provisionLedger: provisionLedgerOf(
      of<Provision>('provisions').filter((record) => record.clientId === input.clientId),
      of<Partner>('partners'),
    ),
    // A deleted trip's medical items opened as a live one's (the device opens both: build-export.ts).
    deletedRecords: (input.deleted ?? []).map((deleted) =>
      deleted.collection === 'trips' && Array.isArray(deleted.record.items)
        ? {
            ...deleted,
            record: withOpenedItems(
              deleted.record as unknown as Trip,
              input.tripDetails,
            ) as unknown as Record<string, unknown>,
          }
        : deleted,
    ),
    sources: {},
  };
  for (const name of Object.keys(EXPORT_SOURCES.collections) as ExportedCollection[]) {
    out.sources[name] = (documents[name] ?? []).length;
  }
  out.sources.share_requests = input.server.shareRequests.length;
  out.sources.legal_holds = input.server.legalHolds.length;
  out.sources.staff_events = input.server.events.length;
  out.sources.deleted_on_server = out.deletedRecords.length;
  out.sources.incidents = out.incidents.length;
  out.sources.incident_notifications = out.incidents.reduce(
    (n, incident) => n + incident.notifications.length,
    0,
  );
  return out;
}

function withOpenedItems(
  trip: Omit<Trip, 'conflicts'>,
  opened: ReadonlyMap<string, TripItemDetails> | undefined,
): ExportedTrip {
  if (!opened || opened.size === 0) return trip;
  return {
    ...trip,
    items: trip.items.map((item) => {
      const details = item.sealedDetails !== undefined ? opened.get(item.id) : undefined;
      return details ? { ...item, openedDetails: details } : item;
    }),
  };
}

function provisionLedgerOf(records: Provision[], partners: Partner[]): ClientDataExport['provisionLedger'] {
  const named = new Set(records.map((record) => record.partnerId));
  return {
    records: [...records].sort(byAt((record) => record.at)),
    partners: partners
      .filter((partner) => named.has(partner.id))
      .map(({ id, names, kind, country, city }) => ({ id, names, kind, country, city })),
  };
}
