import { inScope, writeScope, type PermittedCollection, type Role } from '../auth/roles';
import { decodeBase64Url } from '../crypto/encoding';
import { verifyConsentRecord } from '../crypto/consent-signature';
import { loadSodium } from '../crypto/sodium';
import { consentRecordProblem, type ConsentRecord } from '../domain/consent';
import {
  CONSENT_BACKDATE_MAX_MS,
  CONSENT_CLOCK_SKEW_MS,
  canWriteMedical,
  ledgerProblem,
  namedConsent,
  type MedicalWriteCheck,
} from '../domain/consent-ledger';
import { isMedicalEnvelope, MEDICAL_FIELDS } from '../domain/medical';
import { noticeProblem, noticeShapeProblem, type PrivacyNotice } from '../domain/privacy-notice';
import { ORG_CONTACT_ID, orgContactProblem } from '../domain/org-settings';
import type { ShareRequest } from '../domain/share-request';
import { sameDocument } from './canonical';
import { bookkeepingChecks, conflictsAddValue, medicalConflictsProblem } from './conflict-rules';

/**
 * What the permission table (shared/auth/roles.ts) cannot say about a push, collection by collection: who may
 * grant a key, that the audit log and the consent ledger only grow, that a notice version in effect never changes,
 * that medical data is written under a consent in force. Each rule sees one row (the server's state and the pushed state) and
 * answers a refusal's reason code, or undefined to let it through. The write scope is checked before.
 *
 * The server runs them (server/sync/routes.ts); a collection names its rule in the registry (registry.ts), which
 * is why they live in shared/: pure functions of the row and of what `facts` looks up. Before a collection's own
 * rule, every collection gets the client rules (`withClientRules`): a document of a client is scoped by that
 * client as the server holds it, and a client under a legal hold is not deleted.
 */

/** A document as it travels (protocol.ts's WireDocument, which this module cannot import: protocol.ts names the
 * registry's collections, and the registry names these rules). */
export type AnyDocument = Record<string, unknown> & { id: string; _deleted: boolean };

export interface PushCaller {
  staffId: string;
  deviceId: string;
  role: Role;
}

/** What a rule may look up, read in the push's transaction (so before this push's own rows are written). */
export interface PushFacts {
  /** The server's current document of a collection, deleted or not; undefined when it never existed. */
  document(collection: PermittedCollection, id: string): Promise<AnyDocument | undefined>;
  /** The key wraps of a client the server holds now, not deleted. */
  keyWrapsOfClient(clientId: string): Promise<AnyDocument[]>;
  /** The client document (deleted or not) and who was assigned to it and is no longer; undefined if never held. */
  client(clientId: string): Promise<{ client: AnyDocument; formerAssignees: readonly string[] } | undefined>;
  /** Whether a legal hold, not lifted, keeps the client. */
  clientHeld(clientId: string): Promise<boolean>;
  /** Whether the client was erased (the whole client, not a part); absent where none is looked up. */
  clientErased?(clientId: string): Promise<boolean>;
  /** The client's key ids an erasure shredded (their wraps are stubs); absent where none is looked up. */
  shreddedKeyIds?(clientId: string): Promise<ReadonlySet<string>>;
  /** Whether this person's device fetched the server's part of an export for the request (the server's event). */
  exportedForRequest?(requestId: string, staffId: string, deviceId: string): Promise<boolean>;
  /** The client's consent records the server holds (its ledger). */
  consentsOfClient(clientId: string): Promise<ConsentRecord[]>;
  /**
   * The same ledger as the server judges it in force: each record from its stated `at` or its receipt, whichever is
   * later (consent-receipt.ts `asReceived`), for a decision about a past moment; absent where not looked up.
   */
  consentsAsReceived?(clientId: string): Promise<ConsentRecord[]>;
  /** Every privacy-notice version the server holds, not deleted. */
  notices(): Promise<PrivacyNotice[]>;
  /** A device's Ed25519 public key (base64url) from the server's devices table; undefined if unknown. */
  deviceSignKey(deviceId: string): Promise<string | undefined>;
  /** Whether the staff member exists and is active (not invited, not revoked). */
  staffActive(staffId: string): Promise<boolean>;
  /** The key ids of the client's live medical sections; absent where not looked up (devices). */
  medicalKeyIdsOfClient?(clientId: string): Promise<string[]>;
  /** Whether the device is approved (active) and its staff member active; absent where not looked up. */
  deviceApproved?(deviceId: string): Promise<boolean>;
  /** The server's clock (epoch ms). */
  now(): number;
  /** A share request as the server holds it (its own table, server/shares); absent where none is looked up. */
  shareRequest?(id: string): Promise<ShareRequest | undefined>;
  /**
   * The client's erasures not cancelled, each with when it was scheduled and its scope (absent: the whole client;
   * server/requests/request-facts.ts); absent where none is looked up.
   */
  erasuresOfClient?(
    clientId: string,
  ): Promise<Array<{ status: string; reference?: string; scheduledAt: number; scope?: string }>>;
  /** The ids of the `provided` provision records that name a share (of the client); absent where not looked up. */
  providedOfShare?(clientId: string, shareId: string): Promise<string[]>;
}

export interface PushRowInput {
  caller: PushCaller;
  master: AnyDocument | undefined;
  next: AnyDocument;
  facts: PushFacts;
  /**
   * Whether the row changes the server's state: false for a retry of the state the server holds and for a row
   * the server answers as a conflict (its assumed state is not the server's), which write nothing.
   */
  writes?: boolean;
}

/** A refusal: the reason code goes to the device in a 403 (with `needs` = `write:<collection>:<rule>`). */
export interface PushRefusal {
  rule: string;
  reason: string;
}

export type PushRule = (input: PushRowInput) => Promise<PushRefusal | undefined>;

export const refuse = (rule: string, reason: string): PushRefusal => ({ rule, reason });
export const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
export const assigneeList = (doc: AnyDocument): string[] =>
  Array.isArray(doc.assignedStaffIds) ? doc.assignedStaffIds.filter((id) => typeof id === 'string') : [];
/** A document that exists on the server and is not deleted. */
export const live = (doc: AnyDocument | undefined): doc is AnyDocument => doc !== undefined && !doc._deleted;

/** Whether `fields` hold the same values in both documents. */
export function sameFields(a: AnyDocument, b: AnyDocument, fields: readonly string[]): boolean {
  return fields.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));
}

const without = (doc: AnyDocument, field: string) =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => key !== field));
const withoutWire = <T>(doc: AnyDocument) => without(doc, '_deleted') as T;
const withoutAssignees = (doc: AnyDocument) => without(doc, 'assignedStaffIds');

/**
 * Consent records (shared/domain/consent.ts) are append-only: a retry of the record the server holds passes (its
 * assignees aside, which the server rewrites), any change or deletion is refused. A new record is well formed,
 * recorded by the caller on the caller's device and signed by that device's key as the server knows it (a device
 * cannot sign for another), never legacy, not recorded in the future; every record reaches the server within
 * CONSENT_BACKDATE_MAX_MS of its recording; it fits the ledger it joins (consent-ledger.ts
 * `ledgerProblem`: notice, hash, back-dating, what it refers to, no second withdrawal or correction); and its
 * witness is an active staff member.
 */
export const consentRule: PushRule = async ({ caller, master, next, facts }) => {
  if (master !== undefined) {
    const retry =
      !master._deleted && !next._deleted && sameDocument(withoutAssignees(master), withoutAssignees(next));
    return retry ? undefined : refuse('insert-only', 'consent-record-immutable');
  }
  if (next._deleted) return refuse('insert-only', 'consent-record-immutable');
  const record = withoutWire<ConsentRecord>(next);
  const shape = consentRecordProblem(record);
  if (shape) return refuse('record', `consent-${shape}`);
  if (record.recordedBy !== caller.staffId) return refuse('recorder', 'consent-recorder-not-caller');
  if (record.deviceId !== caller.deviceId) return refuse('device', 'consent-device-not-caller');
  const key = await facts.deviceSignKey(caller.deviceId);
  const publicKey = key === undefined ? null : decodeBase64Url(key);
  if (!publicKey || !verifyConsentRecord(await loadSodium(), record, publicKey)) {
    return refuse('signature', 'consent-signature-invalid');
  }
  const now = facts.now();
  if (record.recordedAt > now + CONSENT_CLOCK_SKEW_MS) return refuse('clock', 'consent-recorded-in-future');
  // Every record, not only a grant (review F2): a withdrawal, refusal or "told" dated long before it reaches the
  // server is back-dating too (docs/consent.md, "Back-dating").
  if (record.recordedAt < now - CONSENT_BACKDATE_MAX_MS) return refuse('clock', 'consent-backdated');
  const ledger = await facts.consentsOfClient(record.clientId);
  if (record.refersTo !== undefined && !ledger.some((held) => held.id === record.refersTo)) {
    // Another client's record is refused as such (refers-to-other-client), not as unknown.
    const other = await facts.document('consents', record.refersTo);
    if (live(other)) ledger.push(withoutWire<ConsentRecord>(other));
  }
  const notices = await facts.notices();
  const problem = ledgerProblem(record, ledger, notices);
  if (problem) return refuse('ledger', `consent-${problem}`);
  // The notice cited must be in effect on the server's clock, not merely by the device's: a version not yet in
  // effect may still be edited by the admin, which would leave the record citing words that changed.
  const cited = notices.find((notice) => notice.id === record.noticeId);
  if (cited !== undefined && cited.effectiveAt > now) return refuse('ledger', 'consent-notice-not-effective');
  if (record.witnessStaffId !== undefined && !(await facts.staffActive(record.witnessStaffId))) {
    return refuse('witness', 'consent-witness-not-active');
  }
  return undefined;
};

/**
 * Organisation settings: privacy-notice versions (shared/domain/privacy-notice.ts), loaded by the admin alone. A
 * version in effect (its `effectiveAt` reached on the server's clock) never changes and is never deleted; before
 * that the admin may correct or delete it. Each text's SHA-256 is its text's; labels are unique.
 */
export const orgSettingRule: PushRule = async ({ caller, master, next, facts }) => {
  if (caller.role !== 'admin') return refuse('admin', 'org-setting-admin-only');
  // A record keeps its kind, and the contact's id is the contact's alone.
  if (master !== undefined && master.kind !== next.kind) return refuse('kind', 'org-setting-kind-changed');
  if (next.kind === 'org-contact' || next.id === ORG_CONTACT_ID) return orgContactRule(caller, next);
  const now = facts.now();
  if (live(master) && typeof master.effectiveAt === 'number' && master.effectiveAt <= now) {
    if (next._deleted) return refuse('effective', 'notice-effective-not-deleted');
    return sameDocument(master, next) ? undefined : refuse('effective', 'notice-effective-immutable');
  }
  if (next._deleted) return undefined;
  if (noticeShapeProblem(withoutWire(next))) return refuse('notice', 'notice-shape');
  const notice = withoutWire<PrivacyNotice>(next);
  const problem = noticeProblem(notice);
  if (problem) return refuse('notice', `notice-${problem}`);
  const sodium = await loadSodium();
  for (const text of notice.texts) {
    if (sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string(text.text))) !== text.sha256) {
      return refuse('notice', 'notice-hash-mismatch');
    }
  }
  if (notice.publishedBy !== caller.staffId && !(live(master) && master.publishedBy === notice.publishedBy)) {
    return refuse('notice', 'notice-publisher-not-caller');
  }
  const others = (await facts.notices()).filter((held) => held.id !== notice.id);
  if (others.some((held) => held.version === notice.version)) return refuse('notice', 'notice-version-taken');
  return undefined;
};

/**
 * The organisation's contact (shared/domain/org-settings.ts): one record, never deleted (the admin empties its
 * fields instead), its numbers and e-mail as the form stores them, saved in the admin's name.
 */
function orgContactRule(caller: PushCaller, next: AnyDocument): PushRefusal | undefined {
  if (next._deleted) return refuse('contact', 'org-contact-not-deleted');
  if (next.kind !== 'org-contact') return refuse('contact', 'org-contact-id');
  const problem = orgContactProblem(withoutWire(next));
  if (problem) return refuse('contact', `org-contact-${problem}`);
  if (next.updatedBy !== caller.staffId) return refuse('contact', 'org-contact-not-caller');
  return undefined;
}

/** The medical fields (stated once, in shared/domain/medical.ts) and what names the client and the consent. */
const MEDICAL_WRITTEN = ['clientId', 'consentId', ...MEDICAL_FIELDS] as const;
const MEDICAL_BOOKKEEPING = {
  clientId: bookkeepingChecks.uuid,
  consentId: bookkeepingChecks.uuid,
  keyId: bookkeepingChecks.keyId,
  assignedStaffIds: bookkeepingChecks.staffIds,
  createdAt: bookkeepingChecks.epochMs,
  updatedAt: bookkeepingChecks.epochMs,
};

export const MEDICAL_REFUSALS = {
  'no-consent': 'medical-consent-missing',
  'consent-withdrawn': 'medical-consent-withdrawn',
  'renewal-required': 'medical-renewal-required',
} as const;
/** A migrated (legacy, unsigned) medical consent, not confirmed by a signed record: it counts for nothing. */
export const MEDICAL_UNVERIFIED = 'medical-consent-unverified';

/** The reason code of a refused medical write (canWriteMedical's answer). */
export function medicalRefusal(check: Extract<MedicalWriteCheck, { ok: false }>): string {
  return check.unverified ? MEDICAL_UNVERIFIED : MEDICAL_REFUSALS[check.reason];
}

/**
 * A medical section is written under a medical-data consent of the same client that it names, in force on the
 * server's ledger (not withdrawn), and only while the client's consent allows medical writes (consent-ledger.ts
 * `canWriteMedical`: after a substantial change, renewed once its deadline passed). A change of assignees or
 * timestamps alone writes no medical data.
 */
export const medicalRule: PushRule = async ({ master, next, facts }) => {
  // A tombstone writes nothing, but its conflicts may not hold anything in clear either.
  const shape = medicalConflictsProblem(next, MEDICAL_FIELDS, isMedicalEnvelope, MEDICAL_BOOKKEEPING);
  if (shape) return refuse('conflicts', shape);
  if (next._deleted) return undefined;
  // A competing value the server holds nowhere yet is medical data written, like a changed field.
  const previous = live(master) ? master : undefined;
  if (previous && sameFields(previous, next, MEDICAL_WRITTEN) && !conflictsAddValue(previous, next)) {
    return undefined;
  }
  const clientId = String(next.clientId);
  const records = await facts.consentsOfClient(clientId);
  const now = facts.now();
  const named = namedConsent(records, String(next.consentId), now);
  const purpose =
    named.state === 'live' || named.state === 'unverified'
      ? named.consent.purpose
      : named.state === 'withdrawn'
        ? named.withdrawal.purpose
        : undefined;
  if (purpose !== 'medical-data') return refuse('consent', 'medical-consent-missing');
  if (named.state === 'withdrawn') return refuse('consent', 'medical-consent-withdrawn');
  if (named.state === 'unverified') return refuse('consent', MEDICAL_UNVERIFIED);
  const check = canWriteMedical(records, await facts.notices(), clientId, now);
  return check.ok ? undefined : refuse('consent', medicalRefusal(check));
};

/**
 * A document of a client (its `clientId`): written only within the write scope of the client the server holds,
 * never by the assignees the device sends (a concierge cannot write into a colleague's client, nor make a trip
 * visible to someone not assigned to its client). The client must exist (a client and its documents replicate
 * separately: a device whose client has not arrived yet retries). With `assignees: 'client'`, the server stores
 * the document with its client's assignees whatever the device sent (server/sync/change-store.ts), so a device
 * whose copy predates a reassignment is never refused for good. With 'fixed' (audit events), whoever
 * was assigned to the client and is no longer may still file what they did while assigned.
 */
export function clientScopeRule(collection: PermittedCollection, assignees: 'client' | 'fixed'): PushRule {
  return async ({ caller, master, next, facts }) => {
    const clientId = str(next.clientId);
    if (master !== undefined && master.clientId !== next.clientId) return refuse('client', 'client-changed');
    // An access-log entry about no client (an unlock, a review) is the log's own rule's (audit-push-rule.ts).
    if (assignees === 'fixed' && next.clientId === undefined) return undefined;
    const found = clientId === undefined ? undefined : await facts.client(clientId);
    if (!found) return refuse('client', 'client-unknown');
    const current = assigneeList(found.client);
    // A record the law keeps, filed late for an erased client (whose stub is assigned to no one), is in the reach of
    // those the client was assigned to, as an access-log entry always is: a concierge offline at the erasure files it
    // (the server keeps it reduced) rather than losing it to a refusal.
    const keptLate =
      assignees === 'client' &&
      KEPT_AFTER_ERASURE.includes(collection) &&
      (await facts.clientErased?.(clientId!)) === true;
    const reach = assignees === 'fixed' || keptLate ? [...current, ...found.formerAssignees] : current;
    if (!inScope(writeScope(caller.role, collection), caller.staffId, { assignedStaffIds: reach })) {
      return refuse('client', 'client-not-in-scope');
    }
    return undefined;
  };
}

/**
 * A client under a legal hold is kept whole: neither it nor any document of it is deleted (a tombstone pushed over
 * a live document) until the hold is lifted. Edits go on. `clientIdOf` names the client: the document's own id for
 * clients, its `clientId` for the rest.
 */
export function legalHoldRule(clientIdOf: (doc: AnyDocument) => unknown): PushRule {
  return async ({ master, next, facts, writes = true }) => {
    if (!writes || !next._deleted || !live(master)) return undefined;
    const clientId = str(clientIdOf(master));
    return clientId !== undefined && (await facts.clientHeld(clientId))
      ? refuse('legal-hold', 'client-held')
      : undefined;
  };
}

/**
 * An erased client stays erased (issue 17 review): no document of it is written again, neither the client over its
 * stub (an offline device's edit merged alive against the deletion) nor a trip, a medical section, a consent or a
 * wrap of its shredded key. The records kept after an erasure still take what is filed late: access-log entries,
 * provision records (a partner told to destroy a package) and the request register (the erasure request answered).
 */
const KEPT_AFTER_ERASURE: readonly string[] = ['auditEvents', 'provisions', 'requests'];

export function erasedClientRule(
  clientIdOf: (doc: AnyDocument) => unknown,
  { unwritten = false }: { unwritten?: boolean } = {},
): PushRule {
  return async ({ next, facts, writes = true }) => {
    if ((!writes && !unwritten) || !facts.clientErased) return undefined;
    const clientId = str(clientIdOf(next));
    return clientId !== undefined && (await facts.clientErased(clientId))
      ? refuse('client', 'client-erased')
      : undefined;
  };
}

/**
 * Every rule of a collection, in order, the first refusal winning: the client rules (by the registry's `assignees`:
 * 'own' is a client itself; none for a collection whose documents belong to no client, `ofClient` false), then the
 * collection's own rule.
 */
export function withClientRules(
  collection: PermittedCollection,
  assignees: 'own' | 'client' | 'fixed',
  own: PushRule | undefined,
  ofClient = true,
): PushRule {
  const rules: PushRule[] = !ofClient
    ? []
    : assignees === 'own'
      ? [legalHoldRule((doc) => doc.id), erasedClientRule((doc) => doc.id)]
      : [clientScopeRule(collection, assignees), legalHoldRule((doc) => doc.clientId)];
  if (ofClient && assignees !== 'own' && !KEPT_AFTER_ERASURE.includes(collection)) {
    // First, and for a row that writes nothing too (an offline edit meeting the stub, whose client id is the nil
    // UUID): the device parks it as what it is rather than as a change of client (clientScopeRule).
    rules.unshift(erasedClientRule((doc) => doc.clientId, { unwritten: true }));
  }
  if (own) rules.push(own);
  return async (input) => {
    for (const rule of rules) {
      const refusal = await rule(input);
      if (refusal) return refusal;
    }
    return undefined;
  };
}
