import { PASSPORT_NUMBER_PATTERN, type Passport } from './client-schema';
import { countryField } from './client-fields';
import { addMonths } from './dates';
import { calendarDateField, FieldErrors, tidyLine, type ValidationResult } from './validation';

export interface PassportInput {
  number?: string;
  country?: string;
  expiryDate?: string;
}

/**
 * A passport: all three fields or none (undefined). The number is kept upper-case without spaces or dashes. An
 * expired passport is valid data (the UI warns with {@link passportExpiryWarning}).
 */
export function validatePassport(input: PassportInput): ValidationResult<Passport | undefined> {
  const errors = new FieldErrors();
  const typedNumber = tidyLine(input.number).toUpperCase().replace(/[\s-]/g, '');
  const anything =
    typedNumber.length > 0 || tidyLine(input.country).length > 0 || tidyLine(input.expiryDate).length > 0;
  if (!anything) return { ok: true, value: undefined };
  let number: string | undefined;
  if (typedNumber.length === 0) errors.add('passport.number', 'required');
  else if (!new RegExp(PASSPORT_NUMBER_PATTERN).test(typedNumber))
    errors.add('passport.number', 'invalid-format');
  else number = typedNumber;
  const country = countryField(errors, 'passport.country', input.country, true);
  const expiryDate = calendarDateField(errors, 'passport.expiryDate', input.expiryDate, true);
  return errors.result(
    number !== undefined && country !== undefined && expiryDate !== undefined
      ? { number, country, expiryDate }
      : undefined,
  );
}

export type PassportWarning = 'expired' | 'expires-before-trip-end' | 'expires-within-6-months-of-trip-end';

/** Months of validity beyond the end of a stay that many countries (and airlines) require. */
export const PASSPORT_VALIDITY_MONTHS_BEYOND_TRIP = 6;

/**
 * What to warn about a passport, most serious first: expired before `today`; expiring before the trip ends;
 * valid at the trip's end but for less than six months after it (the day six months after the end is enough).
 * Without a trip, only expiry is checked. Dates are YYYY-MM-DD; `expiryDate` is the last valid day.
 */
export function passportExpiryWarning(
  passport: Pick<Passport, 'expiryDate'>,
  tripEndDate: string | undefined,
  today: string,
): PassportWarning | undefined {
  const expiry = passport.expiryDate;
  if (expiry < today) return 'expired';
  if (tripEndDate === undefined) return undefined;
  if (expiry < tripEndDate) return 'expires-before-trip-end';
  if (expiry < addMonths(tripEndDate, PASSPORT_VALIDITY_MONTHS_BEYOND_TRIP)) {
    return 'expires-within-6-months-of-trip-end';
  }
  return undefined;
}
