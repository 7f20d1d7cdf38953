import { sameDocument } from '../sync/canonical';
import { CONSENT_BACKDATE_MAX_MS } from './consent-ledger';
import type { DataSubjectRequest } from './request';
import { CLOCK_SKEW_MS, statusMayMove } from './request-rules';

/**
 * The register's history is not rewritten (issue 16 review, F3): what a change to a request may not do, checked on
 * the device before writing (renderer/src/features/requests) and by the server's push rule
 * (shared/sync/request-push-rule.ts) on every change of a handler. Pure.
 *
 * - What the request was never changes: client, type, scope, receipt (when, channel, who logged it), the requester
 *   (who asks, a representative's name and relationship) and their words (`details`), the GDPR basis.
 * - A representative's authority, once checked, stays checked as recorded.
 * - An identity check stays as recorded. Only a failed one may be followed by a new check, and it then moves to
 *   `earlierChecks`, which only grows: a failed check is never lost, a verified one never replaced.
 * - The status moves forward only (request-rules.ts `statusMayMove`); an answer, a refusal, the extension, the
 *   withdrawal and the action stay once recorded; exports only grow.
 * - Each record a change adds is dated at or after the receipt, not ahead of the clock (CLOCK_SKEW_MS), and not
 *   back-dated more than the consent ledger allows (CONSENT_BACKDATE_MAX_MS, 30 days): a late answer cannot be
 *   dated as if on time beyond that bound.
 * - A withdrawal is the requester's: it records how they said so (`withdrawalChannel`), and comes before the
 *   deadline. A request past its deadline is answered or refused, so the register keeps that it was late.
 */

/** How far back a record of the register may be dated when it is made: the consent ledger's bound. */
export const REQUEST_BACKDATE_MAX_MS = CONSENT_BACKDATE_MAX_MS;

export type HistoryProblem =
  | 'fixed-field'
  | 'status-backwards'
  | 'record-kept'
  | 'requester-fixed'
  | 'check-kept'
  | 'exports-grow'
  | 'recorded-in-future'
  | 'recorded-before-receipt'
  | 'recorded-backdated'
  | 'withdrawal-channel-missing'
  | 'withdrawal-overdue';

const FIXED_FIELDS = [
  'clientId',
  'type',
  'erasureScope',
  'channel',
  'receivedAt',
  'receivedBy',
  'details',
  'residenceCountry',
  'gdprBasis',
  'createdAt',
] as const;

const KEPT_ONCE_SET = [
  'answer',
  'refusal',
  'extension',
  'withdrawnAt',
  'withdrawalReason',
  'withdrawalChannel',
  'action',
] as const;

type Stamp = { by: string | undefined; at: number | undefined };

/** The records a change adds, each with who it names and when (the push rule checks the names). */
export function newStamps(before: DataSubjectRequest | undefined, after: DataSubjectRequest): Stamp[] {
  const stamps: Stamp[] = [];
  const added = <K extends 'verification' | 'extension' | 'answer' | 'refusal' | 'action'>(field: K) => {
    const record = after[field];
    if (record && !sameDocument(before?.[field], record)) stamps.push({ by: record.by, at: record.at });
  };
  (['verification', 'extension', 'answer', 'refusal', 'action'] as const).forEach(added);
  const { checkedBy, checkedAt } = after.requester;
  if (
    checkedBy !== undefined &&
    (checkedBy !== before?.requester.checkedBy || checkedAt !== before?.requester.checkedAt)
  )
    stamps.push({ by: checkedBy, at: checkedAt });
  if (after.handlerId !== undefined && after.handlerId !== before?.handlerId)
    stamps.push({ by: after.handlerId, at: undefined });
  for (const record of (after.exports ?? []).slice(before?.exports?.length ?? 0))
    stamps.push({ by: record.by, at: record.at });
  if (after.withdrawnAt !== undefined && before?.withdrawnAt === undefined)
    stamps.push({ by: undefined, at: after.withdrawnAt });
  return stamps;
}

/** Whether a change rewrites what the register recorded (see the header), or undefined. */
function rewriteProblem(before: DataSubjectRequest, after: DataSubjectRequest): HistoryProblem | undefined {
  for (const field of FIXED_FIELDS) {
    if (!sameDocument(before[field], after[field])) return 'fixed-field';
  }
  if (!statusMayMove(before.status, after.status)) return 'status-backwards';
  for (const field of KEPT_ONCE_SET) {
    if (before[field] !== undefined && !sameDocument(before[field], after[field])) return 'record-kept';
  }
  const who = ({ kind, name, relationship }: DataSubjectRequest['requester']) => ({
    kind,
    name,
    relationship,
  });
  if (!sameDocument(who(before.requester), who(after.requester))) return 'requester-fixed';
  if (before.requester.checkedBy !== undefined && !sameDocument(before.requester, after.requester))
    return 'requester-fixed';
  const earlier = before.earlierChecks ?? [];
  const kept = (after.earlierChecks ?? []).slice(0, earlier.length);
  if (!sameDocument(earlier, kept)) return 'check-kept';
  if (!sameDocument(before.verification, after.verification)) {
    // A failed check may be followed by a new one, the failed one kept first; nothing else replaces a check.
    const followsFailure =
      before.verification?.outcome === 'failed' &&
      after.verification !== undefined &&
      sameDocument(after.earlierChecks ?? [], [...earlier, before.verification]);
    if (before.verification !== undefined && !followsFailure) return 'record-kept';
  } else if ((after.earlierChecks ?? []).length !== earlier.length) return 'check-kept';
  const exported = before.exports ?? [];
  if (!sameDocument(exported, (after.exports ?? []).slice(0, exported.length))) return 'exports-grow';
  return undefined;
}

/**
 * What is wrong with a change of the register (`before` absent: a new request), at `now` on the clock that checks
 * it (the device's before writing, the server's at the push), or undefined.
 */
export function historyProblem(
  before: DataSubjectRequest | undefined,
  after: DataSubjectRequest,
  now: number,
): HistoryProblem | undefined {
  if (before) {
    const rewritten = rewriteProblem(before, after);
    if (rewritten) return rewritten;
  } else if ((after.earlierChecks ?? []).length > 0) return 'check-kept';
  for (const { at } of newStamps(before, after)) {
    if (at === undefined) continue;
    if (at > now + CLOCK_SKEW_MS) return 'recorded-in-future';
    if (at < after.receivedAt) return 'recorded-before-receipt';
    if (at < now - REQUEST_BACKDATE_MAX_MS) return 'recorded-backdated';
  }
  if (after.status === 'withdrawn' && before?.status !== 'withdrawn') {
    if (after.withdrawalChannel === undefined) return 'withdrawal-channel-missing';
    if (after.withdrawnAt! > after.dueAt || now > after.dueAt + CLOCK_SKEW_MS) return 'withdrawal-overdue';
  }
  return undefined;
}
