/**
 * Who may do what: the one permission table. The renderer reads it to hide or disable actions, the server to
 * refuse requests with 403 and a reason; server tests walk every cell.
 */
export const ROLES = ['concierge', 'coordinator', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How much of a collection a role reaches. 'assigned': only documents whose `assignedStaffIds` holds the staff
 * member (concierges work on their own clients); 'all': every document; 'none': nothing.
 */
export type Scope = 'none' | 'assigned' | 'all';

export const CAPABILITIES = [
  /** Grant or revoke a staff member's access to a client's medical section (wraps the client's data key). */
  'grantMedicalAccess',
  /**
   * Enter the organisation recovery sheet to restore access to a client's medical section (docs/crypto-spec.md,
   * "Recovery"): the admin (the DPO, who keeps the sheet) and the roles that grant, who can already re-wrap any key
   * they hold. On the server: a wrap of a key the server holds the recovery wrap of, created by the caller's device
   * (shared/sync/key-wrap-push-rule.ts, keyWrapRule); a grant can do more.
   */
  'recoverMedicalAccess',
  /** Approve (or refuse) a request to share a client's data with a partner; never the requester's own. */
  'approveShares',
  /** Invite staff, change roles, revoke staff members and devices. */
  'manageStaff',
  /** Approve or deny a device's enrolment after comparing its fingerprint. */
  'approveDevices',
  /** Run retention jobs: anonymise or delete what is due, apply and lift legal holds. */
  'runRetention',
  /**
   * Schedule, cancel and read erasures of clients (docs/erasure.md): the admin (the DPO) alone, so that one
   * accountable person decides what is destroyed for good; managers ask the DPO.
   */
  'eraseClients',
  /** Export a client's complete data (data-subject access requests). */
  'exportData',
  /** Read the access log, the staff and device events and the breach register (the DPO; managers read-only). */
  'readAuditLog',
  /** Record incidents in the breach register, mark reviews, make checkpoints (the DPO). */
  'manageIncidents',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface Access {
  read: Scope;
  write: Scope;
}

const rw = (read: Scope, write: Scope = read): Access => ({ read, write });

/**
 * One row per synced collection: what each role may pull (read) and push (write). The collection registry
 * (shared/sync/registry.ts) checks that every registered collection has its row and every row its collection.
 *
 * Audit events are written by everyone (each access on their own device) and read by the admin (the DPO) and,
 * read-only in the console, managers: a role with read 'none' replicates them push-only. The admin and data-protection officer runs the
 * organisation and answers data-subject requests: reads every client and trip (medical sections stay sealed to
 * whoever holds no wrap) but does not edit them day to day; reads the audit log, and writes its own unsealing events.
 */
export const COLLECTION_ACCESS = {
  clients: {
    concierge: rw('assigned'),
    coordinator: rw('all'),
    manager: rw('all'),
    admin: rw('all', 'none'),
  },
  trips: { concierge: rw('assigned'), coordinator: rw('all'), manager: rw('all'), admin: rw('all', 'none') },
  medical: {
    concierge: rw('assigned'),
    coordinator: rw('all'),
    manager: rw('all'),
    admin: rw('all', 'none'),
  },
  // The admin writes only what a recovery creates (recoverMedicalAccess; key-wrap-push-rule.ts, keyWrapRule).
  keyWraps: {
    concierge: rw('assigned'),
    coordinator: rw('all'),
    manager: rw('all'),
    admin: rw('all'),
  },
  consents: {
    concierge: rw('assigned'),
    coordinator: rw('all'),
    manager: rw('all'),
    admin: rw('all', 'none'),
  },
  auditEvents: {
    concierge: rw('none', 'assigned'),
    coordinator: rw('none', 'all'),
    manager: rw('all'),
    admin: rw('all'),
  },
  // The organisation's settings (privacy-notice versions): every device holds them offline; the admin (DPO) alone
  // loads them.
  orgSettings: {
    concierge: rw('all', 'none'),
    coordinator: rw('all', 'none'),
    manager: rw('all', 'none'),
    admin: rw('all'),
  },
  // The request register (issue 16): managers and the admin (the DPO) handle every request; concierges and
  // coordinators log the requests their clients bring them (shared/sync/request-push-rule.ts: create only).
  requests: {
    concierge: rw('assigned'),
    coordinator: rw('assigned'),
    manager: rw('all'),
    admin: rw('all'),
  },
  // The partner directory (issue 15): everyone who may ask for a share reads it offline; managers and the admin
  // keep it (shared/sync/partner-push-rule.ts).
  partners: {
    concierge: rw('all', 'none'),
    coordinator: rw('all', 'none'),
    manager: rw('all'),
    admin: rw('all'),
  },
  // The provision ledger (issue 15): written by whoever reaches the client (append-only:
  // shared/sync/provision-push-rule.ts), read like the client.
  provisions: {
    concierge: rw('assigned'),
    coordinator: rw('all'),
    manager: rw('all'),
    admin: rw('all'),
  },
} as const satisfies Record<string, Record<Role, Access>>;

/** The collections the permission table covers: the same as the registry's (SyncedCollectionName). */
export type PermittedCollection = keyof typeof COLLECTION_ACCESS;

export interface RolePermissions {
  /** Per synced collection: what the role may pull (read) and push (write). */
  collections: Record<PermittedCollection, Access>;
  capabilities: readonly Capability[];
}

/** One role's column of COLLECTION_ACCESS. */
function accessOf(role: Role): Record<PermittedCollection, Access> {
  const rows = Object.entries(COLLECTION_ACCESS) as [PermittedCollection, Record<Role, Access>][];
  return Object.fromEntries(rows.map(([collection, row]) => [collection, row[role]])) as Record<
    PermittedCollection,
    Access
  >;
}

export const PERMISSIONS: Record<Role, RolePermissions> = {
  concierge: { collections: accessOf('concierge'), capabilities: [] },
  coordinator: {
    collections: accessOf('coordinator'),
    capabilities: ['grantMedicalAccess', 'recoverMedicalAccess'],
  },
  manager: {
    collections: accessOf('manager'),
    capabilities: [
      'grantMedicalAccess',
      'recoverMedicalAccess',
      'approveShares',
      'manageStaff',
      'approveDevices',
      'readAuditLog',
    ],
  },
  admin: {
    collections: accessOf('admin'),
    capabilities: [
      'recoverMedicalAccess',
      'manageStaff',
      'approveDevices',
      'runRetention',
      'eraseClients',
      'exportData',
      'readAuditLog',
      'manageIncidents',
    ],
  },
};

/**
 * Money matters (issue 20, docs/money.md): quotes, invoices, credit notes and payments. Kept beside the capabilities
 * rather than among them until the money collection and its server routes exist (every capability has a server
 * probe in server/auth/permissions.test.ts); the money collection's row in COLLECTION_ACCESS and its push rule are
 * derived from this table (shared/domain/money/money-permissions.ts decides which action a write is).
 *
 * - `seeMoney`: read amounts, documents and payments. A concierge sees no money.
 * - `draftMoney`: make and change drafts (quotes, invoices, credit notes), discard a draft.
 * - `issueMoney`: issue a quote or an invoice (it becomes final).
 * - `voidMoney`: issue a credit note, or a replacement invoice, referring to an issued invoice (which voids it).
 * - `recordPayments`: record a payment received, or the reversal of one recorded by mistake.
 *
 * Coordinators run a stay's money from quote to receipt, credit notes included (the acceptance); managers
 * may do all of it; the admin (the DPO) reads, for a client's export and the accountant, and operates nothing.
 */
export const MONEY_ACTIONS = ['seeMoney', 'draftMoney', 'issueMoney', 'voidMoney', 'recordPayments'] as const;
export type MoneyAction = (typeof MONEY_ACTIONS)[number];

export const MONEY_ACCESS: Readonly<Record<Role, readonly MoneyAction[]>> = {
  concierge: [],
  coordinator: ['seeMoney', 'draftMoney', 'issueMoney', 'voidMoney', 'recordPayments'],
  manager: ['seeMoney', 'draftMoney', 'issueMoney', 'voidMoney', 'recordPayments'],
  admin: ['seeMoney'],
};

export const canMoney = (role: Role, action: MoneyAction): boolean => MONEY_ACCESS[role].includes(action);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, capability: Capability): boolean {
  return PERMISSIONS[role].capabilities.includes(capability);
}

export function readScope(role: Role, collection: PermittedCollection): Scope {
  return PERMISSIONS[role].collections[collection].read;
}

export function writeScope(role: Role, collection: PermittedCollection): Scope {
  return PERMISSIONS[role].collections[collection].write;
}

/** Whether a document is within a scope for a staff member. */
export function inScope(
  scope: Scope,
  staffId: string,
  doc: { assignedStaffIds?: readonly string[] } | undefined,
): boolean {
  if (scope === 'all') return true;
  if (scope === 'none' || !doc) return false;
  return (doc.assignedStaffIds ?? []).includes(staffId);
}
