import { extendChain, type ChainHead } from '../crypto/audit-chain';
import { decodeBase64Url } from '../crypto/encoding';
import { loadSodium } from '../crypto/sodium';
import { RESUME_KIND, auditInputProblem, type AuditEvent } from '../domain/audit';
import { mayReview } from '../domain/audit-review';
import { sameDocument } from './canonical';
import type { AnyDocument, PushFacts, PushRefusal, PushRule } from './push-rules';

/**
 * What the access log's rule looks up beyond PushFacts, in the push's transaction: each device's chain head as
 * the server holds it, and the device's signing key. `accept` records an entry the rule let through as the new
 * head, in the same transaction (so the next row of the same push meets it, and a refused push leaves nothing).
 */
export interface AuditChainFacts {
  auditChain: {
    head(deviceId: string): Promise<ChainHead>;
    signKey(deviceId: string): Promise<string | undefined>;
    accept(entry: { id: string; deviceId: string; seq: number; hash: string }): Promise<void>;
    /** The first refusal that stopped the device's chain and no resume has answered yet, if any. */
    openStop(deviceId: string): Promise<{ entryId: string } | undefined>;
    /** Marks every open stop of the device as answered by the resume `entryId`. */
    resume(deviceId: string, entryId: string): Promise<void>;
  };
}

const refuse = (rule: string, reason: string): PushRefusal => ({ rule, reason });
const withoutScope = (doc: AnyDocument) =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => key !== 'assignedStaffIds'));

/**
 * The access log grows only, one link at a time (docs/crypto-spec.md, "Access log"). A retry of an entry the
 * server holds passes; any other write over a held entry, and any deletion, is refused. A new entry is the
 * caller's own (staff member and device); it is signed by the caller's device as the server knows it, numbered
 * one past the device's head and names the head's hash: a gap (an entry deleted before the push), a replay of an
 * earlier number, a fork (the right number over another history: a local log rewritten) or a bad signature (a
 * byte changed) are refused, and so the whole push. A legacy entry (unchained) is refused: the server's legacy set is the one
 * migration 8 converted, sealed in every checkpoint since migration 13.
 */
export const auditEventRule: PushRule = async ({ caller, master, next, facts, writes = true }) => {
  if (master !== undefined) {
    const retry =
      !master._deleted && !next._deleted && sameDocument(withoutScope(master), withoutScope(next));
    return retry ? undefined : refuse('insert-only', 'audit-event-immutable');
  }
  if (next._deleted) return refuse('insert-only', 'audit-event-immutable');
  if (next.staffId !== caller.staffId || next.deviceId !== caller.deviceId) {
    return refuse('actor', 'audit-actor-not-caller');
  }
  const entry = next as unknown as AuditEvent;
  // Legacy entries exist only as migration 8 converted them (sealed by migration 13): never pushed anew.
  if (entry.legacy === true || entry.seq === 0) return refuse('chain', 'audit-legacy-refused');
  // Names from the catalogue and ids only: a free token (a passport number) is never logged.
  const problem = auditInputProblem(entry);
  if (problem === 'fields') return refuse('names', 'audit-field-unknown');
  if (problem === 'target') return refuse('names', 'audit-target-format');
  // A review mark counts in the weekly review (audit-review.ts): only a role that may review writes one.
  if (entry.kind === 'review' && !mayReview(caller.role)) return refuse('role', 'audit-review-not-permitted');
  const chain = (facts as PushFacts & Partial<AuditChainFacts>).auditChain;
  if (!chain) return refuse('chain', 'audit-chain-unavailable');
  const key = await chain.signKey(caller.deviceId);
  const sodium = await loadSodium();
  const head = await chain.head(caller.deviceId);
  const publicKey = key === undefined ? undefined : (decodeBase64Url(key) ?? undefined);
  const extended = extendChain(sodium, head, entry, publicKey);
  if ('problem' in extended) return refuse('chain', `audit-${extended.problem}`);
  // A resume answers a refusal the server recorded, naming the entry refused first: no refusal, no resume (the
  // seqs it skips would hide nothing the server ever held, but a chain that never stopped has no reason to skip).
  const resumes = entry.kind === RESUME_KIND;
  if (resumes && (await chain.openStop(caller.deviceId))?.entryId !== entry.target) {
    return refuse('chain', 'audit-resume-without-stop');
  }
  if (writes) {
    await chain.accept({
      id: entry.id,
      deviceId: entry.deviceId,
      seq: extended.head.seq,
      hash: extended.head.hash,
    });
    if (resumes) await chain.resume(caller.deviceId, entry.id);
  }
  return undefined;
};
