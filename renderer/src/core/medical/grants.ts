import { can } from '../../../../shared/auth/roles';
import { grant, wipeKey } from '../../../../shared/crypto/index';
import { clientKeyStateOf, keyWrapChanges } from '../../../../shared/domain/key-wraps';
import { MedicalError, nowOf, withDeviceKeys, type MedicalContext } from './context';
import { keyHolders } from './key-holders';
import { logFor } from '../audit/log-for';
import { deviceHoldsKey, readClientMedical } from './records';
import { openSectionKey } from './section-key';
import { remainingHolders, rotateClientKey, type RevocationOutcome } from './rotation';

function requireGranter(ctx: MedicalContext): void {
  if (!can(ctx.actor.role, 'grantMedicalAccess')) throw new MedicalError('not-allowed');
}

/**
 * Grants a staff member access to a client's section: the current key wrapped to each of their approved devices,
 * signed by this device (which must hold the key). Returns the device ids granted.
 */
export async function grantMedicalAccess(
  ctx: MedicalContext,
  clientId: string,
  staffId: string,
): Promise<string[]> {
  requireGranter(ctx);
  const records = await readClientMedical(ctx.collections, clientId);
  if (records.section === undefined) throw new MedicalError('no-section');
  const entry = ctx.directory.entries().find((e) => e.staffId === staffId);
  const devices = entry?.status === 'active' ? entry.devices.filter((d) => d.status === 'approved') : [];
  if (devices.length === 0) throw new MedicalError('no-devices');
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) throw new MedicalError('no-access');
  const { section } = records;
  // Never hand on a key that is not the section's (a wrap planted under its id): refused before any wrap is made.
  wipeKey(ctx.sodium, openSectionKey(ctx, records));
  const keys = ctx.directory.keyDirectory();
  const state = withDeviceKeys(ctx, (me) =>
    devices.reduce(
      (current, device) =>
        grant(ctx.sodium, current, me, { id: device.id, boxPublicKey: device.boxPublicKey }, keys),
      clientKeyStateOf(clientId, section.keyId, records.wraps),
    ),
  );
  // Only puts: wraps of other keys are left to the rotation that made them stale.
  const { put } = keyWrapChanges(records.wraps, state, nowOf(ctx), section.assignedStaffIds);
  await ctx.collections.keyWraps.bulkUpsert(put);
  await logFor(
    ctx,
    { kind: 'access-granted', clientId, fields: ['medical'], target: staffId },
    section.assignedStaffIds,
  );
  return devices.map((d) => d.id);
}

/**
 * Revokes a staff member's access to a client's section: the key is rotated to the other current holders (approved
 * devices of active staff) and the recovery key (rotation.ts, rotateClientKey, for a client without a consent in
 * force). Returns 'held-none' when they held no wrap of the current key.
 */
export async function revokeMedicalAccess(
  ctx: MedicalContext,
  clientId: string,
  staffId: string,
): Promise<RevocationOutcome | 'held-none'> {
  requireGranter(ctx);
  if (staffId === ctx.actor.staffId) throw new MedicalError('own-access');
  const records = await readClientMedical(ctx.collections, clientId);
  if (records.section === undefined) throw new MedicalError('no-section');
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) throw new MedicalError('no-access');
  const entries = ctx.directory.entries();
  const theirs = new Set(entries.find((e) => e.staffId === staffId)?.devices.map((d) => d.id) ?? []);
  const current = clientKeyStateOf(clientId, records.section.keyId, records.wraps).current.wraps;
  const revokedWrap = current.find((wrap) => theirs.has(wrap.recipientId));
  if (revokedWrap === undefined) return 'held-none';
  const holders = keyHolders(ctx.sodium, records.section, records.wraps, ctx.directory);
  const outcome = await rotateClientKey(
    ctx,
    records,
    revokedWrap.recipientId,
    remainingHolders(holders, entries, theirs, staffId),
  );
  await logFor(
    ctx,
    { kind: 'access-revoked', clientId, fields: ['medical'], target: staffId },
    records.section.assignedStaffIds,
  );
  return outcome;
}
