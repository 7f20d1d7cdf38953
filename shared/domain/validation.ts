import { parseCalendarDate } from './dates';

/**
 * Field-level validation results for forms. Errors carry codes, never English text: the UI maps each code to a
 * message in the person's language (with `params` for numbers such as a maximum length), and puts it beside the
 * field named by `path`.
 *
 * These checks run in the renderer, whose Content Security Policy forbids `eval`, so they are plain functions and
 * not Ajv (which compiles schemas to code); the JSON schemas still re-check every document at the boundaries, and
 * the tests hold the two to agree (whatever a form accepts, the schema accepts).
 */

export type FieldErrorCode =
  | 'required'
  | 'too-long'
  | 'too-many'
  | 'invalid-format'
  | 'not-latin'
  | 'not-katakana'
  | 'not-kanji'
  | 'unknown-country'
  | 'invalid-date'
  | 'date-in-future'
  | 'date-too-early'
  | 'invalid-language-tag'
  | 'invalid-email'
  | 'invalid-phone'
  | 'phone-needs-country-code'
  | 'unknown-option'
  | 'must-keep-self'
  // The consent ledger's forms (shared/domain/consent-form.ts).
  | 'before-notice'
  | 'before-referred'
  | 'country-japan'
  | 'witness-is-recorder'
  | 'witness-not-recorder'
  | 'correction-keeps-date'
  | 'correction-keeps-notice'
  // The trip and itinerary item forms (shared/domain/trip-form.ts) and checkTrip (trip.ts).
  | 'date-invalid'
  | 'time-invalid'
  | 'zone-unknown'
  | 'time-skipped'
  | 'end-before-start'
  | 'amount-invalid'
  | 'amount-too-precise'
  | 'amount-required'
  | 'currency-unknown'
  | 'currency-required'
  | 'repeated'
  // checkTrip: a medical item's details not sealed, or sealed details on another kind (trip-medical.ts).
  | 'medical-unsealed'
  | 'sealed-not-medical'
  // The staff forms (shared/domain/staff-forms.ts): invitation and enrolment.
  | 'not-allowed'
  | 'too-weak'
  | 'mismatch';

export interface FieldError {
  /** Dotted path of the field in the client document, e.g. `passport.expiryDate`, `emergencyContacts.1.phone`. */
  path: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/**
 * THE validation result of the project: a validator (shared/domain) answers the value to store, or every field
 * error at once. Forms (renderer/src/components/form) show the errors beside their fields; nothing is saved while
 * there is one.
 */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** The errors for a field: its own path and (for a list or a group) any path under it; `exact` for its own only. */
export function errorsAt(
  errors: readonly FieldError[],
  path: string,
  options: { exact?: boolean } = {},
): FieldError[] {
  return errors.filter(
    (error) => error.path === path || (!options.exact && error.path.startsWith(`${path}.`)),
  );
}

/** Collects errors while a validator walks its section. */
export class FieldErrors {
  readonly list: FieldError[] = [];

  add(path: string, code: FieldErrorCode, params?: FieldError['params']): void {
    this.list.push(params === undefined ? { path, code } : { path, code, params });
  }

  result<T>(value: T): ValidationResult<T> {
    return this.list.length === 0 ? { ok: true, value } : { ok: false, errors: this.list };
  }
}

/** Trims and folds runs of white space (including the ideographic space) to one space; '' when nothing is left. */
export function tidyLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/gu, ' ').trim();
}

/** Trims each line and drops trailing spaces, keeping line breaks (addresses, notes). */
export function tidyText(text: string | undefined): string {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/gu, ' ').trim())
    .join('\n')
    .trim();
}

/**
 * A tidied single-line text field: undefined when empty (with a `required` error if it must be there), a
 * `too-long` error past `max` characters.
 */
export function textField(
  errors: FieldErrors,
  path: string,
  raw: string | undefined,
  options: { max: number; required?: boolean; multiline?: boolean },
): string | undefined {
  const text = options.multiline ? tidyText(raw) : tidyLine(raw);
  if (text.length === 0) {
    if (options.required) errors.add(path, 'required');
    return undefined;
  }
  if (text.length > options.max) {
    errors.add(path, 'too-long', { max: options.max });
    return undefined;
  }
  return text;
}

/** Copies `object` without the keys whose value is undefined; undefined when none is left. */
export function compact<T extends object>(object: T): T | undefined {
  const entries = Object.entries(object).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/** A YYYY-MM-DD date field: undefined when empty (`required` if it must be there), `invalid-date` for non-dates. */
export function calendarDateField(
  errors: FieldErrors,
  path: string,
  raw: string | undefined,
  required: boolean,
): string | undefined {
  const text = tidyLine(raw);
  if (text.length === 0) {
    if (required) errors.add(path, 'required');
    return undefined;
  }
  if (parseCalendarDate(text) === undefined) {
    errors.add(path, 'invalid-date');
    return undefined;
  }
  return text;
}
