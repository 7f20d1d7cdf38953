import type { DataSubjectRequest, GdprBasis, RequestStatus } from './request';
import { answerEvidenceMissing, EVIDENCE_BY_TYPE, groundFits } from './request-evidence';

/**
 * The rules of the request register: the deadline, the order of statuses, and what makes a request whole. Pure;
 * the device's forms and the server's push rule (shared/sync/request-push-rule.ts) both run them.
 *
 * Deadlines (decided for issue 16):
 * - Every request: the company target is 14 days from receipt. APPI asks for an answer "without delay" and lets the
 *   person sue two weeks after the demand reaches the company (Art. 39), so 14 days is also the deadline in force
 *   for a client to whom GDPR does not apply. No extension.
 * - GDPR applies when the client's nationality or their residence given at receipt is in the EU/EEA (the register
 *   records which: `gdprBasis`). Art. 12(3) gives one month, counted here as 30 days; it may be extended once, by
 *   two further months (60 days), with the reason recorded and told to the requester. The 14-day company target
 *   still holds: past it, the request shows as due soon.
 * Days are 24-hour periods from the instant of receipt, so the deadline is one instant shown in every zone (the
 * DPO's screen shows it in the DPO's zone).
 */

export const DAY_MS = 86_400_000;
export const COMPANY_TARGET_DAYS = 14;
export const GDPR_DEADLINE_DAYS = 30;
export const GDPR_EXTENSION_DAYS = 60;
/** A request is "due soon" this close to its deadline. */
export const DUE_SOON_DAYS = 3;
/**
 * How long before its logging a request may have been received (a letter opened late, a request told to a
 * concierge abroad and logged on return): beyond the longest deadline (30 + 60 days), nothing sane is that late.
 */
export const RECEIVED_MAX_AGE_DAYS = 90;
/** How far ahead of the clock a time recorded by a device may be (clocks differ). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** EU member states and the EEA's Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2). */
export const EU_EEA_COUNTRIES: readonly string[] =
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' ');

/** Why GDPR's deadline applies to a request from this client, or 'none'. Nationality first. */
export function gdprBasisOf(
  nationality: string | undefined,
  residenceCountry: string | undefined,
): GdprBasis {
  if (nationality !== undefined && EU_EEA_COUNTRIES.includes(nationality)) return 'nationality';
  if (residenceCountry !== undefined && EU_EEA_COUNTRIES.includes(residenceCountry)) return 'residence';
  return 'none';
}

type DeadlineInput = Pick<DataSubjectRequest, 'receivedAt' | 'gdprBasis' | 'extension'>;

/** The company target: 14 days from receipt, for every request. */
export const targetAtOf = (request: Pick<DataSubjectRequest, 'receivedAt'>) =>
  request.receivedAt + COMPANY_TARGET_DAYS * DAY_MS;

/** The deadline in force: 14 days, or 30 under GDPR, plus 60 once extended (GDPR only). */
export function dueAtOf(request: DeadlineInput): number {
  if (request.gdprBasis === 'none') return targetAtOf(request);
  const days = GDPR_DEADLINE_DAYS + (request.extension ? GDPR_EXTENSION_DAYS : 0);
  return request.receivedAt + days * DAY_MS;
}

export const CLOSED_STATUSES: readonly RequestStatus[] = ['answered', 'refused', 'withdrawn'];
export const isClosed = (status: RequestStatus) => CLOSED_STATUSES.includes(status);

export type DeadlineState = 'closed' | 'overdue' | 'due-soon' | 'open';

/** Where an open request stands at `now`: past its deadline, near it (or past the company target), or neither. */
export function deadlineState(
  request: Pick<DataSubjectRequest, 'status' | 'dueAt' | 'receivedAt'>,
  now: number,
): DeadlineState {
  if (isClosed(request.status)) return 'closed';
  if (now > request.dueAt) return 'overdue';
  if (now >= request.dueAt - DUE_SOON_DAYS * DAY_MS || now > targetAtOf(request)) return 'due-soon';
  return 'open';
}

const RANK: Record<RequestStatus, number> = {
  received: 0,
  verifying: 1,
  'in-progress': 2,
  answered: 3,
  refused: 3,
  withdrawn: 3,
};

/** Statuses only move forward; a closed request keeps its status. */
export function statusMayMove(from: RequestStatus, to: RequestStatus): boolean {
  if (from === to) return true;
  if (isClosed(from)) return false;
  return RANK[to] > RANK[from];
}

/** The statuses a person may choose next from `from` (the form's choices). */
export const nextStatuses = (from: RequestStatus): RequestStatus[] =>
  (Object.keys(RANK) as RequestStatus[]).filter((to) => to !== from && statusMayMove(from, to));

/** The deadline before any extension: an extension may be added only until it. */
export const firstDueAtOf = (request: Pick<DataSubjectRequest, 'receivedAt' | 'gdprBasis'>) =>
  dueAtOf({ receivedAt: request.receivedAt, gdprBasis: request.gdprBasis });

/** Whether the one extension may still be added at `now`: under GDPR, not yet extended, before the deadline. */
export const mayExtend = (request: DataSubjectRequest, now: number) =>
  request.gdprBasis !== 'none' &&
  !request.extension &&
  !isClosed(request.status) &&
  now <= firstDueAtOf(request);

export type RequestProblem =
  | 'due-date'
  | 'extension-not-allowed'
  | 'extension-late'
  | 'received-too-early'
  | 'ground-not-for-type'
  | 'answer-evidence-missing'
  | 'answer-missing'
  | 'answer-ground-missing'
  | 'refusal-missing'
  | 'not-verified'
  | 'withdrawal-missing'
  | 'representation-unchecked'
  | 'received-in-future'
  | 'erasure-scope-not-for-type';

/**
 * What is wrong with a request as a whole, or undefined: the deadline is the rule's, an extension only under
 * GDPR and added before the first deadline, the receipt neither ahead of the logging nor more than
 * RECEIVED_MAX_AGE_DAYS before it, each closing status carries its record (an answer, a refusal with its ground, a
 * withdrawal's time and reason), a request is answered only after the requester's identity was verified (a refusal
 * may be for a failed check) and on its evidence (request-evidence.ts: an export, a cessation, an erasure), a
 * ground fits the type of request, a partial answer names its ground, and a representative's authority is checked
 * before work starts.
 */
export function requestProblem(request: DataSubjectRequest, now: number): RequestProblem | undefined {
  if (request.receivedAt > request.createdAt + CLOCK_SKEW_MS || request.receivedAt > now + CLOCK_SKEW_MS)
    return 'received-in-future';
  if (request.receivedAt < request.createdAt - RECEIVED_MAX_AGE_DAYS * DAY_MS) return 'received-too-early';
  if (request.erasureScope !== undefined && request.type !== 'erasure') return 'erasure-scope-not-for-type';
  if (request.extension && request.gdprBasis === 'none') return 'extension-not-allowed';
  if (request.extension && request.extension.at > firstDueAtOf(request)) return 'extension-late';
  if (request.dueAt !== dueAtOf(request)) return 'due-date';
  const { status, requester } = request;
  if (
    requester.kind === 'representative' &&
    RANK[status] >= RANK['in-progress'] &&
    status !== 'refused' &&
    status !== 'withdrawn' &&
    (requester.evidence === undefined || requester.checkedBy === undefined)
  )
    return 'representation-unchecked';
  if (status === 'answered') {
    if (!request.answer) return 'answer-missing';
    if (request.answer.partial && !request.answer.ground) return 'answer-ground-missing';
    if (request.verification?.outcome !== 'verified') return 'not-verified';
    if (answerEvidenceMissing(request)) return 'answer-evidence-missing';
  }
  const ground = request.refusal?.ground ?? request.answer?.ground;
  if (ground !== undefined && !groundFits(request.type, ground)) return 'ground-not-for-type';
  if (status === 'refused' && !request.refusal) return 'refusal-missing';
  if (status === 'withdrawn' && (request.withdrawnAt === undefined || !request.withdrawalReason?.trim()))
    return 'withdrawal-missing';
  return undefined;
}

/**
 * Why a client's data may not be exported for this request, or undefined (issue 16 review): an export answers an
 * open disclosure request (of the data, or of the provision records), once the requester's identity is verified.
 * The server's export route and the device's export screen both ask it.
 */
export type ExportRefusal = 'request-not-for-export' | 'request-closed' | 'request-not-verified';

export function exportRefusal(
  request: Pick<DataSubjectRequest, 'type' | 'status' | 'verification'>,
): ExportRefusal | undefined {
  if (EVIDENCE_BY_TYPE[request.type] !== 'export') return 'request-not-for-export';
  if (isClosed(request.status)) return 'request-closed';
  if (request.verification?.outcome !== 'verified') return 'request-not-verified';
  return undefined;
}

/**
 * An erasure as the register reads it: the server's list (shared/domain/erasure.ts `Erasure`) or its push-rule
 * look-up. `scope` as on the erasure: absent (or 'client') the whole client, else only that part of it.
 */
export interface ErasureSeen {
  clientId: string;
  status: string;
  scheduledAt: number;
  scope?: string;
}

const erasesWholeClient = (erasure: ErasureSeen): boolean =>
  erasure.scope === undefined || erasure.scope === 'client';

/** What an erasure request asks to be erased: its scope, or the whole client when it names none. */
export const requestedErasureScope = (request: Pick<DataSubjectRequest, 'erasureScope'>) =>
  request.erasureScope ?? 'client';

/** Whether the erasure covers what the request asked: the whole client covers any scope, else the same scope. */
const coversScope = (request: Pick<DataSubjectRequest, 'erasureScope'>, erasure: ErasureSeen): boolean =>
  erasesWholeClient(erasure) || erasure.scope === requestedErasureScope(request);

/**
 * Whether an erasure answers an erasure request (issue 16 review: any erasure of the client did, then a passport-
 * or medical-only one did for a request of the whole client): an erasure of the request's client covering the
 * request's scope (`erasureScope`: the whole client, which covers any narrower scope, or exactly the scope asked),
 * scheduled at or after the request was received (within the clocks' skew: the receipt is a device's time, the
 * scheduling the server's) and not cancelled: scheduled, or carried out since. The server's push rule and the
 * device's register both ask it (`erasureAnswerProblem`).
 */
export const erasureAnswers = (
  request: Pick<DataSubjectRequest, 'clientId' | 'receivedAt' | 'erasureScope'>,
  erasure: ErasureSeen,
): boolean =>
  erasure.clientId === request.clientId &&
  coversScope(request, erasure) &&
  (erasure.status === 'scheduled' || erasure.status === 'executed') &&
  erasure.scheduledAt + CLOCK_SKEW_MS >= request.receivedAt;

/**
 * Why none of the client's erasures answers the request: none at all, only ones of another (narrower) scope, or
 * only earlier ones.
 */
export type ErasureAnswerProblem = 'erasure-missing' | 'erasure-partial' | 'erasure-before-request';

export function erasureAnswerProblem(
  request: Pick<DataSubjectRequest, 'clientId' | 'receivedAt' | 'erasureScope'>,
  erasures: readonly ErasureSeen[],
): ErasureAnswerProblem | undefined {
  if (erasures.some((erasure) => erasureAnswers(request, erasure))) return undefined;
  const standing = erasures.filter(
    (erasure) =>
      erasure.clientId === request.clientId &&
      (erasure.status === 'scheduled' || erasure.status === 'executed'),
  );
  if (standing.length === 0) return 'erasure-missing';
  return standing.some((erasure) => coversScope(request, erasure))
    ? 'erasure-before-request'
    : 'erasure-partial';
}

/** An erasure as the register reads it, with its id (to tell it from the client's other erasures). */
export type ErasureSeenWithId = ErasureSeen & { id: string };

/**
 * The requests an erasure's cancellation would leave without their answer (issue 16 review F2): erasure requests,
 * answered or still open, whose recorded action is this erasure (it answers them: `erasureAnswers`) and which no
 * other standing erasure of the client answers. Cancelling it is then refused (server/erasure, the erasures
 * screen): an answered request stays answered for good, and the client was told their data would be erased.
 */
export function requestsRestingOn<
  R extends Pick<
    DataSubjectRequest,
    'clientId' | 'receivedAt' | 'erasureScope' | 'type' | 'status' | 'action'
  >,
>(erasure: ErasureSeenWithId, requests: readonly R[], erasures: readonly ErasureSeenWithId[]): R[] {
  return requests.filter(
    (request) =>
      request.type === 'erasure' &&
      request.action?.kind === 'erasure-scheduled' &&
      (request.status === 'answered' || !isClosed(request.status)) &&
      erasureAnswers(request, erasure) &&
      !erasures.some((other) => other.id !== erasure.id && erasureAnswers(request, other)),
  );
}
