import { can } from '../../../../shared/auth/roles';
import {
  CryptoError,
  openRecoveryCode,
  RECOVERY_RECIPIENT_ID,
  unwrapWithRecoveryKey,
  verifyKeyWrap,
  wipeIdentity,
  wipeKey,
  wipeRecovery,
  wrapDataKey,
  type KeyWrap,
  type RecoveryKey,
  type RecoveryKeyProblem,
  type Sodium,
  type StaffIdentity,
} from '../../../../shared/crypto/index';
import { clientKeyStateOf, keyWrapDocument, type KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import type { MedicalSection } from '../../../../shared/domain/medical';
import { logFor } from '../audit/log-for';
import {
  MedicalError,
  nowOf,
  type DirectoryDevice,
  type DirectoryEntry,
  type MedicalContext,
  type MedicalDirectory,
} from './context';
import { keyHolders } from './key-holders';
import { readClientMedical } from './records';

/**
 * Restoring access to a client's medical section with the organisation recovery key (issue 19, item 1;
 * docs/crypto-spec.md, "Recovery"). The DPO types the code from the printed sheet; this device checks it is the
 * organisation's, opens each chosen client's recovery wrap and wraps the key to the approved devices of the people
 * chosen, signed by this device as any grant is; each restore is in the access log. The recovery key lives only
 * for the call and is wiped before it returns, whatever happens.
 */

/** Why a section needs the recovery key. */
export type RecoveryReason =
  /** Every device holding the key is revoked, and their people are still staff (a lost laptop). */
  | 'device-revoked'
  /** Every holder has left the organisation (their staff record revoked). */
  | 'holders-left'
  /** No verified holder at all (the wraps are gone or do not verify). */
  | 'no-holder'
  /** Active devices hold the key, but none of their people may grant access. */
  | 'no-granter';

export interface RecoveryNeed {
  clientId: string;
  reason: RecoveryReason;
  /** Staff ids of active people whose approved device holds the key (for 'no-granter'). */
  holders: string[];
  /** Whether the current key has a recovery wrap (without it, the recovery key cannot help). */
  recoverable: boolean;
}

const activeDevices = (entries: readonly DirectoryEntry[]) => {
  const active = new Map<string, DirectoryEntry>();
  for (const entry of entries)
    if (entry.status === 'active')
      for (const device of entry.devices) if (device.status === 'approved') active.set(device.id, entry);
  return active;
};

/**
 * Whether a section needs the recovery key: no approved device of an active staff member holds a verified wrap of
 * its current key, or none of those who do may grant. Undefined when someone in use may grant.
 */
export function recoveryNeed(
  sodium: Sodium,
  section: MedicalSection,
  wraps: readonly KeyWrapDocument[],
  directory: MedicalDirectory,
): RecoveryNeed | undefined {
  const entries = directory.entries();
  const active = activeDevices(entries);
  if (grantingHolderFound(sodium, section, wraps, directory, active)) return undefined;
  const holders = keyHolders(sodium, section, wraps, directory);
  const activeHolders = [...holders.devices.keys()].flatMap((id) => active.get(id) ?? []);
  const recoverable = clientKeyStateOf(section.clientId, section.keyId, wraps).current.wraps.some(
    (wrap) => wrap.recipientId === RECOVERY_RECIPIENT_ID,
  );
  const need = (reason: RecoveryReason, staff: string[] = []): RecoveryNeed => ({
    clientId: section.clientId,
    reason,
    holders: [...new Set(staff)],
    recoverable,
  });
  if (activeHolders.length > 0) {
    return activeHolders.some((entry) => can(entry.role, 'grantMedicalAccess'))
      ? undefined
      : need(
          'no-granter',
          activeHolders.map((entry) => entry.staffId),
        );
  }
  const staffOf = (staffId: string | undefined) => entries.find((entry) => entry.staffId === staffId);
  const holderStaff = [...holders.devices.values()].map(staffOf);
  if (holderStaff.length === 0) return need('no-holder');
  return holderStaff.every((entry) => entry?.status === 'revoked')
    ? need('holders-left')
    : need('device-revoked');
}

/**
 * The common case, cheaply: a wrap of the current key for an approved device of an active person who may grant,
 * signed by a device the directory lists (one signature checked, not every wrap's).
 */
function grantingHolderFound(
  sodium: Sodium,
  section: MedicalSection,
  wraps: readonly KeyWrapDocument[],
  directory: MedicalDirectory,
  active: ReadonlyMap<string, DirectoryEntry>,
): boolean {
  const keys = directory.keyDirectory();
  return clientKeyStateOf(section.clientId, section.keyId, wraps).current.wraps.some((wrap) => {
    const entry = active.get(wrap.recipientId);
    if (!entry || !can(entry.role, 'grantMedicalAccess')) return false;
    const recipient = keys.get(wrap.recipientId);
    const granter = keys.get(wrap.granterId);
    return (
      recipient !== undefined &&
      granter !== undefined &&
      verifyKeyWrap(sodium, wrap, recipient.boxPublicKey, granter.signPublicKey)
    );
  });
}

export interface RestoreRequest {
  /** The code as typed from the printed sheet. */
  code: string;
  clientIds: readonly string[];
  /** The people to give access to: each of their approved devices gets a wrap. */
  staffIds: readonly string[];
}

export type RestoreResult =
  | { ok: false; problem: RecoveryKeyProblem; fingerprint?: string }
  | { ok: true; restored: RestoredClient[]; failed: { clientId: string; reason: string }[] };

export interface RestoredClient {
  clientId: string;
  /** The people who got a wrap (those whose every approved device already held one are left out). */
  staffIds: string[];
  /** How many wraps were written. */
  wraps: number;
}

/** The approved devices of the active people chosen, by person; refused ('no-devices') when there is none. */
function recipientsOf(entries: readonly DirectoryEntry[], staffIds: readonly string[]) {
  const recipients: { staffId: string; devices: DirectoryDevice[] }[] = [];
  for (const staffId of new Set(staffIds)) {
    const entry = entries.find((e) => e.staffId === staffId);
    const devices = entry?.status === 'active' ? entry.devices.filter((d) => d.status === 'approved') : [];
    if (devices.length > 0) recipients.push({ staffId, devices });
  }
  if (recipients.length === 0) throw new MedicalError('no-devices');
  return recipients;
}

/**
 * Restores access to each client in `clientIds` for the people in `staffIds`. Refused as a whole, before any
 * work: a role that may not recover ('not-allowed'), no one chosen with an approved device ('no-devices'), no
 * recovery key known to this device ('no-recovery-key'), and a code that does not parse or is not the
 * organisation's (`{ ok: false, problem }`: nothing is written). A client that cannot be restored (no section, no
 * recovery wrap of its current key, a wrap that does not open) is reported in `failed` and the others go on.
 */
export async function restoreMedicalAccess(
  ctx: MedicalContext,
  request: RestoreRequest,
): Promise<RestoreResult> {
  if (!can(ctx.actor.role, 'recoverMedicalAccess')) throw new MedicalError('not-allowed');
  const recipients = recipientsOf(ctx.directory.entries(), request.staffIds);
  const organisation = ctx.directory.recoveryRecipient();
  if (organisation === undefined) throw new MedicalError('no-recovery-key');
  const opened = openRecoveryCode(ctx.sodium, request.code, organisation.boxPublicKey);
  if (!opened.ok) return opened;
  const recovery = opened.key;
  let me: StaffIdentity | undefined;
  try {
    me = ctx.actor.deviceKeys();
    const restored: RestoredClient[] = [];
    const failed: { clientId: string; reason: string }[] = [];
    for (const clientId of new Set(request.clientIds)) {
      try {
        const done = await restoreClient(ctx, clientId, recovery, me, recipients);
        if (done.wraps > 0) restored.push(done);
      } catch (error) {
        failed.push({ clientId, reason: failureReason(error) });
      }
    }
    return { ok: true, restored, failed };
  } finally {
    wipeRecovery(ctx.sodium, recovery);
    if (me) wipeIdentity(ctx.sodium, me);
  }
}

async function restoreClient(
  ctx: MedicalContext,
  clientId: string,
  recovery: RecoveryKey,
  me: StaffIdentity,
  recipients: { staffId: string; devices: DirectoryDevice[] }[],
): Promise<RestoredClient> {
  const { sodium } = ctx;
  const records = await readClientMedical(ctx.collections, clientId);
  const section = records.section;
  if (section === undefined) throw new MedicalError('no-section');
  const current = clientKeyStateOf(clientId, section.keyId, records.wraps).current.wraps;
  const recoveryWrap = current.find((wrap) => wrap.recipientId === RECOVERY_RECIPIENT_ID);
  if (recoveryWrap === undefined) throw new MedicalError('no-recovery-wrap');
  const granter = ctx.directory.keyDirectory().get(recoveryWrap.granterId);
  if (granter === undefined) throw new CryptoError('bad-signature', 'the recovery wrap’s granter is unknown');
  const dataKey = unwrapWithRecoveryKey(sodium, recoveryWrap, recovery, granter.signPublicKey, {
    clientId,
    keyId: section.keyId,
  });
  const held = new Set(current.map((wrap) => wrap.recipientId));
  const wraps: KeyWrap[] = [];
  const staffIds: string[] = [];
  try {
    for (const { staffId, devices } of recipients) {
      const missing = devices.filter((device) => !held.has(device.id));
      for (const device of missing)
        wraps.push(
          wrapDataKey(sodium, dataKey, clientId, { id: device.id, boxPublicKey: device.boxPublicKey }, me),
        );
      if (missing.length > 0) staffIds.push(staffId);
    }
  } finally {
    wipeKey(sodium, dataKey);
  }
  const now = nowOf(ctx);
  await ctx.collections.keyWraps.bulkUpsert(
    wraps.map((wrap) => keyWrapDocument(wrap, now, section.assignedStaffIds)),
  );
  for (const staffId of staffIds) {
    await logFor(
      ctx,
      { kind: 'access-granted', clientId, fields: ['medical', 'recovery-key'], target: staffId },
      section.assignedStaffIds,
    );
  }
  return { clientId, staffIds, wraps: wraps.length };
}

function failureReason(error: unknown): string {
  if (error instanceof MedicalError) return error.reason;
  if (error instanceof CryptoError) return error.code;
  return 'error';
}
