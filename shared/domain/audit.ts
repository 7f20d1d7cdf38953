import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';
import { MEDICAL_FIELDS, type MedicalField } from './medical';
import { isAuditFieldName, isAuditTarget } from './audit-names';

/**
 * The access log (issue 18): every view of sensitive data, every unlock and failed unlock, every change of who may
 * see what, consents, erasures and requests handled. An entry says who (staff member and device), what (`kind`),
 * about which client (if any), which fields (names, never values) and when on the device. Entries are written
 * where the action happens, once, and never changed.
 *
 * Version 1 makes the log tamper-evident (docs/crypto-spec.md, "Access log"): each device numbers its entries
 * (`seq` 1, 2, 3…), each entry names the hash of the device's previous one (`prevHash`) and is signed by the
 * device (`signature`). Entries written before version 1 are kept as they were, marked `legacy` (seq 0, no chain,
 * no signature): nothing is lost, and the verifier reports them as unchained.
 *
 * Staff and device events that happen on the server (role changes, device approvals and revocations) stay in
 * the server's staff_events table and reach the console through a server route, not through this collection.
 */

export const AUDIT_EVENT_KINDS = [
  'medical-unsealed',
  'trip-medical-opened',
  'passport-viewed',
  'printed-medical',
  'exported',
  'share-package-built',
  'unlocked',
  'unlock-failed',
  'role-changed',
  'access-granted',
  'access-revoked',
  'device-approved',
  'device-revoked',
  'consent-recorded',
  'consent-withdrawn',
  'erased',
  'request-handled',
  'review',
  // A new segment of the device's chain after the server refused an entry (RESUME_KIND, docs/crypto-spec.md).
  'chain-resumed',
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

/**
 * The entry that resumes a device's chain after the server refused one of its entries (docs/crypto-spec.md,
 * "Resuming a stopped chain"): it links to the head the server holds, numbered past every entry the device wrote,
 * and names the refused entry (`target`); the seqs between are the entries the server never accepted.
 */
export const RESUME_KIND = 'chain-resumed' satisfies AuditEventKind;

/** The kinds that view a client's medical data ("who has seen this client's medical data"). */
export const MEDICAL_VIEW_KINDS: readonly AuditEventKind[] = [
  'medical-unsealed',
  'trip-medical-opened',
  'printed-medical',
  'share-package-built',
  'exported',
];

/** A field name, a section name or an id: never a value someone typed. */
const NAME_PATTERN = '^[A-Za-z0-9_.:-]{1,64}$';
export const AUDIT_FIELDS_MAX = 32;
/** base64url of 32 bytes (a BLAKE2b-256 hash) and of 64 bytes (an Ed25519 signature). */
const HASH_PATTERN = '^[A-Za-z0-9_-]{43}$';
const SIGNATURE_PATTERN = '^[A-Za-z0-9_-]{86}$';
export const AUDIT_SEQ_MAX = 2 ** 31 - 1;

export interface AuditEvent {
  id: string;
  kind: AuditEventKind;
  /** The actor. */
  staffId: string;
  deviceId: string;
  /** The client the action was about, if any. */
  clientId?: string;
  /** Which fields or sections (names only, never content). For medical-unsealed, in MEDICAL_FIELDS order. */
  fields: string[];
  /** What else the action was about, by id: a staff member or device granted, a request, a week reviewed. */
  target?: string;
  /** Milliseconds since the epoch, on the actor's device. */
  at: number;
  /** The entry's number in its device's chain, from 1; 0 for a legacy (version 0) entry. */
  seq: number;
  /** The hash of the device's previous entry (AUDIT_GENESIS for seq 1); absent on legacy entries. */
  prevHash?: string;
  /** The device's Ed25519 signature over the entry (docs/crypto-spec.md); absent on legacy entries. */
  signature?: string;
  /** Written before the log was chained: kept as it was, not signed. */
  legacy?: true;
  /** The client's assignees when written (for a client's entry), else the actor: sync scope only, not signed. */
  assignedStaffIds: string[];
}

/** An entry before the device chains and signs it. */
export type AuditEntryInput = Pick<AuditEvent, 'kind' | 'clientId' | 'fields' | 'target'>;

export const auditEventSchema = {
  title: 'audit event',
  // Version 2 adds the kind chain-resumed. Version 3 changes no document: the device's store then keeps a keyed
  // blind index of the sealed clientId beside each row (renderer/src/store/blind-index.ts), filled by the migration.
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuidSchema,
    kind: { type: 'string', enum: [...AUDIT_EVENT_KINDS], maxLength: 32 },
    staffId: uuidSchema,
    deviceId: uuidSchema,
    clientId: uuidSchema,
    fields: {
      type: 'array',
      maxItems: AUDIT_FIELDS_MAX,
      uniqueItems: true,
      items: { type: 'string', pattern: NAME_PATTERN, maxLength: 64 },
    },
    target: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$', maxLength: 128 },
    at: epochMsSchema,
    seq: { type: 'integer', minimum: 0, maximum: AUDIT_SEQ_MAX, multipleOf: 1 },
    prevHash: { type: 'string', pattern: HASH_PATTERN, maxLength: 43 },
    signature: { type: 'string', pattern: SIGNATURE_PATTERN, maxLength: 86 },
    legacy: { type: 'boolean', enum: [true] },
    assignedStaffIds: staffIdsSchema,
  },
  required: ['id', 'kind', 'staffId', 'deviceId', 'fields', 'at', 'seq', 'assignedStaffIds'],
  additionalProperties: false,
  // The device finds its chain's head by (deviceId, seq); the client is sealed at rest (found on the device through
  // its blind index, which the vault wrapper keeps outside the document).
  indexes: ['staffId', 'at', ['deviceId', 'seq']],
} as const;

/** A version 0 event as it was stored: only medical-unsealed, no chain. */
export interface AuditEventV0 {
  id: string;
  kind: 'medical-unsealed';
  staffId: string;
  deviceId: string;
  clientId: string;
  fields: MedicalField[];
  at: number;
  assignedStaffIds: string[];
}

/** Version 0 to 1: the event as it was, marked legacy (seq 0, no chain, no signature). */
export function migrateAuditEventV0(event: AuditEventV0): AuditEvent {
  return { ...event, fields: [...event.fields], seq: 0, legacy: true };
}

/** A legacy entry can be told from a chained one by shape alone. */
export const isLegacyEntry = (event: Pick<AuditEvent, 'legacy' | 'seq'>) =>
  event.legacy === true || event.seq === 0;

/**
 * The entry recording that someone opened `fields` of a client's medical section: build it before showing
 * anything. Fields come back in MEDICAL_FIELDS order; an unsealing opens at least one.
 */
export function unsealEntry(fields: readonly MedicalField[], clientId: string): AuditEntryInput {
  const opened = MEDICAL_FIELDS.filter((field) => fields.includes(field));
  if (opened.length === 0) throw new RangeError('an unsealing opens at least one field');
  if (fields.some((field) => !MEDICAL_FIELDS.includes(field))) throw new RangeError('not a medical field');
  return { kind: 'medical-unsealed', clientId, fields: opened };
}

/**
 * Why an entry input cannot be logged, or undefined: field names from the catalogue and a target in an id format
 * (audit-names.ts: never a value), and a client for the kinds that need one.
 */
export function auditInputProblem(input: AuditEntryInput): string | undefined {
  if (!(AUDIT_EVENT_KINDS as readonly string[]).includes(input.kind)) return 'kind';
  const name = new RegExp(NAME_PATTERN);
  if (input.fields.length > AUDIT_FIELDS_MAX || input.fields.some((field) => !name.test(field)))
    return 'fields';
  if (new Set(input.fields).size !== input.fields.length) return 'fields';
  if (input.fields.some((field) => !isAuditFieldName(field))) return 'fields';
  if (input.target !== undefined && !isAuditTarget(input.target)) return 'target';
  // A resume names the refused entry by its id, and nothing else.
  if (input.kind === RESUME_KIND) {
    if (input.fields.length > 0) return 'fields';
    if (!input.target || !/^[0-9a-f-]{36}$/.test(input.target) || input.clientId) return 'target';
  }
  if (MEDICAL_VIEW_KINDS.includes(input.kind) && input.kind !== 'exported' && !input.clientId)
    return 'client';
  return undefined;
}
