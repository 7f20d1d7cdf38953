import type { RxCollection } from 'rxdb';
import type { Role } from '../../../../shared/auth/roles';
import { wipeIdentity, type Sodium, type StaffIdentity } from '../../../../shared/crypto/index';
import type { AuditEvent } from '../../../../shared/domain/audit';
import type { Client } from '../../../../shared/domain/client';
import type { Consent } from '../../../../shared/domain/consent';
import type { KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import type { MedicalSection } from '../../../../shared/domain/medical';
import type { OrgSetting } from '../../../../shared/domain/privacy-notice';
import type { Trip } from '../../../../shared/domain/trip';
import type { DirectoryDevice, DirectoryEntry, StaffDirectory } from '../../auth/staff-directory';

/**
 * The medical section of a client's record as a device works on it: the consent gate (consent-gate.ts), the
 * client's data key (created on the first save, save-section.ts; granted, grants.ts; rotated, rotation.ts),
 * opening the section (always audited first, unseal.ts) and saving edits. Keys are per device (docs: the issue-6
 * key model): a wrap's recipient is a device id or 'org-recovery', its granter the device that signed it; a staff
 * member holds access when one of their devices holds a verified wrap of the current key (key-holders.ts).
 * Everything is written to the local store; replication carries it to the server.
 *
 * This file: what every operation is given (the context) and the refusals they share.
 */

export interface MedicalCollections {
  medical: RxCollection<MedicalSection>;
  keyWraps: RxCollection<KeyWrapDocument>;
  consents: RxCollection<Consent>;
  auditEvents: RxCollection<AuditEvent>;
  /** The notice versions (kind `privacy-notice`): a substantial change past its deadline stops medical writes. */
  orgSettings: RxCollection<OrgSetting>;
  /** The client's trips, whose medical details a rotation re-seals (trip-rotation.ts); the session's store has it. */
  trips?: RxCollection<Trip>;
  /** The clients, whose absence tells the background jobs to leave an erased client alone (records.ts). */
  clients?: RxCollection<Client>;
}

export type { DirectoryDevice, DirectoryEntry };

/** What this module needs of the session's StaffDirectory. */
export type MedicalDirectory = Pick<StaffDirectory, 'entries' | 'keyDirectory' | 'recoveryRecipient'>;

/** Who is acting, on which device. */
export interface MedicalActor {
  staffId: string;
  deviceId: string;
  role: Role;
  /** This device's private keys, `staffId` set to the device id; throws when the device is locked. */
  deviceKeys(): StaffIdentity;
}

export interface MedicalContext {
  sodium: Sodium;
  collections: MedicalCollections;
  directory: MedicalDirectory;
  actor: MedicalActor;
  now?: () => number;
  newId?: () => string;
}

/** The client as far as this module needs it. */
export interface MedicalClient {
  id: string;
  assignedStaffIds: string[];
}

export type MedicalErrorReason =
  | 'no-consent'
  | 'consent-withdrawn'
  | 'renewal-required'
  | 'no-access'
  | 'no-section'
  | 'not-allowed'
  | 'no-recovery-key'
  | 'no-recovery-wrap'
  | 'no-devices'
  | 'own-access'
  | 'changed-meanwhile';

/** An expected refusal, with a reason the UI words; carries no personal data. */
export class MedicalError extends Error {
  constructor(
    readonly reason: MedicalErrorReason,
    message: string = reason,
  ) {
    super(message);
    this.name = 'MedicalError';
  }
}

export const nowOf = (ctx: MedicalContext) => (ctx.now ?? Date.now)();

export const idOf = (ctx: MedicalContext) => (ctx.newId ?? (() => globalThis.crypto.randomUUID()))();

/** Runs `work` with a fresh copy of this device's private keys, wiped afterwards. */
export function withDeviceKeys<T>(ctx: MedicalContext, work: (keys: StaffIdentity) => T): T {
  const keys = ctx.actor.deviceKeys();
  try {
    return work(keys);
  } finally {
    wipeIdentity(ctx.sodium, keys);
  }
}
