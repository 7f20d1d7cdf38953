import type { SyncedCollectionName } from '../sync/collections';

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
  /** Approve (or refuse) a request to share a client's data with a partner; never the requester's own. */
  'approveShares',
  /** Invite staff, change roles, revoke staff members and devices. */
  'manageStaff',
  /** Approve or deny a device's enrolment after comparing its fingerprint. */
  'approveDevices',
  /** Run retention jobs: anonymise or delete what is due, apply and lift legal holds. */
  'runRetention',
  /** Export a client's complete data (data-subject access requests). */
  'exportData',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface RolePermissions {
  /** Per synced collection: what the role may pull (read) and push (write). */
  collections: Record<SyncedCollectionName, { read: Scope; write: Scope }>;
  capabilities: readonly Capability[];
}

export const PERMISSIONS: Record<Role, RolePermissions> = {
  // Audit events are written by everyone (each unsealing on their own device) and read by the admin (the DPO)
  // alone: a role with read 'none' replicates them push-only.
  concierge: {
    collections: {
      clients: { read: 'assigned', write: 'assigned' },
      trips: { read: 'assigned', write: 'assigned' },
      medical: { read: 'assigned', write: 'assigned' },
      keyWraps: { read: 'assigned', write: 'assigned' },
      consents: { read: 'assigned', write: 'assigned' },
      auditEvents: { read: 'none', write: 'assigned' },
    },
    capabilities: [],
  },
  coordinator: {
    collections: {
      clients: { read: 'all', write: 'all' },
      trips: { read: 'all', write: 'all' },
      medical: { read: 'all', write: 'all' },
      keyWraps: { read: 'all', write: 'all' },
      consents: { read: 'all', write: 'all' },
      auditEvents: { read: 'none', write: 'all' },
    },
    capabilities: ['grantMedicalAccess'],
  },
  manager: {
    collections: {
      clients: { read: 'all', write: 'all' },
      trips: { read: 'all', write: 'all' },
      medical: { read: 'all', write: 'all' },
      keyWraps: { read: 'all', write: 'all' },
      consents: { read: 'all', write: 'all' },
      auditEvents: { read: 'none', write: 'all' },
    },
    capabilities: ['grantMedicalAccess', 'approveShares', 'manageStaff', 'approveDevices'],
  },
  // Admin and data-protection officer: runs the organisation and answers data-subject requests. Reads every
  // client and trip (medical sections stay sealed to whoever holds no wrap) but does not edit them day to day;
  // reads the audit log, and writes its own unsealing events.
  admin: {
    collections: {
      clients: { read: 'all', write: 'none' },
      trips: { read: 'all', write: 'none' },
      medical: { read: 'all', write: 'none' },
      keyWraps: { read: 'all', write: 'none' },
      consents: { read: 'all', write: 'none' },
      auditEvents: { read: 'all', write: 'all' },
    },
    capabilities: ['manageStaff', 'approveDevices', 'runRetention', 'exportData'],
  },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, capability: Capability): boolean {
  return PERMISSIONS[role].capabilities.includes(capability);
}

export function readScope(role: Role, collection: SyncedCollectionName): Scope {
  return PERMISSIONS[role].collections[collection].read;
}

export function writeScope(role: Role, collection: SyncedCollectionName): Scope {
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
