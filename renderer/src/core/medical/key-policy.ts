import { PERMISSIONS } from '../../../../shared/auth/roles';
import {
  createClientKeys,
  wipeKey,
  wrapDataKey,
  type KeyWrap,
  type SymmetricKey,
} from '../../../../shared/crypto/index';
import { keyWrapChanges, keyWrapDocument, type KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import { missingWraps, type MissingWrap } from '../../../../shared/domain/key-top-up';
import { logFor } from '../audit/log-for';
import { MedicalError, nowOf, withDeviceKeys, type MedicalClient, type MedicalContext } from './context';

/**
 * The key policy (issue 19, item 2; docs/crypto-spec.md, "Key holders and top-up"): a client's key is wrapped, from
 * its first write, to the recovery key, to this device, to this person's other approved devices and to the approved
 * devices of every active staff member whose role may grant medical access (shared/domain/key-top-up.ts). Each
 * person given the key without a person deciding it is in the access log (`access-granted`, fields `medical` and
 * `key-policy`), as a grant by hand is.
 */

/** The wraps of `key` for the devices `missing` names, signed by this device. */
export function wrapsFor(
  ctx: MedicalContext,
  key: SymmetricKey,
  clientId: string,
  missing: readonly MissingWrap[],
): KeyWrap[] {
  const byId = new Map(
    ctx.directory.entries().flatMap((entry) => entry.devices.map((device) => [device.id, device] as const)),
  );
  return withDeviceKeys(ctx, (me) =>
    missing.flatMap((target) => {
      const device = byId.get(target.deviceId);
      if (device === undefined || device.status !== 'approved') return [];
      return [
        wrapDataKey(ctx.sodium, key, clientId, { id: device.id, boxPublicKey: device.boxPublicKey }, me),
      ];
    }),
  );
}

/** A new client key: its data key and the wraps to store (this device, the recovery key, the key policy's). */
export function createPolicyKey(
  ctx: MedicalContext,
  client: MedicalClient,
): { dataKey: SymmetricKey; newWraps: KeyWrapDocument[]; policyStaff: string[] } {
  const recovery = ctx.directory.recoveryRecipient();
  if (recovery === undefined) throw new MedicalError('no-recovery-key');
  const now = nowOf(ctx);
  const { state, dataKey } = withDeviceKeys(ctx, (me) =>
    createClientKeys(ctx.sodium, client.id, me, recovery),
  );
  try {
    const mine = new Set([ctx.actor.deviceId]);
    const missing = missingWraps({
      people: ctx.directory.entries(),
      permissions: PERMISSIONS,
      wrapped: mine,
      holders: mine,
    });
    const wraps = wrapsFor(ctx, dataKey, client.id, missing);
    const newWraps = [
      ...keyWrapChanges([], state, now, client.assignedStaffIds).put,
      ...wraps.map((wrap) => keyWrapDocument(wrap, now, client.assignedStaffIds)),
    ];
    const wrapped = new Set(wraps.map((wrap) => wrap.recipientId));
    const policyStaff = [...new Set(missing.filter((m) => wrapped.has(m.deviceId)).map((m) => m.staffId))];
    return { dataKey, newWraps, policyStaff };
  } catch (error) {
    wipeKey(ctx.sodium, dataKey);
    throw error;
  }
}

/** One access-log entry per staff member the key policy or the top-up gave a client's key. */
export async function logPolicyWraps(
  ctx: MedicalContext,
  clientId: string,
  staffIds: Iterable<string>,
  assignedStaffIds: readonly string[],
): Promise<void> {
  for (const target of new Set(staffIds)) {
    await logFor(
      ctx,
      { kind: 'access-granted', clientId, fields: ['medical', 'key-policy'], target },
      assignedStaffIds,
    );
  }
}
