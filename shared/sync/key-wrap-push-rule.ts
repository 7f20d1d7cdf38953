import { can, inScope, writeScope } from '../auth/roles';
import { RECOVERY_RECIPIENT_ID } from '../crypto/key-wrap';
import {
  assigneeList,
  live,
  refuse,
  sameFields,
  str,
  type AnyDocument,
  type PushFacts,
  type PushRefusal,
  type PushRule,
} from './push-rules';

const WRAP_CONTENT = ['v', 'keyId', 'clientId', 'recipientId', 'granterId', 'sealed', 'signature'] as const;

/**
 * Key wraps. Deleting one (a revocation) is for roles that may grant medical access. A new or changed wrap must
 * be granted by the pushing device (`granterId`) under the id its contents name; a role that may recover but not
 * grant creates what a recovery makes (recoveryWrapProblem); other roles may only create a client's first key:
 * wraps to their own device and to the recovery key while the client has no wraps but such ones from this device. A change of the assignees alone (a client reassigned) changes no key.
 */
export const keyWrapRule: PushRule = async ({ caller, master, next, facts }) => {
  const grants = can(caller.role, 'grantMedicalAccess');
  if (next._deleted) {
    if (live(master) && !grants) return refuse('grant', 'wrap-delete-not-allowed');
    return undefined;
  }
  if (live(master) && sameFields(master, next, WRAP_CONTENT)) return undefined;
  if (next.granterId !== caller.deviceId) return refuse('granter', 'wrap-granter-not-caller');
  if (next.id !== `${str(next.clientId)}.${str(next.keyId)}.${str(next.recipientId)}`) {
    return refuse('id', 'wrap-id-mismatch');
  }
  if (grants) return undefined;
  if (can(caller.role, 'recoverMedicalAccess')) return recoveryWrapProblem(master, next, facts);
  const ownFirstKey = (wrap: AnyDocument) =>
    wrap.granterId === caller.deviceId &&
    wrap.keyId === next.keyId &&
    (wrap.recipientId === caller.deviceId || wrap.recipientId === RECOVERY_RECIPIENT_ID);
  // The client's own assignees, as the server holds them: never the ones the wrap carries.
  const found = await facts.client(String(next.clientId));
  const medicalScope = writeScope(caller.role, 'medical');
  const firstKey =
    !live(master) &&
    ownFirstKey(next) &&
    found !== undefined &&
    !found.client._deleted &&
    inScope(medicalScope, caller.staffId, { assignedStaffIds: assigneeList(found.client) }) &&
    (await facts.keyWrapsOfClient(String(next.clientId))).every(ownFirstKey);
  return firstKey ? undefined : refuse('grant', 'wrap-grant-not-allowed');
};

/**
 * A wrap pushed by a role that may recover but not grant (the admin, the DPO): what restoring access with the
 * recovery sheet makes (docs/crypto-spec.md, "Recovery"). Only new wraps (never a change of one the server holds)
 * to an approved device, of the key of the client's live medical section, whose recovery wrap the server holds:
 * recovery reaches no key the recovery key does not open, makes no key (never a recovery wrap, never the key of a
 * client without a section: staff would seal under a key the recovering device chose), and replaces no wrap.
 */
async function recoveryWrapProblem(
  master: AnyDocument | undefined,
  next: AnyDocument,
  facts: PushFacts,
): Promise<PushRefusal | undefined> {
  if (live(master)) return refuse('recover', 'wrap-change-not-allowed');
  if (next.recipientId === RECOVERY_RECIPIENT_ID) return refuse('recover', 'wrap-recovery-not-allowed');
  const clientId = String(next.clientId);
  const sections = await facts.medicalKeyIdsOfClient?.(clientId);
  if (sections && !sections.includes(String(next.keyId))) return refuse('recover', 'wrap-key-not-current');
  if (facts.deviceApproved && !(await facts.deviceApproved(String(next.recipientId)))) {
    return refuse('recover', 'wrap-recipient-not-approved');
  }
  const held = await facts.keyWrapsOfClient(clientId);
  const recoverable = held.some(
    (wrap) => wrap.recipientId === RECOVERY_RECIPIENT_ID && wrap.keyId === next.keyId && !wrap._deleted,
  );
  return recoverable ? undefined : refuse('grant', 'wrap-grant-not-allowed');
}
