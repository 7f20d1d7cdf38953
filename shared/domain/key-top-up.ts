import type { Role, RolePermissions } from '../auth/roles';

/**
 * Who should hold a client's medical key, and which of their devices still lack a wrap of it (issue 19, items 2
 * and 3; docs/crypto-spec.md, "Key holders and top-up"). Pure: the caller reads the directory and the wraps, and
 * writes the wraps this names.
 *
 * The rule. A client's key is held, on every approved device of theirs, by:
 * - every active staff member whose role may grant medical access (the key policy: the people whom anyone without
 *   access asks, so that no section has a single holder, from its first write on);
 * - every active staff member who holds it now on an approved device (a person's grant follows them to each device
 *   they add).
 * Never a device that is not approved (pending, denied, expired or revoked), never a device of a staff member who is
 * not active. A device with any wrap of the key is left alone, whatever that wrap is worth: the top-up never wraps
 * the same key twice for a device (a wrap that does not verify is replaced by a grant, by hand).
 */

/** A staff member as the directory lists them, with their devices' statuses. */
export interface KeyPerson {
  staffId: string;
  role: Role;
  status: 'invited' | 'active' | 'revoked';
  devices: readonly { id: string; status: string }[];
}

/** A device that should hold the key and has no wrap of it. */
export interface MissingWrap {
  deviceId: string;
  staffId: string;
  /** Why the person should hold it: the policy (their role), or a grant they hold on another device. */
  because: 'policy' | 'holder';
}

/** Whether the key policy names this role: it may grant medical access. */
export function policyNamesRole(role: Role, permissions: Record<Role, RolePermissions>): boolean {
  return permissions[role].capabilities.includes('grantMedicalAccess');
}

export interface MissingWrapsInput {
  people: Iterable<KeyPerson>;
  permissions: Record<Role, RolePermissions>;
  /** Device ids with any wrap document of the current key (verified or not). */
  wrapped: ReadonlySet<string>;
  /** Device ids whose wrap of the current key verifies (key-holders.ts): these make their person a holder. */
  holders: ReadonlySet<string>;
}

/** The approved devices of people who should hold the key and have no wrap of it, in device id order. */
export function missingWraps({ people, permissions, wrapped, holders }: MissingWrapsInput): MissingWrap[] {
  const missing: MissingWrap[] = [];
  for (const person of people) {
    if (person.status !== 'active') continue;
    const approved = person.devices.filter((device) => device.status === 'approved');
    const because = policyNamesRole(person.role, permissions)
      ? 'policy'
      : approved.some((device) => holders.has(device.id))
        ? 'holder'
        : undefined;
    if (because === undefined) continue;
    for (const device of approved)
      if (!wrapped.has(device.id)) missing.push({ deviceId: device.id, staffId: person.staffId, because });
  }
  return missing.sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
}
