import { can } from '../../../../shared/auth/roles';
import { CryptoError, RECOVERY_RECIPIENT_ID, revokeAndRotate } from '../../../../shared/crypto/index';
import { clientKeyStateOf, keyWrapChanges, keyWrapDocumentId } from '../../../../shared/domain/key-wraps';
import { MEDICAL_FIELDS, type MedicalSection } from '../../../../shared/domain/medical';
import { medicalSealedFields, withRotatedFields } from '../../../../shared/domain/medical-seal';
import { MedicalError, nowOf, withDeviceKeys, type DirectoryEntry, type MedicalContext } from './context';
import { medicalWriteCheck } from './consent-gate';
import { keyHolders, type KeyHolders } from './key-holders';
import { clientGone, deviceHoldsKey, readClientMedical, type ClientMedicalRecords } from './records';
import { isTripField, putRotatedTripFields, tripFieldsUnderKey } from './trip-rotation';

/** Device ids of revoked devices, and of every device of a revoked staff member. */
export function revokedDeviceIds(entries: Iterable<DirectoryEntry>): Set<string> {
  const revoked = new Set<string>();
  for (const entry of entries)
    for (const device of entry.devices)
      if (entry.status === 'revoked' || device.status === 'revoked') revoked.add(device.id);
  return revoked;
}

/**
 * The devices that keep the key after a rotation: current verified holders that are approved and belong to an
 * active staff member, leaving out `excludedStaffId`'s devices and every device in `excludedDevices`.
 */
export function remainingHolders(
  holders: KeyHolders,
  entries: DirectoryEntry[],
  excludedDevices: ReadonlySet<string>,
  excludedStaffId?: string,
): string[] {
  const eligible = new Set<string>();
  for (const entry of entries) {
    if (entry.status !== 'active' || entry.staffId === excludedStaffId) continue;
    for (const device of entry.devices)
      if (device.status === 'approved' && !excludedDevices.has(device.id)) eligible.add(device.id);
  }
  return [...holders.devices.keys()].filter((id) => eligible.has(id));
}

/** What a revocation did: a new key, or (no consent in force) only the leavers' wraps deleted. */
export type RevocationOutcome = 'rotated' | 'wraps-removed';

/**
 * Rotates a client's key away from `revokedId` (and anyone not in `holders`): new key, every field re-sealed, the
 * section written, new wraps put and every wrap of the old key deleted. Aborts (undoing its new wraps) when the
 * section changed while it worked.
 *
 * The server takes re-sealed fields only under a medical-data consent in force; without one, a rotation would
 * delete the old key's wraps while the section under the new key is refused. So then only the wraps of everyone
 * leaving are deleted (their devices drop them with the tombstones) and the key stays: nothing new can be written
 * under it until a consent is recorded again.
 */
export async function rotateClientKey(
  ctx: MedicalContext,
  records: ClientMedicalRecords & { section: MedicalSection },
  revokedId: string,
  holders: string[],
): Promise<RevocationOutcome> {
  const { sodium, collections, directory } = ctx;
  const { section } = records;
  const now = nowOf(ctx);
  const current = clientKeyStateOf(section.clientId, section.keyId, records.wraps).current.wraps;
  if (!medicalWriteCheck(ctx, records, section.clientId, now).ok) {
    const keep = new Set([...holders, RECOVERY_RECIPIENT_ID]);
    const leaving = current.filter((wrap) => !keep.has(wrap.recipientId)).map(keyWrapDocumentId);
    if (leaving.length > 0) await collections.keyWraps.bulkRemove(leaving);
    return 'wraps-removed';
  }
  const recovery = directory.recoveryRecipient();
  if (recovery === undefined) throw new MedicalError('no-recovery-key');
  const tripFields = await tripFieldsUnderKey(ctx, section.clientId, section.keyId);
  const result = withDeviceKeys(ctx, (actor) =>
    revokeAndRotate(sodium, {
      state: clientKeyStateOf(section.clientId, section.keyId, records.wraps),
      actor,
      revokedId,
      holders,
      recovery,
      directory: directory.keyDirectory(),
      fields: [...medicalSealedFields(section), ...tripFields.flatMap((taken) => taken.fields)],
    }),
  );
  const next = withRotatedFields(
    section,
    result.fields.filter((field) => !isTripField(field)),
    now,
  );
  const { put, remove } = keyWrapChanges(records.wraps, result.state, now, section.assignedStaffIds);
  await collections.keyWraps.bulkUpsert(put);
  const document = await collections.medical.findOne(section.id).exec();
  try {
    if (document === null) throw new MedicalError('changed-meanwhile');
    await document.incrementalModify((current) => {
      if (current.keyId !== section.keyId || MEDICAL_FIELDS.some((f) => current[f] !== section[f])) {
        throw new MedicalError('changed-meanwhile');
      }
      const rotated: MedicalSection = { ...current, ...next, assignedStaffIds: current.assignedStaffIds };
      if (current.conflicts) rotated.conflicts = current.conflicts;
      else delete rotated.conflicts;
      return rotated;
    });
  } catch (error) {
    await collections.keyWraps.bulkRemove(put.map((wrap) => wrap.id));
    throw error;
  }
  // Before the old key's wraps go: until then a failure here leaves the trips readable under the old key.
  await putRotatedTripFields(ctx, tripFields, result.fields);
  if (remove.length > 0) await collections.keyWraps.bulkRemove(remove);
  return 'rotated';
}

export interface RotationReport {
  /** Client ids whose key was rotated. */
  rotated: string[];
  /** Client ids without a consent in force: the revoked devices' wraps were deleted, the key kept. */
  wrapsRemoved: string[];
  /** Client ids whose rotation failed (retried on the next run). */
  failed: { clientId: string; reason: string }[];
}

/**
 * The rotation job (issue 4: the medical keys a revoked person held are rotated). On a device whose role may grant
 * medical access, every client whose current key this device holds and which has a wrap of that key for a revoked
 * device or a device of a revoked staff member gets a new key, without them. A client whose document is deleted
 * or absent here (erased: its other documents' tombstones may still be on their way) is skipped (records.ts).
 */
export async function rotateRevokedAccess(ctx: MedicalContext): Promise<RotationReport> {
  const report: RotationReport = { rotated: [], wrapsRemoved: [], failed: [] };
  if (!can(ctx.actor.role, 'grantMedicalAccess')) return report;
  const entries = ctx.directory.entries();
  const revoked = revokedDeviceIds(entries);
  if (revoked.size === 0) return report;
  const mine = await ctx.collections.keyWraps.find({ selector: { recipientId: ctx.actor.deviceId } }).exec();
  const clientIds = [...new Set(mine.map((doc) => doc.clientId))].sort();
  for (const clientId of clientIds) {
    const records = await readClientMedical(ctx.collections, clientId);
    if (!deviceHoldsKey(records, ctx.actor.deviceId)) continue;
    const current = clientKeyStateOf(clientId, records.section.keyId, records.wraps).current.wraps;
    const revokedWrap = current.find((wrap) => revoked.has(wrap.recipientId));
    if (revokedWrap === undefined || (await clientGone(ctx.collections, clientId))) continue;
    try {
      const holders = keyHolders(ctx.sodium, records.section, records.wraps, ctx.directory);
      const outcome = await rotateClientKey(
        ctx,
        records,
        revokedWrap.recipientId,
        remainingHolders(holders, entries, revoked),
      );
      report[outcome === 'rotated' ? 'rotated' : 'wrapsRemoved'].push(clientId);
    } catch (error) {
      report.failed.push({ clientId, reason: failureReason(error) });
    }
  }
  return report;
}

function failureReason(error: unknown): string {
  if (error instanceof MedicalError) return error.reason;
  if (error instanceof CryptoError) return error.code;
  return 'error';
}
