import type { PermittedCollection } from '../auth/roles';
import { auditEventSchema, migrateAuditEventV0, type AuditEvent, type AuditEventV0 } from '../domain/audit';
import { clientSchema, type Client } from '../domain/client';
import { consentSchema, migrateConsentV0, type Consent, type ConsentV0 } from '../domain/consent';
import { keyWrapSchema, type KeyWrapDocument } from '../domain/key-wraps';
import { medicalSectionSchema, type MedicalSection } from '../domain/medical';
import { orgSettingSchema, type OrgSetting } from '../domain/privacy-notice';
import { dataSubjectRequestSchema, type DataSubjectRequest } from '../domain/request';
import { tripSchema, type Trip } from '../domain/trip';
import { auditEventRule } from './audit-push-rule';
import { keyWrapRule } from './key-wrap-push-rule';
import { medicalRule, orgSettingRule, type PushRule } from './push-rules';
import { consentPushRule } from './consent-push-rule';
import { tripRule } from './trip-push-rule';
import { requestRule } from './request-push-rule';
import { partnerSchema, type Partner } from '../domain/partner';
import { provisionSchema, type Provision } from '../domain/provision';
import { partnerRule } from './partner-push-rule';
import { provisionRule } from './provision-push-rule';
import { withServerItemsKept } from './trip-merge';

/**
 * A synced collection, declared once. The device's store (renderer/src/store/local-store.ts), the server's change
 * store (server/sync/change-store.ts), its routes and push rules read this and nothing else: docs/architecture.md,
 * "Adding a synced collection", is the recipe.
 */
export interface SyncedCollection<Doc extends { id: string }> {
  /** The document's JSON schema (RxDB's dialect): the device's store and the server's push validation use it. */
  schema: {
    version: number;
    primaryKey: string;
    type: 'object';
    properties: Readonly<Record<string, unknown>>;
    required: readonly string[];
  };
  /**
   * How the device settles a push the server refused because its state moved on: 'fields', the three-way field
   * merge (shared/sync/merge.ts), which keeps both sides' edits; 'server-wins' for documents that must stay whole
   * (a signed key wrap) or never change (an audit event).
   */
  merge: 'fields' | 'server-wins';
  /** With 'fields': the device's state made ready for the merge, given the base and the server's (trip-merge.ts). */
  beforeMerge?: <T extends Record<string, unknown>>(base: T | undefined, local: T, remote: T) => T;
  /** The device store's migration of each schema version from the one before (RxDB needs one per version). */
  migrations?: Readonly<Record<number, (doc: Doc) => Doc>>;
  /**
   * Where the document's `assignedStaffIds` (which the server's scope filter reads) come from. 'own': set on the
   * document by people (a client's assignment). 'client': a copy of the assignees of the client named by its
   * `clientId`, which the server rewrites whenever the client's change (ChangeStore.followClientAssignees).
   * 'fixed': copied once when written and never rewritten (nobody reads them by assignment).
   */
  assignees: 'own' | 'client' | 'fixed';
  /**
   * The tombstone a device receives for a document it may no longer see (a client unassigned from a concierge):
   * a deletion that is valid under the schema and carries nothing of the document but its id.
   */
  removedStub(id: string, updatedAt: number): Record<string, unknown> & { id: string };
  /** What the permission table cannot say about a push of this collection (push-rules.ts); run by the server. */
  pushRule?: PushRule;
}

/** Declares a collection of documents of type `Doc` (the type the device store's collection holds). */
export const syncedCollection = <Doc extends { id: string }>(entry: SyncedCollection<Doc>) => entry;

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/** A placeholder where the schema needs a sealed field envelope: nothing in it comes from the document. */
const EMPTY_ENVELOPE = `1.-.${'A'.repeat(54)}`;
const keepAsIs = <Doc>(doc: Doc) => doc;

/**
 * Every collection that replicates between devices and the server. RxDB's free edition opens at most 13
 * collections, so this registry is the budget: docs/data-model.md plans the whole road within it.
 *
 * Every document of every collection carries `assignedStaffIds`: the server's scope filter reads
 * `data->'assignedStaffIds'`.
 */
export const collectionRegistry = {
  clients: syncedCollection<Client>({
    schema: clientSchema,
    merge: 'fields',
    // Version 1 added the optional `conflicts` field, 2 the full record's optional sections, 3 dropped the
    // `updatedAt` index: earlier documents are valid as they are.
    migrations: { 1: keepAsIs, 2: keepAsIs, 3: keepAsIs },
    assignees: 'own',
    removedStub: (id, updatedAt) => ({
      id,
      names: { latin: '-' },
      status: 'archived',
      assignedStaffIds: [],
      createdAt: 0,
      updatedAt,
    }),
  }),
  trips: syncedCollection<Trip>({
    schema: tripSchema,
    // An itinerary's items are one field to the merge: two edits of it at once become a conflict a person settles,
    // showing only the items each side changed (trip-merge.ts).
    merge: 'fields',
    beforeMerge: withServerItemsKept,
    // Version 1 added optional item fields (cost, entry zones), version 2 dropped two indexes, version 3 sealed
    // the details of medical items: a medical item stored in clear stays so on the device until a holder of the
    // client's key writes the trip, which seals it (docs/data-model.md, "trips"); version 4 added the optional
    // `resealOf` of medical items.
    migrations: { 1: keepAsIs, 2: keepAsIs, 3: keepAsIs, 4: keepAsIs },
    assignees: 'client',
    // Not even the client it belongs to: the nil uuid stands in.
    removedStub: (id, updatedAt) => ({
      id,
      clientId: NIL_UUID,
      assignedStaffIds: [],
      title: '-',
      startDate: '1970-01-01',
      endDate: '1970-01-01',
      timeZone: 'UTC',
      items: [],
      createdAt: 0,
      updatedAt,
    }),
    pushRule: tripRule,
  }),
  medical: syncedCollection<MedicalSection>({
    schema: medicalSectionSchema,
    // Each field of a medical section is its own envelope: edits of different fields merge.
    merge: 'fields',
    assignees: 'client',
    removedStub: (id, updatedAt) => ({
      id,
      clientId: NIL_UUID,
      keyId: '-',
      history: EMPTY_ENVELOPE,
      currentMedications: EMPTY_ENVELOPE,
      allergies: EMPTY_ENVELOPE,
      conditions: EMPTY_ENVELOPE,
      documentNotes: EMPTY_ENVELOPE,
      plannedTreatments: EMPTY_ENVELOPE,
      consentId: NIL_UUID,
      assignedStaffIds: [],
      createdAt: 0,
      updatedAt,
    }),
    pushRule: medicalRule,
  }),
  keyWraps: syncedCollection<KeyWrapDocument>({
    schema: keyWrapSchema,
    // One signed whole: mixing the fields of two versions would break its signature.
    merge: 'server-wins',
    assignees: 'client',
    // The id names client, key and recipient; the tombstone keeps it (the device must find its copy) and nothing
    // more: no wrap, no signature.
    removedStub: (id, updatedAt) => ({
      id,
      v: 1,
      keyId: '-',
      clientId: NIL_UUID,
      recipientId: NIL_UUID,
      granterId: NIL_UUID,
      sealed: 'A',
      signature: 'A'.repeat(86),
      assignedStaffIds: [],
      createdAt: 0,
      updatedAt,
    }),
    pushRule: keyWrapRule,
  }),
  consents: syncedCollection<Consent>({
    schema: consentSchema,
    // A record is signed and never changes (shared/domain/consent.ts): the server's copy is the one.
    merge: 'server-wins',
    // Version 1: the append-only signed ledger. A version 0 entry becomes an unsigned legacy record; its
    // withdrawal, if any, arrives from the server as a record of its own (server/db/migrations). Version 2 added
    // a provision's optional `purposeCode` and `partnerCountry`: version 1 records are valid as they are.
    migrations: { 1: (doc) => migrateConsentV0(doc as unknown as ConsentV0), 2: keepAsIs },
    assignees: 'client',
    removedStub: (id) => ({
      id,
      clientId: NIL_UUID,
      action: 'given',
      purpose: 'marketing',
      noticeId: NIL_UUID,
      noticeVersion: '-',
      noticeHash: '0'.repeat(64),
      language: 'en',
      method: 'signed-paper',
      at: 0,
      recordedBy: NIL_UUID,
      deviceId: NIL_UUID,
      recordedAt: 0,
      assignedStaffIds: [],
    }),
    pushRule: consentPushRule,
  }),
  auditEvents: syncedCollection<AuditEvent>({
    schema: auditEventSchema,
    // An audit event never changes.
    merge: 'server-wins',
    // No role reads them by assignment (see shared/auth/roles.ts), so their copy decides nothing, and the audit log
    // is never rewritten.
    assignees: 'fixed',
    // Version 1 chains and signs entries; a version 0 event stays as it was, marked legacy. Version 2 adds a kind.
    // Version 3 keeps every entry as it is: rewriting it into the new store fills its blind index of the client
    // (renderer/src/store/blind-index.ts), so entries written before are found by client too.
    migrations: { 1: (doc) => migrateAuditEventV0(doc as unknown as AuditEventV0), 2: keepAsIs, 3: keepAsIs },
    removedStub: (id) => ({
      id,
      kind: 'medical-unsealed',
      staffId: NIL_UUID,
      deviceId: NIL_UUID,
      fields: [],
      at: 0,
      seq: 0,
      legacy: true,
      assignedStaffIds: [],
    }),
    pushRule: auditEventRule,
  }),
  orgSettings: syncedCollection<OrgSetting>({
    schema: orgSettingSchema,
    // A notice version is immutable once effective, and only the admin writes one: the server's copy is the one.
    merge: 'server-wins',
    // Version 1 added the contact record (kind 'org-contact'); notice versions are valid as they are.
    migrations: { 1: keepAsIs },
    // Every role reads every setting (shared/auth/roles.ts): nobody reads them by assignment.
    assignees: 'fixed',
    removedStub: (id, updatedAt) => ({
      id,
      kind: 'privacy-notice',
      version: '-',
      effectiveAt: 0,
      summary: '-',
      substantial: false,
      texts: [{ language: 'en', text: '-', sha256: '0'.repeat(64) }],
      publishedBy: NIL_UUID,
      assignedStaffIds: [],
      createdAt: 0,
      updatedAt,
    }),
    pushRule: orgSettingRule,
  }),
  requests: syncedCollection<DataSubjectRequest>({
    schema: dataSubjectRequestSchema,
    merge: 'fields',
    // Versions 2 and 3 added optional fields (`erasureScope`; `earlierChecks`, `withdrawalChannel`): earlier requests
    // are valid as they are.
    migrations: { 1: keepAsIs, 2: keepAsIs, 3: keepAsIs },
    assignees: 'client',
    removedStub: (id, updatedAt) => ({
      id,
      clientId: NIL_UUID,
      type: 'enquiry',
      channel: 'other',
      receivedAt: 0,
      receivedBy: NIL_UUID,
      requester: { kind: 'client' },
      gdprBasis: 'none',
      dueAt: 0,
      status: 'withdrawn',
      assignedStaffIds: [],
      createdAt: 0,
      updatedAt,
    }),
    pushRule: requestRule,
  }),
  // The partner directory (issue 15, docs/sharing.md): managers and the admin write it, every role reads it.
  partners: syncedCollection<Partner>({
    schema: partnerSchema,
    merge: 'fields',
    assignees: 'fixed',
    removedStub: (id, updatedAt) => ({
      id,
      names: { en: '-', ja: '-' },
      kind: 'other',
      country: 'JP',
      city: '-',
      vetting: { status: 'suspended' },
      assignedStaffIds: [],
      createdAt: 0,
      updatedAt,
    }),
    pushRule: partnerRule,
  }),
  // The provision ledger (APPI Art. 29/30): append-only, so the server's copy is the one.
  provisions: syncedCollection<Provision>({
    schema: provisionSchema,
    merge: 'server-wins',
    assignees: 'client',
    removedStub: (id) => ({
      id,
      clientId: NIL_UUID,
      kind: 'destroy-notified',
      partnerId: NIL_UUID,
      refersTo: NIL_UUID,
      at: 0,
      recordedBy: NIL_UUID,
      recordedAt: 0,
      assignedStaffIds: [],
    }),
    pushRule: provisionRule,
  }),
};

export type CollectionRegistry = typeof collectionRegistry;
export type SyncedCollectionName = keyof CollectionRegistry;
/** The type of the documents of a collection. */
export type DocumentOf<Name extends SyncedCollectionName> =
  CollectionRegistry[Name] extends SyncedCollection<infer Doc> ? Doc : never;

/** Every registered collection has its row in the permission table (shared/auth/roles.ts), and every row its entry. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const PERMISSION_ROWS_MATCH: SameKeys<SyncedCollectionName, PermittedCollection> = true;
