import { PERMISSIONS } from '../../../../shared/auth/roles';
import { verifyKeyWrap, type Sodium } from '../../../../shared/crypto/index';
import { clientKeyStateOf, type KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import type { MedicalSection } from '../../../../shared/domain/medical';
import { whoCanGrant, type StaffMember } from '../../../../shared/domain/medical-granters';
import type { DirectoryEntry, MedicalDirectory } from './context';
import type { ClientMedicalRecords } from './records';

/** Which devices, and so which staff members, hold a verified wrap of the section's current key. */
export interface KeyHolders {
  /** Device id -> the staff member it belongs to (undefined: a device the directory does not list). */
  devices: Map<string, string | undefined>;
  staff: Set<string>;
}

/**
 * The holders of the current key: wraps of `section.keyId` whose recipient and granter are in the key directory and
 * whose signature verifies (a wrap anyone planted without a directory key's signature counts for no one). The
 * recovery key is not a holder.
 */
export function keyHolders(
  sodium: Sodium,
  section: MedicalSection,
  wraps: Iterable<KeyWrapDocument>,
  directory: MedicalDirectory,
): KeyHolders {
  const keys = directory.keyDirectory();
  const staffOfDevice = new Map<string, string>();
  for (const entry of directory.entries())
    for (const device of entry.devices) staffOfDevice.set(device.id, entry.staffId);
  const holders: KeyHolders = { devices: new Map(), staff: new Set() };
  for (const wrap of clientKeyStateOf(section.clientId, section.keyId, wraps).current.wraps) {
    const recipient = keys.get(wrap.recipientId);
    const granter = keys.get(wrap.granterId);
    if (recipient === undefined || granter === undefined) continue;
    if (!verifyKeyWrap(sodium, wrap, recipient.boxPublicKey, granter.signPublicKey)) continue;
    const staffId = staffOfDevice.get(wrap.recipientId);
    holders.devices.set(wrap.recipientId, staffId);
    if (staffId !== undefined) holders.staff.add(staffId);
  }
  return holders;
}

export function staffMembers(entries: Iterable<DirectoryEntry>): StaffMember[] {
  return [...entries].map((entry) => ({
    id: entry.staffId,
    displayName: entry.displayName,
    role: entry.role,
    status: entry.status,
  }));
}

/**
 * Active staff who may grant access and hold the key now, on an approved device (a revoked laptop's wrap grants
 * nothing): whom a person without access can ask.
 */
export function grantersFor(
  sodium: Sodium,
  records: ClientMedicalRecords,
  directory: MedicalDirectory,
): StaffMember[] {
  const entries = directory.entries();
  const approved = new Set(
    entries.flatMap((entry) => entry.devices.filter((d) => d.status === 'approved').map((d) => d.id)),
  );
  const holders = new Set<string>();
  if (records.section !== undefined) {
    const { devices } = keyHolders(sodium, records.section, records.wraps, directory);
    for (const [deviceId, staffId] of devices)
      if (staffId !== undefined && approved.has(deviceId)) holders.add(staffId);
  }
  return whoCanGrant(staffMembers(entries), PERMISSIONS, holders);
}
