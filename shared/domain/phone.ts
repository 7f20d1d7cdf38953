import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';
import { isCountryCode } from './countries';

/**
 * Phone numbers are stored in E.164 (`+442079460018`): one form whatever was typed, so that search and
 * de-duplication compare like with like. libphonenumber-js (Google's metadata, the "min" set) knows each
 * country's calling code and number lengths; it checks lengths, not which number ranges are in service, which
 * is as strict as a form should be with a foreign guest's number.
 */

/** E.164: a plus, then 4 to 15 digits with no leading zero. */
export const E164_PATTERN = '^\\+[1-9]\\d{3,14}$';

export type PhoneParse =
  { ok: true; e164: string } | { ok: false; code: 'invalid-phone' | 'phone-needs-country-code' };

/**
 * Reads a phone number as a person types it: spaces, dashes, dots and brackets are ignored, `00` may stand for
 * `+`, and a number without a country code is read in `defaultCountry` (such as the client's nationality) when
 * one is given.
 */
export function parsePhone(typed: string, defaultCountry?: string): PhoneParse {
  let text = typed.trim();
  if (/^00[1-9]/.test(text.replace(/[\s().-]/g, ''))) text = `+${text.replace(/^[\s().-]*00/, '')}`;
  if (!/^\+?[\d\s().-]+$/.test(text) || !/\d/.test(text)) return { ok: false, code: 'invalid-phone' };
  const country =
    defaultCountry !== undefined && isCountryCode(defaultCountry) && defaultCountry !== 'XK'
      ? (defaultCountry as CountryCode)
      : undefined;
  if (!text.startsWith('+') && country === undefined) return { ok: false, code: 'phone-needs-country-code' };
  const parsed = parsePhoneNumberFromString(
    text,
    country === undefined ? undefined : { defaultCountry: country },
  );
  if (parsed === undefined || !parsed.isValid()) return { ok: false, code: 'invalid-phone' };
  return { ok: true, e164: parsed.number };
}

let callingCodes: Set<string> | undefined;

/**
 * The digits search compares: the whole number (country code included) and the national significant number
 * (what people type when they leave the country code out, without the trunk `0`). Country calling codes are
 * prefix-free, so the national number is what follows the one code the number starts with; reading it this way
 * instead of parsing keeps building a search index over thousands of clients fast.
 */
export function phoneSearchDigits(e164: string): { full: string; national: string } {
  const full = e164.replace(/\D/g, '');
  callingCodes ??= new Set(getCountries().map((country) => getCountryCallingCode(country)));
  for (let length = 1; length <= 3; length++) {
    if (callingCodes.has(full.slice(0, length))) return { full, national: full.slice(length) };
  }
  return { full, national: full };
}
