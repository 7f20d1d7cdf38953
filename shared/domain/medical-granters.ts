import type { Role, RolePermissions } from '../auth/roles';

/** A staff member as the directory lists them, enough to say who can grant access. */
export interface StaffMember {
  id: string;
  displayName: string;
  role: Role;
  status: 'invited' | 'active' | 'revoked';
}

/**
 * Who a person without access to a client's medical section can ask: active staff whose role may grant medical
 * access. A grant also needs the granter to hold the client's key (only a holder can wrap it for someone else), so
 * pass `holders` (the recipients of the current key's wraps) to list only those who can grant at once.
 * `permissions` is the role table (shared/auth/roles.ts, PERMISSIONS), given by the caller so that the domain
 * does not depend on the table's module.
 */
export function whoCanGrant(
  staff: Iterable<StaffMember>,
  permissions: Record<Role, RolePermissions>,
  holders?: ReadonlySet<string>,
): StaffMember[] {
  return [...staff]
    .filter(
      (member) =>
        member.status === 'active' &&
        permissions[member.role].capabilities.includes('grantMedicalAccess') &&
        (holders === undefined || holders.has(member.id)),
    )
    .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
}
