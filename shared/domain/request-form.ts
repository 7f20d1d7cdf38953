import { isCountryCode } from './countries';
import {
  ERASURE_REQUEST_SCOPES,
  type ErasureRequestScope,
  ANSWER_CHANNELS,
  REFUSAL_GROUNDS,
  REPRESENTATION_EVIDENCE,
  REQUEST_CHANNELS,
  REQUEST_NAME_MAX_LENGTH,
  REQUEST_TEXT_MAX_LENGTH,
  REQUEST_TYPES,
  REQUESTER_KINDS,
  VERIFICATION_METHODS,
  VERIFICATION_OUTCOMES,
  type AnswerChannel,
  type RefusalGround,
  type RepresentationEvidence,
  type RequestChannel,
  type RequesterKind,
  type RequestType,
  type VerificationMethod,
  type VerificationOutcome,
} from './request';
import { CLOCK_SKEW_MS, DAY_MS, RECEIVED_MAX_AGE_DAYS } from './request-rules';
import { FieldErrors, textField, type ValidationResult } from './validation';

/**
 * The request register's forms, as the person types them (strings), checked into what the register stores. The
 * JSON schema (request.ts) re-checks every document at the boundaries; request-rules.ts holds the whole request.
 */

export interface LogRequestDraft {
  clientId: string;
  type: string;
  channel: string;
  requesterKind: string;
  requesterName: string;
  relationship: string;
  residenceCountry: string;
  details: string;
  /** An erasure request's scope (request.ts `ERASURE_REQUEST_SCOPES`); empty: the whole client. Else ignored. */
  erasureScope: string;
  /** When the request reached the company, as a local date and time (`YYYY-MM-DDTHH:mm`); empty: now. */
  receivedAt: string;
}

export interface LogRequestValue {
  clientId: string;
  type: RequestType;
  channel: RequestChannel;
  requesterKind: RequesterKind;
  requesterName?: string;
  relationship?: string;
  residenceCountry?: string;
  details?: string;
  /** An erasure request's scope narrower than the whole client (absent: the whole client). */
  erasureScope?: Exclude<ErasureRequestScope, 'client'>;
  receivedAt?: number;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const oneOf = <T extends string>(
  errors: FieldErrors,
  path: string,
  values: readonly T[],
  raw: string,
): T | undefined => {
  if (raw === '') {
    errors.add(path, 'required');
    return undefined;
  }
  if (!(values as readonly string[]).includes(raw)) {
    errors.add(path, 'unknown-option');
    return undefined;
  }
  return raw as T;
};

/**
 * The log form, checked. `now` bounds the receipt: not ahead of it, nor more than RECEIVED_MAX_AGE_DAYS before
 * (request-rules.ts); the time typed is the device's local time.
 */
export function validateLogRequest(
  draft: LogRequestDraft,
  now: number = Date.now(),
): ValidationResult<LogRequestValue> {
  const errors = new FieldErrors();
  const typed = (draft.receivedAt ?? '').trim();
  let receivedAt: number | undefined;
  if (typed !== '') {
    receivedAt = LOCAL_DATE_TIME.test(typed) ? new Date(typed).getTime() : NaN;
    if (Number.isNaN(receivedAt)) errors.add('receivedAt', 'invalid-date');
    else if (receivedAt > now + CLOCK_SKEW_MS) errors.add('receivedAt', 'date-in-future');
    else if (receivedAt < now - RECEIVED_MAX_AGE_DAYS * DAY_MS) errors.add('receivedAt', 'date-too-early');
  }
  if (draft.clientId === '') errors.add('clientId', 'required');
  const type = oneOf(errors, 'type', REQUEST_TYPES, draft.type);
  const channel = oneOf(errors, 'channel', REQUEST_CHANNELS, draft.channel);
  const requesterKind = oneOf(errors, 'requesterKind', REQUESTER_KINDS, draft.requesterKind);
  const representative = requesterKind === 'representative';
  const requesterName = textField(errors, 'requesterName', draft.requesterName, {
    max: REQUEST_NAME_MAX_LENGTH,
    required: representative,
  });
  const relationship = textField(errors, 'relationship', draft.relationship, {
    max: REQUEST_NAME_MAX_LENGTH,
    required: representative,
  });
  const country = draft.residenceCountry.trim().toUpperCase();
  if (country !== '' && !isCountryCode(country)) errors.add('residenceCountry', 'unknown-country');
  const details = textField(errors, 'details', draft.details, {
    max: REQUEST_TEXT_MAX_LENGTH,
    multiline: true,
  });
  const scope =
    type === 'erasure' && draft.erasureScope !== ''
      ? oneOf(errors, 'erasureScope', ERASURE_REQUEST_SCOPES, draft.erasureScope)
      : undefined;
  return errors.result({
    clientId: draft.clientId,
    type: type!,
    channel: channel!,
    requesterKind: requesterKind!,
    ...(representative && requesterName ? { requesterName } : {}),
    ...(representative && relationship ? { relationship } : {}),
    ...(country !== '' ? { residenceCountry: country } : {}),
    ...(details ? { details } : {}),
    ...(scope !== undefined && scope !== 'client' ? { erasureScope: scope } : {}),
    ...(receivedAt !== undefined ? { receivedAt } : {}),
  });
}

export interface VerificationDraft {
  method: string;
  outcome: string;
  notes: string;
  /** A representative's authority, when the requester is one. */
  evidence: string;
}

export interface VerificationValue {
  method: VerificationMethod;
  outcome: VerificationOutcome;
  notes?: string;
  evidence?: RepresentationEvidence;
}

export function validateVerification(
  draft: VerificationDraft,
  representative: boolean,
): ValidationResult<VerificationValue> {
  const errors = new FieldErrors();
  const method = oneOf(errors, 'method', VERIFICATION_METHODS, draft.method);
  const outcome = oneOf(errors, 'outcome', VERIFICATION_OUTCOMES, draft.outcome);
  const evidence = representative
    ? oneOf(errors, 'evidence', REPRESENTATION_EVIDENCE, draft.evidence)
    : undefined;
  const notes = textField(errors, 'notes', draft.notes, { max: REQUEST_TEXT_MAX_LENGTH, multiline: true });
  return errors.result({
    method: method!,
    outcome: outcome!,
    ...(notes ? { notes } : {}),
    ...(evidence ? { evidence } : {}),
  });
}

export interface CloseDraft {
  /** 'answer' or 'refuse'. */
  kind: string;
  channel: string;
  summary: string;
  partial: string;
  ground: string;
}

export type CloseValue =
  | { kind: 'answer'; channel: AnswerChannel; summary: string; partial: boolean; ground?: RefusalGround }
  | { kind: 'refuse'; ground: RefusalGround; reason: string };

export function validateClose(draft: CloseDraft): ValidationResult<CloseValue> {
  const errors = new FieldErrors();
  const summary = textField(errors, 'summary', draft.summary, {
    max: REQUEST_TEXT_MAX_LENGTH,
    required: true,
    multiline: true,
  });
  if (draft.kind === 'refuse') {
    const ground = oneOf(errors, 'ground', REFUSAL_GROUNDS, draft.ground);
    return errors.result({ kind: 'refuse', ground: ground!, reason: summary! });
  }
  const channel = oneOf(errors, 'channel', ANSWER_CHANNELS, draft.channel);
  const partial = draft.partial === 'yes';
  const ground = partial ? oneOf(errors, 'ground', REFUSAL_GROUNDS, draft.ground) : undefined;
  return errors.result({
    kind: 'answer',
    channel: channel!,
    summary: summary!,
    partial,
    ...(ground ? { ground } : {}),
  });
}
