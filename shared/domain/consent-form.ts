import { CONSENT_METHODS, CONSENT_NOTES_MAX_LENGTH, type ConsentMethod } from './consent';
import { NOTICE_VERSION_PATTERN as POLICY_VERSION_PATTERN } from './privacy-notice';
import { FieldErrors, type ValidationResult } from './validation';

/** The consent form as typed (consent.ts holds the ledger entry it becomes). */
export interface ConsentInput {
  policyVersion: string;
  method: string;
  /** When the client gave it, milliseconds since the epoch (NaN when the field did not parse). */
  givenAt: number;
  notes?: string;
}

export interface ConsentFields {
  policyVersion: string;
  method: ConsentMethod;
  givenAt: number;
  notes?: string;
}

/** The consent form, field by field (paths `consent.<field>`). A consent cannot be given in the future. */
export function validateConsentInput(input: ConsentInput, now: number): ValidationResult<ConsentFields> {
  const errors = new FieldErrors();
  const policyVersion = input.policyVersion.trim();
  if (policyVersion.length === 0) errors.add('consent.policyVersion', 'required');
  else if (!new RegExp(POLICY_VERSION_PATTERN).test(policyVersion))
    errors.add('consent.policyVersion', 'invalid-format');
  const method = input.method as ConsentMethod;
  if (input.method.length === 0) errors.add('consent.method', 'required');
  else if (!CONSENT_METHODS.includes(method)) errors.add('consent.method', 'unknown-option');
  if (!Number.isFinite(input.givenAt) || input.givenAt <= 0) errors.add('consent.givenAt', 'invalid-date');
  // A minute of leeway for a clock read in the form and again here.
  else if (input.givenAt > now + 60_000) errors.add('consent.givenAt', 'date-in-future');
  const notes = input.notes?.trim();
  if (notes !== undefined && notes.length > CONSENT_NOTES_MAX_LENGTH)
    errors.add('consent.notes', 'too-long', { max: CONSENT_NOTES_MAX_LENGTH });
  return errors.result({
    policyVersion,
    method,
    givenAt: Math.min(input.givenAt, now),
    ...(notes ? { notes } : {}),
  });
}
