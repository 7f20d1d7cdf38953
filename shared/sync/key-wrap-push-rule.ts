import { can, inScope, writeScope, type Role } from '../auth/roles';
import { RECOVERY_RECIPIENT_ID } from '../crypto/key-wrap';
import {
  assigneeList,
  live,
  refuse,
  sameFields,
  str,
  type AnyDocument,
  type PushCaller,
  type PushFacts,
  type PushRefusal,
  type PushRule,
} from './push-rules';

const WRAP_CONTENT = ['v', 'keyId', 'clientId', 'recipientId', 'granterId', 'sealed', 'signature'] as const;

/**
 * Key wraps. Deleting one (a revocation) is for roles that may grant medical access. A new or changed wrap must
 * be granted by the pushing device (`granterId`) under the id its contents name, and be addressed to the recovery
 * key or to an approved device of an active staff member: never to a revoked, pending or unknown device, whoever
 * pushes it. A role that may recover but not grant creates what a recovery makes (recoveryWrapProblem); other roles
 * (concierges) only wrap what the key policy and the top-up make (topUpWrapProblem). A change of the assignees alone
 * (a client reassigned) changes no key.
 */
export const keyWrapRule: PushRule = async ({ caller, master, next, facts, writes }) => {
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
  // The server always looks the recipient up; a rule run without the look-up (tests of other parts) skips it.
  const recipient =
    next.recipientId === RECOVERY_RECIPIENT_ID
      ? undefined
      : await facts.deviceOwner?.(String(next.recipientId));
  if (facts.deviceOwner && next.recipientId !== RECOVERY_RECIPIENT_ID && recipient === undefined) {
    return refuse('recipient', 'wrap-recipient-not-approved');
  }
  if (grants) return undefined;
  if (can(caller.role, 'recoverMedicalAccess')) return recoveryWrapProblem(master, next, facts);
  return topUpWrapProblem(caller, master, next, facts, recipient, writes);
};

/**
 * A wrap pushed by a role that neither grants nor recovers (a concierge), in the client's medical write scope, new
 * (never a change of one the server holds), of a key the pushing device holds or is making:
 * - the client's first key, while every wrap the server holds of the client is of that key and from this device:
 *   to this device, to the recovery key, or to a device the key policy names (below);
 * - a key this device holds a wrap of, which is the key of the client's live section (or the client has none):
 *   to a device the key policy names.
 * The key policy (docs/crypto-spec.md, "Key holders and top-up"; shared/domain/key-top-up.ts) names the approved
 * devices of the pushing staff member, of staff whose role may grant, and of staff who hold the key on another
 * device. Anything else would be a grant, which this role may not make.
 */
async function topUpWrapProblem(
  caller: PushCaller,
  master: AnyDocument | undefined,
  next: AnyDocument,
  facts: PushFacts,
  recipient: { staffId: string; role: Role } | undefined,
  writes: boolean | undefined,
): Promise<PushRefusal | undefined> {
  const notAllowed = refuse('grant', 'wrap-grant-not-allowed');
  // Two devices that topped up the same device at once: the second push is a conflict, which writes nothing; the
  // device takes the server's wrap (server-wins) instead of parking its own as refused.
  if (live(master)) return writes === false ? undefined : notAllowed;
  // The client's own assignees, as the server holds them: never the ones the wrap carries.
  const clientId = String(next.clientId);
  const found = await facts.client(clientId);
  const medicalScope = writeScope(caller.role, 'medical');
  if (
    found === undefined ||
    found.client._deleted ||
    !inScope(medicalScope, caller.staffId, { assignedStaffIds: assigneeList(found.client) })
  ) {
    return notAllowed;
  }
  const all = await facts.keyWrapsOfClient(clientId);
  const ofKey = all.filter((wrap) => wrap.keyId === next.keyId);
  const firstKey = all.every((wrap) => wrap.granterId === caller.deviceId && wrap.keyId === next.keyId);
  if (firstKey && (next.recipientId === caller.deviceId || next.recipientId === RECOVERY_RECIPIENT_ID)) {
    return undefined;
  }
  if (!firstKey) {
    if (!ofKey.some((wrap) => wrap.recipientId === caller.deviceId)) return notAllowed;
    const sections = await facts.medicalKeyIdsOfClient?.(clientId);
    if (sections && sections.length > 0 && !sections.includes(String(next.keyId))) {
      return refuse('recover', 'wrap-key-not-current');
    }
  }
  if (recipient === undefined) return notAllowed;
  if (recipient.staffId === caller.staffId || can(recipient.role, 'grantMedicalAccess')) return undefined;
  for (const wrap of ofKey) {
    if (wrap.recipientId === RECOVERY_RECIPIENT_ID) continue;
    const holder = await facts.deviceOwner?.(String(wrap.recipientId));
    if (holder?.staffId === recipient.staffId) return undefined;
  }
  return notAllowed;
}

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
