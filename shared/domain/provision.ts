import type { ConsentRecord } from './consent';
import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';

/**
 * The provision ledger (APPI Art. 29 and 30; issue 15, docs/sharing.md): a record per package delivered to a
 * partner (`provided`), per piece of a client's data received from one (`received`, with how the partner obtained
 * it), and per confirmation that a partner was told to destroy what it holds after the client withdrew the consent
 * it relied on (`destroy-notified`). Synced in the `provisions` collection; append-only (the server refuses a
 * change or a deletion: shared/sync/provision-push-rule.ts), kept at least {@link PROVISION_RETENTION_YEARS}
 * years.
 */

export const PROVISION_KINDS = ['provided', 'received', 'destroy-notified'] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];
/** APPI rules: records of provision kept 3 years (the retention work honours it). */
export const PROVISION_RETENTION_YEARS = 3;
export const PROVISION_TEXT_MAX = 1000;
export const PROVISION_ITEMS_MAX = 64;
export const PACKAGE_HASH_PATTERN = '^[0-9a-f]{64}$';

/** An item provided or received: its field key (share-request.ts SHARE_FIELDS for a provision) and its label. */
export interface ProvisionItem {
  key: string;
  label: { en: string; ja: string };
}

export interface Provision {
  id: string;
  clientId: string;
  kind: ProvisionKind;
  partnerId: string;
  /** When the package was delivered, the data received, or the partner told (epoch ms). */
  at: number;
  /** provided, received. */
  items?: ProvisionItem[];
  /** provided: the approved share request (server table share_requests), its requester and approver. */
  shareId?: string;
  requestedBy?: string;
  approvedBy?: string;
  /** provided: the provision consent relied on, and for a partner abroad the overseas-transfer consent. */
  consentId?: string;
  overseasConsentId?: string;
  /** provided: the sealed package's id and SHA-256 (hex). */
  packageId?: string;
  packageHash?: string;
  /** received: how the partner obtained the data (Art. 30). */
  obtainedHow?: string;
  /** destroy-notified: the `provided` record whose package the partner was told to destroy. */
  refersTo?: string;
  notes?: string;
  recordedBy: string;
  recordedAt: number;
  assignedStaffIds: string[];
}

const text = { type: 'string', minLength: 1, maxLength: PROVISION_TEXT_MAX } as const;
const label = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const provisionSchema = {
  title: 'provision record',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuidSchema,
    clientId: uuidSchema,
    kind: { type: 'string', enum: [...PROVISION_KINDS], maxLength: 16 },
    partnerId: uuidSchema,
    at: epochMsSchema,
    items: {
      type: 'array',
      maxItems: PROVISION_ITEMS_MAX,
      items: {
        type: 'object',
        properties: {
          key: { type: 'string', minLength: 1, maxLength: 100 },
          label: {
            type: 'object',
            properties: { en: label, ja: label },
            required: ['en', 'ja'],
            additionalProperties: false,
          },
        },
        required: ['key', 'label'],
        additionalProperties: false,
      },
    },
    shareId: uuidSchema,
    requestedBy: uuidSchema,
    approvedBy: uuidSchema,
    consentId: uuidSchema,
    overseasConsentId: uuidSchema,
    packageId: uuidSchema,
    packageHash: { type: 'string', maxLength: 64, pattern: PACKAGE_HASH_PATTERN },
    obtainedHow: text,
    refersTo: uuidSchema,
    notes: text,
    recordedBy: uuidSchema,
    recordedAt: epochMsSchema,
    assignedStaffIds: staffIdsSchema,
  },
  required: ['id', 'clientId', 'kind', 'partnerId', 'at', 'recordedBy', 'recordedAt', 'assignedStaffIds'],
  additionalProperties: false,
  indexes: ['clientId'],
} as const;

export type ProvisionProblem = 'fields-of-kind' | 'items-required' | 'items-repeated';

const FIELDS_OF_KIND: Record<ProvisionKind, { required: (keyof Provision)[]; allowed: (keyof Provision)[] }> =
  {
    provided: {
      required: ['items', 'shareId', 'requestedBy', 'approvedBy', 'consentId', 'packageId', 'packageHash'],
      allowed: ['overseasConsentId', 'notes'],
    },
    received: { required: ['items', 'obtainedHow'], allowed: ['notes'] },
    'destroy-notified': { required: ['refersTo'], allowed: ['notes'] },
  };
const COMMON = new Set([
  'id',
  'clientId',
  'kind',
  'partnerId',
  'at',
  'recordedBy',
  'recordedAt',
  'assignedStaffIds',
]);

/** What the schema cannot say: each kind carries its fields and no other's. */
export function provisionProblem(record: Provision): ProvisionProblem | undefined {
  const { required, allowed } = FIELDS_OF_KIND[record.kind];
  const permitted = new Set<string>([...COMMON, ...required, ...allowed]);
  if (required.some((field) => record[field] === undefined)) return 'fields-of-kind';
  if (Object.keys(record).some((field) => !permitted.has(field))) return 'fields-of-kind';
  if (record.items) {
    if (record.items.length === 0) return 'items-required';
    if (new Set(record.items.map((item) => item.key)).size !== record.items.length) return 'items-repeated';
  }
  return undefined;
}

/**
 * The delivered packages whose partner must be told to destroy them: a `provided` record whose provision consent
 * (or overseas-transfer consent) the client has since withdrawn, and no `destroy-notified` record for it yet.
 */
export function provisionsToDestroy(
  records: readonly Provision[],
  ledger: readonly ConsentRecord[],
): Provision[] {
  const withdrawn = new Set(
    ledger.filter((record) => record.action === 'withdrawn' && record.refersTo).map((r) => r.refersTo!),
  );
  const told = new Set(records.filter((r) => r.kind === 'destroy-notified').map((r) => r.refersTo));
  return records.filter(
    (record) =>
      record.kind === 'provided' &&
      !told.has(record.id) &&
      (withdrawn.has(record.consentId!) ||
        (record.overseasConsentId !== undefined && withdrawn.has(record.overseasConsentId))),
  );
}

/** A client's records, newest first. */
export const provisionOrder = (records: readonly Provision[]) =>
  [...records].sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
