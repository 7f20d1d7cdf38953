import type { RxCollection } from 'rxdb';
import type { Sodium } from '../../../../shared/crypto/index';
import { collectionRegistry } from '../../../../shared/sync/registry';
import { SYNCED_COLLECTION_NAMES } from '../../../../shared/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import type { MedicalSection } from '../../../../shared/domain/medical';
import {
  buildClientExport,
  CLIENT_EXPORT_SCHEMA_VERSION,
  deletedOnServer,
  type ClientDataExport,
  type ExportedMedical,
  type ServerExportPart,
} from '../../../../shared/domain/request-export';
import { grantersFor, readClientMedical, unsealMedical, type MedicalContext } from '../../core/medical/index';
import { openTripDetails } from '../../core/medical/trip-details';
import type { Trip } from '../../../../shared/domain/trip';
import type { TripItemDetails } from '../../../../shared/domain/trip-medical';
import type { LocalStore } from '../../store/local-store';
import { ledgerEntries } from '../consents/consent-records';
import { changeRequest } from '../requests/request-commands';
import { medicalKeyHolders, type MedicalKeyHolder } from './medical-holders';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import { exportRefusal, type ExportRefusal } from '../../../../shared/domain/request-rules';

/**
 * Why an export is not built: no such request of the client here, a request an export does not answer (not a
 * disclosure, or closed), or its requester's identity not verified (request-rules.ts `exportRefusal`).
 */
export type ExportRefusalReason = 'request-unknown' | 'not-for-export' | 'closed' | 'not-verified';

export class ExportRefused extends Error {
  constructor(readonly reason: ExportRefusalReason) {
    super(reason);
  }
}

const REFUSED: Record<ExportRefusal, ExportRefusalReason> = {
  'request-not-for-export': 'not-for-export',
  'request-closed': 'closed',
  'request-not-verified': 'not-verified',
};

/** Why the request is not one to export for, on the device (undefined: it is), as the server's route answers. */
export const exportRefusalOf = (request: DataSubjectRequest): ExportRefusalReason | undefined => {
  const refusal = exportRefusal(request);
  return refusal && REFUSED[refusal];
};

/** The device's reason for the server's refusal of the export route (409), if it is one of the register's. */
export const exportRefusalOfServer = (reason: string): ExportRefusalReason | undefined =>
  reason in REFUSED ? REFUSED[reason as ExportRefusal] : undefined;

/**
 * The client export built on a device (issue 16), without React or the session: export-data.ts binds it to the
 * open session; its test and bench/export use it directly. Gathers every synced collection's documents of the
 * client from the local store (the registry's names, so a collection added later is read too, and
 * buildClientExport refuses what it has no place for), opens the medical section with this device's grant (which
 * records the opening in the access log), checks each consent record's signature, takes what only the server holds
 * (whose route records the export in the server's log), builds the export, and records it on the request it answers.
 */

export interface BuiltExport {
  exported: ClientDataExport;
  /** The JSON file's text, and its SHA-256 (hex), recorded on the request. */
  json: string;
  sha256: string;
  records: number;
  /** The medical section sealed to this device: who holds its key, and who may grant it (medical-holders.ts). */
  medicalHolders: MedicalKeyHolder[];
}

/** The client's documents of every synced collection on the device (the notice versions: all of them). */
export async function clientDocuments(
  store: LocalStore,
  clientId: string,
): Promise<Record<string, unknown[]>> {
  const documents: Record<string, unknown[]> = {};
  await Promise.all(
    SYNCED_COLLECTION_NAMES.map(async (name) => {
      const collection = store[name] as unknown as RxCollection<{ id: string; clientId?: string }>;
      const schema = collectionRegistry[name].schema as { properties: object };
      const byClient = 'clientId' in schema.properties;
      // By the client's id: indexed in clear, or (the access log, whose client is sealed at rest) through the
      // store's keyed blind index (store/blind-index.ts), which opens only the entries of the id's bucket.
      const docs =
        name === 'clients'
          ? await collection
              .findByIds([clientId])
              .exec()
              .then((found) => [...found.values()])
          : await collection.find(byClient ? { selector: { clientId } } : {}).exec();
      documents[name] = docs
        .map((doc) => doc.toJSON() as { clientId?: string })
        .filter((doc) => !byClient || doc.clientId === clientId);
    }),
  );
  return documents;
}

/** The medical section opened with this device's grant, or who could grant one (and who holds its key). */
async function openedMedical(
  ctx: MedicalContext,
  clientId: string,
): Promise<{ medical: ExportedMedical; holders: MedicalKeyHolder[] }> {
  const records = await readClientMedical(ctx.collections, clientId);
  const section: MedicalSection | undefined = records.section;
  if (!section) return { medical: { state: 'none' }, holders: [] };
  const opened = await unsealMedical(ctx, clientId);
  if (opened.status !== 'open') {
    return {
      medical: {
        state: 'no-access',
        granters: grantersFor(ctx.sodium, records, ctx.directory).map((s) => s.id),
      },
      holders: medicalKeyHolders(ctx.sodium, records, ctx.directory),
    };
  }
  return {
    medical: {
      state: 'open',
      sectionId: section.id,
      keyId: section.keyId,
      createdAt: section.createdAt,
      updatedAt: section.updatedAt,
      content: opened.content,
    },
    holders: [],
  };
}

/**
 * The sealed details of the client's medical itinerary items, opened with this device's wrap of the key each was
 * sealed under (the client's key, as the medical section is opened with), by item id. Each trip opened is recorded
 * in the access log (`trip-medical-opened`). What the device cannot open stays out: the export marks it sealed.
 */
async function openedTripItems(
  ctx: MedicalContext,
  trips: readonly Trip[],
  opened = new Map<string, TripItemDetails>(),
): Promise<Map<string, TripItemDetails>> {
  for (const trip of trips) {
    if (!trip.items.some((item) => item.sealedDetails !== undefined)) continue;
    const { details } = await openTripDetails(ctx, trip);
    for (const [itemId, value] of details) opened.set(itemId, value);
  }
  return opened;
}

export interface ExportDeps {
  sodium: Sodium;
  store: LocalStore;
  medical: MedicalContext;
  /** GET /export/clients/:id?requestId=: what only the server holds (and its record of this export). */
  serverPart(
    clientId: string,
    requestId: string,
  ): Promise<ServerExportPart & { documents?: Record<string, unknown[]> }>;
  staffId: string;
  deviceId: string;
  name?: string;
  now(): number;
}

/**
 * Builds the export for an open disclosure request of the register, only once the requester's identity is
 * verified (issue 16 review): else nothing is opened, read or recorded. The server checks the same
 * (server/privacy).
 */
export async function buildExportOnDevice(
  deps: ExportDeps,
  clientId: string,
  requestId: string,
): Promise<BuiltExport> {
  const requestDoc = await deps.store.requests.findOne(requestId).exec();
  const request = requestDoc?.toJSON() as DataSubjectRequest | undefined;
  if (!request || request.clientId !== clientId) throw new ExportRefused('request-unknown');
  const refused = exportRefusalOf(request);
  if (refused) throw new ExportRefused(refused);
  // Opened first: the unsealing's access-log event is then part of the export.
  const { medical, holders: medicalHolders } = await openedMedical(deps.medical, clientId);
  const liveTrips = (await deps.store.trips.find({ selector: { clientId } }).exec())
    .map((doc) => doc.toJSON() as unknown as Trip)
    .filter((trip) => trip.clientId === clientId);
  const tripDetails = await openedTripItems(deps.medical, liveTrips);
  const [documents, server] = await Promise.all([
    clientDocuments(deps.store, clientId),
    deps.serverPart(clientId, requestId),
  ]);
  // The device's store holds no deleted document's content: the server's are the record of them. A deleted trip's
  // medical items are opened as a live one's (their opening is logged after this export's log was read).
  const deleted = deletedOnServer(server.documents ?? {}, documents);
  await openedTripItems(
    deps.medical,
    deleted
      .filter((entry) => entry.collection === 'trips' && Array.isArray(entry.record.items))
      .map((entry) => entry.record as unknown as Trip)
      .filter((trip) => trip.clientId === clientId),
    tripDetails,
  );
  const entries = ledgerEntries(
    deps.sodium,
    documents.consents as ConsentRecord[],
    deps.medical.directory.keyDirectory(),
  );
  const validity = new Map(entries.map((entry) => [entry.record.id, entry.validity]));
  const exported = buildClientExport({
    clientId,
    exportedAt: deps.now(),
    exportedBy: { staffId: deps.staffId, deviceId: deps.deviceId, ...(deps.name ? { name: deps.name } : {}) },
    requestId,
    documents,
    medical,
    consentValidity: (record) => validity.get(record.id) ?? 'unknown-device',
    server: {
      shareRequests: server.shareRequests,
      legalHolds: server.legalHolds,
      events: server.events,
      ...(server.incidents !== undefined ? { incidents: server.incidents } : {}),
    },
    deleted,
    tripDetails,
  });
  const json = JSON.stringify(exported, null, 2);
  const sha256 = deps.sodium.to_hex(deps.sodium.crypto_hash_sha256(deps.sodium.from_string(json)));
  const records = Object.values(exported.sources).reduce((sum, count) => sum + count, 0);
  {
    await changeRequest(
      deps.store,
      requestId,
      (request) => ({
        exports: [
          ...(request.exports ?? []),
          {
            by: deps.staffId,
            deviceId: deps.deviceId,
            at: exported.exportedAt,
            schemaVersion: CLIENT_EXPORT_SCHEMA_VERSION,
            sha256,
          },
        ],
      }),
      deps.now(),
    );
  }
  return { exported, json, sha256, records, medicalHolders };
}
