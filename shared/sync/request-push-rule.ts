import type { Role } from '../auth/roles';
import type { DataSubjectRequest } from '../domain/request';
import { cessationActionProblem } from '../domain/request-evidence';
import {
  CLOCK_SKEW_MS,
  erasureAnswerProblem,
  exportRefusal,
  firstDueAtOf,
  gdprBasisOf,
  requestProblem,
} from '../domain/request-rules';
import { historyProblem, newStamps } from '../domain/request-history';
import type { AnyDocument, PushCaller, PushFacts, PushRefusal, PushRule } from './push-rules';

/**
 * The request register's push rule (the `requests` entry of registry.ts names it), beyond the permission table:
 *
 * - An entry is never deleted: a request ends answered, refused or withdrawn, and stays as the record.
 * - Whoever only logs requests (concierges and coordinators: they receive them from clients) creates an entry as
 *   received, in their own name, and changes none afterwards; handling is the managers' and the admin's (the DPO).
 * - The deadline is the rule's (request-rules.ts), from the receipt and the GDPR basis, which is the client's
 *   nationality (as the server holds the client) or the residence given at receipt.
 * - Its history is not rewritten (request-history.ts, the same check as the device's): what a request was (client,
 *   type, receipt, requester and their words, the GDPR basis) never changes; its status only moves forward; an
 *   answer, a refusal, the one extension, the withdrawal and an identity check stay once recorded (a failed check
 *   followed by a new one is kept in `earlierChecks`); the exports made for it only grow; each record is dated at
 *   or after the receipt and back-dated at most 30 days; a withdrawal is the requester's, before the deadline.
 * - Whatever a push records in someone's name (a verification, a representation check, an extension, an answer, a
 *   refusal, an action, an export, the handler) is recorded in the caller's, at a time not ahead of the server's.
 * - The one extension is added before the first deadline passes (on the server's clock).
 * - An answer's evidence is the server's (request-evidence.ts): a cessation's withdrawals are in the client's
 *   ledger as the server holds it and no consent of its purposes is in force; an erasure is scheduled (or done)
 *   for the client since the request was received, and not cancelled; a disclosure has its export recorded.
 * - An export is recorded only on an open disclosure request (of the data or of the provision records):
 *   request-rules.ts `exportRefusal`, as the export route checks.
 */

export const REQUEST_HANDLER_ROLES: readonly Role[] = ['manager', 'admin'];
export const handlesRequests = (role: Role) => REQUEST_HANDLER_ROLES.includes(role);

const refuse = (reason: string): PushRefusal => ({ rule: 'request', reason });

export const requestRule: PushRule = async ({ caller, master, next, facts, writes = true }) => {
  if (!writes) return undefined;
  if (next._deleted) return refuse('request-not-deleted');
  const request = next as unknown as DataSubjectRequest;
  const problem = requestProblem(request, facts.now());
  if (problem) return refuse(`request-${problem}`);
  const before = master && !master._deleted ? (master as unknown as DataSubjectRequest) : undefined;
  if (!before) {
    const refused = await creation(request, caller.staffId, caller.role, facts);
    if (refused) return refused;
  } else {
    if (!handlesRequests(caller.role)) return refuse('request-logger-creates-only');
  }
  const rewritten = historyProblem(before, request, facts.now());
  if (rewritten) return refuse(`request-${rewritten}`);
  return (await recordedByCaller(before, request, caller, facts)) ?? actionEvidence(before, request, facts);
};

async function recordedByCaller(
  before: DataSubjectRequest | undefined,
  after: DataSubjectRequest,
  caller: PushCaller,
  facts: PushFacts,
): Promise<PushRefusal | undefined> {
  const now = facts.now();
  for (const { by } of newStamps(before, after)) {
    if (by !== undefined && by !== caller.staffId) return refuse('request-recorded-by-other');
  }
  const exported = (after.exports ?? []).slice(before?.exports?.length ?? 0);
  if (exported.some((record) => record.deviceId !== caller.deviceId))
    return refuse('request-recorded-by-other');
  // On the request as it stood before this push (an export built, then the answer, may arrive in one push). Its
  // verification is the route's: the server's part of the export, checked below, is given only once verified.
  const notForExport =
    exported.length > 0 ? exportRefusal({ ...after, status: before?.status ?? after.status }) : undefined;
  if (notForExport === 'request-not-for-export' || notForExport === 'request-closed')
    return refuse(`request-export-${notForExport.slice('request-'.length)}`);
  // An export recorded on the request was built: the server gave this device its part for this request (issue 16
  // review: a made-up record with any hash could answer a disclosure).
  if (
    exported.length > 0 &&
    facts.exportedForRequest &&
    !(await facts.exportedForRequest(after.id, caller.staffId, caller.deviceId))
  )
    return refuse('request-export-not-made');
  if (after.extension && !before?.extension && now > firstDueAtOf(after) + CLOCK_SKEW_MS)
    return refuse('request-extension-late');
  return undefined;
}

/**
 * When a request becomes answered, its action's evidence as the server holds it. Checked at the answer rather than
 * when the action is recorded: the withdrawals are pushed with the consents, which may reach the server after the
 * request's own push that records the action.
 */
async function actionEvidence(
  before: DataSubjectRequest | undefined,
  after: DataSubjectRequest,
  facts: PushFacts,
): Promise<PushRefusal | undefined> {
  const action = after.action;
  if (after.status !== 'answered' || before?.status === 'answered' || !action) return undefined;
  if (action.kind === 'erasure-scheduled') {
    // Of the scope asked (or the whole client), scheduled since the request was received and not cancelled
    // (request-rules.ts): an earlier erasure answers an earlier decision, another part's is not what was asked.
    const erasures = (await facts.erasuresOfClient?.(after.clientId)) ?? [];
    const problem = erasureAnswerProblem(
      after,
      erasures.map((erasure) => ({ ...erasure, clientId: after.clientId })),
    );
    return problem ? refuse(`request-action-${problem}`) : undefined;
  }
  const problem = cessationActionProblem(after, await facts.consentsOfClient(after.clientId), facts.now());
  return problem ? refuse(`request-${problem}`) : undefined;
}

async function creation(
  request: DataSubjectRequest,
  staffId: string,
  role: Role,
  facts: PushFacts,
): Promise<PushRefusal | undefined> {
  if (request.receivedBy !== staffId) return refuse('request-receiver-not-caller');
  if (request.receivedAt > facts.now() + CLOCK_SKEW_MS || request.createdAt > facts.now() + CLOCK_SKEW_MS)
    return refuse('request-received-in-future');
  const found = await facts.client(request.clientId);
  const nationality = found ? str(found.client.nationality) : undefined;
  // An erased client's stub holds no nationality: a request filed late for it (kept reduced) keeps the basis the
  // device worked out while it still held the client (review-s7-fixes: an EU client's late request was refused).
  const erased = (await facts.clientErased?.(request.clientId)) === true;
  if (!erased && request.gdprBasis !== gdprBasisOf(nationality, request.residenceCountry)) {
    return refuse('request-gdpr-basis');
  }
  if (!handlesRequests(role)) {
    // Nor what only handling records: an action carried out, a withdrawal (review of issue 16: a concierge could
    // log a request with an `action` already set, which no answer could then match nor anyone remove).
    const handled =
      request.verification ||
      request.answer ||
      request.refusal ||
      request.extension ||
      request.action ||
      request.withdrawnAt !== undefined ||
      request.withdrawalReason !== undefined;
    if (request.status !== 'received' || handled || request.exports?.length || request.handlerId) {
      return refuse('request-logger-creates-only');
    }
  }
  return undefined;
}

const str = (value: AnyDocument[string]) => (typeof value === 'string' ? value : undefined);
