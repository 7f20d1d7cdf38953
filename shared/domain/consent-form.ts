import {
  CONSENT_COUNTRY_INFORMATION_MAX_LENGTH,
  CONSENT_METHODS,
  CONSENT_NOTES_MAX_LENGTH,
  CONSENT_PURPOSES,
  CONSENT_REQUESTERS,
  CONSENT_STATED_PURPOSE_MAX_LENGTH,
  PROVISION_PURPOSES,
  type ProvisionPurpose,
  type ConsentMethod,
  type ConsentPurpose,
  type ConsentRequester,
} from './consent';
import { CONSENT_BACKDATE_MAX_MS } from './consent-ledger';
import { partnerNameable } from './consent-partner';
import { isCountryCode } from './countries';
import type { Partner } from './partner';
import { effectiveNotices, noticeText, type PrivacyNotice } from './privacy-notice';
import { FieldErrors, textField, tidyText, type ValidationResult } from './validation';

/**
 * The forms of the consent ledger (consent.ts holds the record they become): recording a consent given or
 * refused, or that the client was told of a notice version, for any purpose; and recording a withdrawal. Paths are
 * `consent.<field>` and `withdrawal.<field>`. The device checks the record again as the server does
 * (consentRecordProblem, ledgerProblem) before signing it.
 */

/** The actions a person records on the form; withdrawals and corrections have their own commands. */
export const CONSENT_FORM_ACTIONS = ['given', 'refused', 'informed'] as const;
export type ConsentFormAction = (typeof CONSENT_FORM_ACTIONS)[number];

/** A notice version as the form offers it: in the client's language, else (marked) a fallback language. */
export interface NoticeChoice {
  notice: PrivacyNotice;
  language: string;
  /** The version has no text in any of the client's languages: this one is shown instead. */
  fallback: boolean;
}

/**
 * The versions a consent form offers at `now`: effective ones only, newest first, each in the first of the client's
 * languages (preferred first) it has a text in; a version with none of them is offered in its first language,
 * marked as a fallback. With no client language known, English, then the version's first language.
 */
export function noticeChoices(
  notices: readonly PrivacyNotice[],
  clientLanguages: readonly string[],
  now: number,
): NoticeChoice[] {
  const wanted = clientLanguages.length > 0 ? clientLanguages : ['en'];
  return effectiveNotices(notices, now).flatMap((notice): NoticeChoice[] => {
    if (notice.texts.length === 0) return [];
    for (const language of wanted) {
      const text = noticeText(notice, language);
      if (text) return [{ notice, language: text.language, fallback: false }];
    }
    return [{ notice, language: notice.texts[0]!.language, fallback: true }];
  });
}

/** The consent form as typed (strings from the controls; `at` in epoch ms, NaN when it did not parse). */
export interface ConsentFormInput {
  action: string;
  purpose: string;
  /** The chosen notice version (its id); the language is the one the choice offers. */
  noticeId: string;
  method: string;
  at: number;
  witnessStaffId?: string;
  requestedBy?: string;
  partnerId?: string;
  statedPurpose?: string;
  purposeCode?: string;
  partnerCountry?: string;
  country?: string;
  countryInformation?: string;
  notes?: string;
}

export interface ConsentFormFields {
  action: ConsentFormAction;
  purpose: ConsentPurpose;
  noticeId: string;
  language: string;
  method: ConsentMethod;
  at: number;
  witnessStaffId?: string;
  requestedBy?: ConsentRequester;
  partnerId?: string;
  statedPurpose?: string;
  purposeCode?: ProvisionPurpose;
  partnerCountry?: string;
  country?: string;
  countryInformation?: string;
  notes?: string;
}

export interface ConsentFormContext {
  /** Every notice version held; only effective ones are accepted. */
  notices: readonly PrivacyNotice[];
  /** The client's languages, preferred first. */
  clientLanguages: readonly string[];
  /** The person recording: the witness of a verbal consent. */
  recorderId: string;
  now: number;
  /**
   * The partner directory held on the device. When given, a provision names one of its partners a consent may
   * name (consent-partner.ts; a correction keeps its partner even if suspended since), and the partner's country
   * is the directory's, whatever was typed.
   */
  partners?: readonly Partner[];
  /** A correction: the partner of the record corrected, offered even if no longer nameable. */
  correctingPartnerId?: string;
  /**
   * A correction: the date and notice version of the record corrected. Past the back-dating bound a correction may
   * only keep both (ledgerProblem in consent-ledger.ts); within it, any date from the record's on.
   */
  correcting?: { at: number; noticeId: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A minute of leeway for a clock read in the form and again here. */
const LEEWAY_MS = 60_000;

function oneOf<T extends string>(
  errors: FieldErrors,
  path: string,
  value: string | undefined,
  options: readonly T[],
  required: boolean,
): T | undefined {
  if (value === undefined || value === '') {
    if (required) errors.add(path, 'required');
    return undefined;
  }
  if (!(options as readonly string[]).includes(value)) {
    errors.add(path, 'unknown-option');
    return undefined;
  }
  return value as T;
}

/**
 * When: a real moment, not in the future, at most 30 days back, not before `notBefore` (a notice, a consent). A
 * correction (`correcting`) may be older than the bound only by keeping exactly the corrected record's date.
 */
function momentField(
  errors: FieldErrors,
  path: string,
  at: number,
  now: number,
  notBefore: number | undefined,
  correcting?: { at: number },
): number {
  const days = CONSENT_BACKDATE_MAX_MS / 86_400_000;
  if (!Number.isFinite(at) || at <= 0) errors.add(path, 'invalid-date');
  else if (at > now + LEEWAY_MS) errors.add(path, 'date-in-future');
  else if (at < now - CONSENT_BACKDATE_MAX_MS && !(correcting && at === correcting.at))
    errors.add(path, correcting ? 'correction-keeps-date' : 'date-too-early', { days });
  else if (notBefore !== undefined && at < notBefore) errors.add(path, 'before-referred');
  return Math.min(at, now);
}

function witnessField(
  errors: FieldErrors,
  path: string,
  method: ConsentMethod | undefined,
  witness: string | undefined,
  recorderId: string,
): string | undefined {
  // The witness of a verbal consent is the person recording it, whose identity the session and the device's
  // signature prove; another staff member named here would be a name only (the server refuses it).
  const value = witness?.trim() || undefined;
  if (value !== undefined && value !== recorderId) {
    errors.add(path, 'witness-not-recorder');
    return undefined;
  }
  return method === 'verbal-witnessed' ? recorderId : undefined;
}

/** The consent form, field by field, for every purpose. */
export function validateConsentForm(
  input: ConsentFormInput,
  context: ConsentFormContext,
): ValidationResult<ConsentFormFields> {
  const errors = new FieldErrors();
  const action = oneOf(errors, 'consent.action', input.action, CONSENT_FORM_ACTIONS, true);
  const purpose = oneOf(errors, 'consent.purpose', input.purpose, CONSENT_PURPOSES, true);
  const choices = noticeChoices(context.notices, context.clientLanguages, context.now);
  let choice: NoticeChoice | undefined;
  if (input.noticeId === '') errors.add('consent.noticeId', 'required');
  else {
    choice = choices.find((candidate) => candidate.notice.id === input.noticeId);
    if (!choice) errors.add('consent.noticeId', 'unknown-option');
  }
  const method = oneOf(errors, 'consent.method', input.method, CONSENT_METHODS, true);
  const at = momentField(
    errors,
    'consent.at',
    input.at,
    context.now,
    context.correcting?.at,
    context.correcting,
  );
  if (
    context.correcting &&
    at < context.now - CONSENT_BACKDATE_MAX_MS &&
    input.noticeId !== '' &&
    input.noticeId !== context.correcting.noticeId
  )
    errors.add('consent.noticeId', 'correction-keeps-notice', { days: CONSENT_BACKDATE_MAX_MS / 86_400_000 });
  if (
    choice &&
    Number.isFinite(at) &&
    at < choice.notice.effectiveAt &&
    !errors.list.some((e) => e.path === 'consent.at')
  )
    errors.add('consent.at', 'before-notice');
  const witnessStaffId = witnessField(
    errors,
    'consent.witnessStaffId',
    method,
    input.witnessStaffId,
    context.recorderId,
  );
  const requestedBy = oneOf(errors, 'consent.requestedBy', input.requestedBy, CONSENT_REQUESTERS, false);

  let provision: Pick<ConsentFormFields, 'partnerId' | 'statedPurpose' | 'purposeCode' | 'partnerCountry'> =
    {};
  if (purpose === 'provision') {
    const partnerId = input.partnerId?.trim().toLowerCase() ?? '';
    let fromDirectory: Partner | undefined;
    if (partnerId === '') errors.add('consent.partnerId', 'required');
    else if (!UUID.test(partnerId)) errors.add('consent.partnerId', 'invalid-format');
    else if (context.partners) {
      fromDirectory = context.partners.find(
        (partner) =>
          partner.id === partnerId &&
          (partnerNameable(partner) || partner.id === context.correctingPartnerId),
      );
      if (!fromDirectory) errors.add('consent.partnerId', 'unknown-option');
    }
    const statedPurpose = textField(errors, 'consent.statedPurpose', input.statedPurpose, {
      max: CONSENT_STATED_PURPOSE_MAX_LENGTH,
      required: true,
      multiline: true,
    });
    // The catalogue purpose is what a share is compared with: required of a consent given (or corrected).
    const purposeCode = oneOf(
      errors,
      'consent.purposeCode',
      input.purposeCode,
      PROVISION_PURPOSES,
      action !== 'refused' && action !== 'informed',
    );
    const partnerCountry = context.partners
      ? (fromDirectory?.country ?? '')
      : (input.partnerCountry?.trim().toUpperCase() ?? '');
    if (partnerCountry !== '' && !isCountryCode(partnerCountry)) {
      errors.add('consent.partnerCountry', 'unknown-country');
    }
    provision = {
      partnerId,
      ...(statedPurpose ? { statedPurpose } : {}),
      ...(purposeCode ? { purposeCode } : {}),
      ...(partnerCountry !== '' ? { partnerCountry } : {}),
    };
  }

  let overseas: Pick<ConsentFormFields, 'country' | 'countryInformation'> = {};
  if (purpose === 'overseas-transfer') {
    const country = input.country?.trim().toUpperCase() ?? '';
    if (country === '') errors.add('consent.country', 'required');
    else if (!isCountryCode(country)) errors.add('consent.country', 'unknown-country');
    else if (country === 'JP') errors.add('consent.country', 'country-japan');
    const countryInformation = textField(errors, 'consent.countryInformation', input.countryInformation, {
      max: CONSENT_COUNTRY_INFORMATION_MAX_LENGTH,
      required: true,
      multiline: true,
    });
    overseas = { country, ...(countryInformation ? { countryInformation } : {}) };
  }

  const notes = textField(errors, 'consent.notes', input.notes, {
    max: CONSENT_NOTES_MAX_LENGTH,
    multiline: true,
  });
  return errors.result({
    action: action!,
    purpose: purpose!,
    noticeId: input.noticeId,
    language: choice?.language ?? '',
    method: method!,
    at,
    ...(witnessStaffId ? { witnessStaffId } : {}),
    ...(requestedBy ? { requestedBy } : {}),
    ...provision,
    ...overseas,
    ...(notes ? { notes } : {}),
  });
}

/** The withdrawal form as typed. */
export interface WithdrawalFormInput {
  requestedBy: string;
  method: string;
  at: number;
  witnessStaffId?: string;
  notes?: string;
}

export interface WithdrawalFormFields {
  requestedBy: ConsentRequester;
  method: ConsentMethod;
  at: number;
  witnessStaffId?: string;
  notes?: string;
}

/** The withdrawal form: who asked, how, when (not before the consent it ends), a witness for a verbal one. */
export function validateWithdrawalForm(
  input: WithdrawalFormInput,
  context: { referredAt: number; recorderId: string; now: number },
): ValidationResult<WithdrawalFormFields> {
  const errors = new FieldErrors();
  const requestedBy = oneOf(errors, 'withdrawal.requestedBy', input.requestedBy, CONSENT_REQUESTERS, true);
  const method = oneOf(errors, 'withdrawal.method', input.method, CONSENT_METHODS, true);
  const at = momentField(errors, 'withdrawal.at', input.at, context.now, context.referredAt);
  const witnessStaffId = witnessField(
    errors,
    'withdrawal.witnessStaffId',
    method,
    input.witnessStaffId,
    context.recorderId,
  );
  const notes = tidyText(input.notes);
  if (notes.length > CONSENT_NOTES_MAX_LENGTH)
    errors.add('withdrawal.notes', 'too-long', { max: CONSENT_NOTES_MAX_LENGTH });
  return errors.result({
    requestedBy: requestedBy!,
    method: method!,
    at,
    ...(witnessStaffId ? { witnessStaffId } : {}),
    ...(notes ? { notes } : {}),
  });
}
