import { EMAIL_MAX_LENGTH, EMAIL_PATTERN } from './client-schema';
import { isCountryCode } from './countries';
import { parsePhone } from './phone';
import type { FieldErrors } from './validation';
import { tidyLine } from './validation';

/**
 * Field readers the client's section validators share (country, e-mail, phone, one of a list of options). Each
 * validator takes what a person typed (strings, possibly empty), tidies it (white space, case, canonical forms)
 * and returns either the value to store or field-level error codes.
 */

export function countryField(
  errors: FieldErrors,
  path: string,
  raw: string | undefined,
  required: boolean,
): string | undefined {
  const code = tidyLine(raw).toUpperCase();
  if (code.length === 0) {
    if (required) errors.add(path, 'required');
    return undefined;
  }
  if (!isCountryCode(code)) {
    errors.add(path, 'unknown-country');
    return undefined;
  }
  return code;
}

const EMAIL = new RegExp(EMAIL_PATTERN, 'u');

export function emailField(errors: FieldErrors, path: string, raw: string | undefined): string | undefined {
  const text = tidyLine(raw);
  if (text.length === 0) return undefined;
  if (text.length > EMAIL_MAX_LENGTH) {
    errors.add(path, 'too-long', { max: EMAIL_MAX_LENGTH });
    return undefined;
  }
  if (!EMAIL.test(text)) {
    errors.add(path, 'invalid-email');
    return undefined;
  }
  return text;
}

export function phoneField(
  errors: FieldErrors,
  path: string,
  raw: string | undefined,
  required: boolean,
  defaultCountry: string | undefined,
): string | undefined {
  const text = tidyLine(raw);
  if (text.length === 0) {
    if (required) errors.add(path, 'required');
    return undefined;
  }
  const parsed = parsePhone(text, defaultCountry);
  if (!parsed.ok) {
    errors.add(path, parsed.code);
    return undefined;
  }
  return parsed.e164;
}

export function optionField<T extends string>(
  errors: FieldErrors,
  path: string,
  raw: string | undefined,
  options: readonly T[],
): T | undefined {
  const text = tidyLine(raw);
  if (text.length === 0) return undefined;
  if (!(options as readonly string[]).includes(text)) {
    errors.add(path, 'unknown-option');
    return undefined;
  }
  return text as T;
}
