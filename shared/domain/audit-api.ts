import type { AuditCheckpoint } from '../crypto/audit-checkpoint';
import { AUDIT_EVENT_KINDS, type AuditEvent, type AuditEventKind } from './audit';

/** The access log's server routes (server/audit/routes.ts): what the console reads beside the synced entries. */
export const auditPaths = {
  serverKey: '/audit/server-key',
  /** POST (the admin): rotates the checkpoint key (docs/audit.md); answers AuditKeyRotation. */
  serverKeyRotation: '/audit/server-key/rotation',
  checkpoints: '/audit/checkpoints',
  staffEvents: '/audit/staff-events',
  receipts: '/audit/receipts',
  /** The log filtered and paged on the server (AuditEntriesPage). */
  entries: '/audit/entries',
  devices: '/audit/devices',
  chainStops: '/audit/chain-stops',
  /** The calling device's own chain (AuditOwnChain): what it resumes from after a refusal. */
  ownChain: '/audit/own-chain',
  /** The whole log as NDJSON, ending with its signed end (shared/crypto/audit-verify.ts, AUDIT_NDJSON_FORMAT). */
  export: '/audit/export',
  /** A signed end cut now (AuditExportEnd): the console's export of its synced copy ends with it. */
  exportEnd: '/audit/export-end',
  /** The server's own ledgers (staff events, the breach register's history) re-checked: ServerLedgersCheck. */
  ledgers: '/audit/ledgers',
} as const;

/**
 * The server's ledgers re-checked (server/audit/ledgers.ts): ok, or where the first chain breaks. The
 * checkpoints' signatures and sequence are checked too (ledger 'checkpoints': `at` the checkpoint's number);
 * `checkpointsVerified` 0 means no checkpoint vouches for the heads yet: intact rows, but not verified.
 */
export interface ServerLedgersCheck {
  ok: boolean;
  checkpointsVerified: number;
  broken?: {
    ledger: 'staffEvents' | 'incidentRevisions' | 'incidentNotifications' | 'incidents' | 'checkpoints';
    at: number;
    /**
     * 'signature': a checkpoint not signed by the server's key; 'checkpoint-gap': one missing (the last too);
     * 'live-row' (ledger 'incidents'): an incident as the console reads it differs from its last revision, or has
     * none (`incidentId`; `at` the last revision's place in the chain, 0 if none). 'rule': a row chained
     * intact that the API would never have written (`rule`, LedgerRule; `at` its place in the chain). 'table': a
     * table the check reads is not the plain table it expects (`table`: a view, a table with row-level security
     * or inheritance children, a column of another type, or missing; `at` 0): its rows cannot be vouched for.
     */
    problem: 'hash' | 'link' | 'checkpoint' | 'signature' | 'checkpoint-gap' | 'live-row' | 'rule' | 'table';
    rule?: LedgerRule;
    table?: string;
    checkpointId?: number;
    incidentId?: string;
  };
}

/**
 * The API's rules the ledger check applies to the rows it finds chained (server/audit/ledger-rules.ts):
 * 'discovery-later': a revision moves the discovery later than an earlier revision's;
 * 'server-revision': a revision naming no staff member that is not migration 27's `discovery-kept` (one per
 * incident, after revisions without a discovery), or a `discovery-kept` that is not;
 * 'kept-changed': migration 27's `discovery-kept` changes more than the discovery;
 * 'revision-gap': an incident's revisions not numbered 1, 2, 3…;
 * 'time-backwards': a revision's time, or a notification's recording time, earlier than one before it in chain
 * order (by more than a few minutes: the server takes the time before it takes the chain's lock);
 * 'recorded-before-told': a notification recorded before the time it says the client was told;
 * 'recorded-missing': a notification without its recording time after one with it (only those before migration
 * 27 lack it).
 */
export type LedgerRule =
  | 'discovery-later'
  | 'server-revision'
  | 'kept-changed'
  | 'revision-gap'
  | 'time-backwards'
  | 'recorded-before-told'
  | 'recorded-missing';

/**
 * A device whose access-log chain stopped: the server refused one of its entries (seq, reason), so no later entry
 * of the device can link. The device keeps the entry; the DPO sees the stop in the console.
 */
export interface AuditChainStop {
  deviceId: string;
  staffId: string;
  entryId: string;
  seq: number;
  reason: string;
  at: number;
  /** Refused pushes of this device's entries since, the first included (until the resume, if any). */
  refusals: number;
  lastAt: number;
  /** The entry that resumed the chain after this stop (docs/crypto-spec.md), and when: absent while stuck. */
  resumedBy?: string;
  resumedAt?: number;
}

/** The caller's own chain as the server holds it: the head, and the refusal that stopped it if not resumed. */
export interface AuditOwnChain {
  head: { seq: number; hash: string };
  stop?: { entryId: string; seq: number; reason: string };
}

/** A change to staff or devices recorded by the server (its staff_events table): ids and roles, no personal data. */
export interface StaffEventView {
  id: number;
  at: number;
  /** Who did it (a staff id), absent for the server's own (an expiry). */
  actor?: string;
  kind: string;
  staffId?: string;
  deviceId?: string;
  detail: Record<string, unknown>;
}

export interface AuditReceipt {
  entryId: string;
  /** When the server received the entry (epoch ms): outside what the device signed. */
  receivedAt: number;
}

/** Every device the server has known, with its signing key: what a verifier checks entries against. */
export interface AuditDeviceKey {
  deviceId: string;
  staffId: string;
  signPublicKey: string;
  status: string;
}

export const afterQuerySchema = {
  type: 'object',
  properties: {
    after: { type: 'integer', minimum: 0, maximum: 8_640_000_000_000_000 },
    limit: { type: 'integer', minimum: 1, maximum: 5000 },
  },
  additionalProperties: false,
} as const;

/** GET /audit/staff-events: `after` pages oldest first from an id; otherwise newest first, `before` an id. */
export const staffEventsQuerySchema = {
  type: 'object',
  properties: {
    after: { type: 'integer', minimum: 0, maximum: 8_640_000_000_000_000 },
    before: { type: 'integer', minimum: 1, maximum: 8_640_000_000_000_000 },
    limit: { type: 'integer', minimum: 1, maximum: 5000 },
  },
  additionalProperties: false,
} as const;

/** The console's page of staff events, newest first. */
export const STAFF_EVENTS_PAGE = 200;

/** The console's page of the access log (GET /audit/entries), and the most one request may ask for. */
export const AUDIT_ENTRIES_PAGE = 200;
export const AUDIT_ENTRIES_MAX = 500;
/**
 * How deep a page may start (100 of the console's pages): an OFFSET walks every row before it, so reading further
 * back goes by a cursor (`before`) or by narrower filters.
 */
export const AUDIT_ENTRIES_OFFSET_MAX = 20_000;

const uuidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const epochMs = { type: 'integer', minimum: 0, maximum: 8_640_000_000_000_000 } as const;

/**
 * GET /audit/entries: the log filtered on the server (client, staff member, device, action, device time in
 * [from, to)), newest first, `limit` entries from `offset`, with how many matched. Every filter is validated.
 */
export const auditEntriesQuerySchema = {
  type: 'object',
  properties: {
    client: { type: 'string', pattern: uuidPattern },
    staff: { type: 'string', pattern: uuidPattern },
    device: { type: 'string', pattern: uuidPattern },
    action: { type: 'string', enum: [...AUDIT_EVENT_KINDS] },
    from: epochMs,
    to: epochMs,
    offset: { type: 'integer', minimum: 0, maximum: AUDIT_ENTRIES_OFFSET_MAX },
    before: { type: 'string', pattern: `^[0-9]{1,16}:${uuidPattern.slice(1, -1)}$` },
    limit: { type: 'integer', minimum: 1, maximum: AUDIT_ENTRIES_MAX },
  },
  additionalProperties: false,
} as const;

export interface AuditEntriesQuery {
  client?: string;
  staff?: string;
  device?: string;
  action?: AuditEventKind;
  /** Device time, epoch ms: from included, to excluded. */
  from?: number;
  to?: number;
  offset?: number;
  /** A cursor, `<at>:<id>` of the last entry of the page before (auditEntriesCursor): the entries older than it. */
  before?: string;
  limit?: number;
}

/** The cursor that reads on after `entry` (newest first), without an OFFSET. */
export const auditEntriesCursor = (entry: Pick<AuditEvent, 'at' | 'id'>) => `${entry.at}:${entry.id}`;

/**
 * One page of the filtered log: the entries with their receipt times, and how many entries matched in all (not
 * counted again for a page read on by a cursor).
 */
export interface AuditEntriesPage {
  total?: number;
  entries: { entry: AuditEvent; receivedAt?: number }[];
}

/** The query string of an AuditEntriesQuery (the console's request). */
export function auditEntriesSearch(query: AuditEntriesQuery): string {
  const params = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return params.length > 0 ? `${auditPaths.entries}?${params.join('&')}` : auditPaths.entries;
}

/** A rotation of the checkpoint key: the new key, every retired one, and the handover checkpoint the old key signed. */
export interface AuditKeyRotation {
  publicKey: string;
  retired: string[];
  handover: AuditCheckpoint;
}

/** What a server ledger check found broken (the first break). */
export type LedgerBreak = NonNullable<ServerLedgersCheck['broken']>;
