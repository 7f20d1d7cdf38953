import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passportExpiryWarning, validatePassport, type PassportWarning } from './client';
import { addDays } from './dates';

const TODAY = '2026-04-01';

describe('validatePassport', () => {
  it('is all three fields or none', () => {
    expect(validatePassport({})).toEqual({ ok: true, value: undefined });
    expect(validatePassport({ number: 'x 1234-567' })).toEqual({
      ok: false,
      errors: [
        { path: 'passport.country', code: 'required' },
        { path: 'passport.expiryDate', code: 'required' },
      ],
    });
  });

  it('keeps the number upper-case without spaces or dashes', () => {
    expect(validatePassport({ number: 'x 1234-567', country: 'gb', expiryDate: '2030-05-31' })).toEqual({
      ok: true,
      value: { number: 'X1234567', country: 'GB', expiryDate: '2030-05-31' },
    });
  });

  it('refuses numbers that are not letters and digits, unknown countries and non-dates', () => {
    expect(validatePassport({ number: 'X12/34567', country: 'UK', expiryDate: '2030-02-30' })).toEqual({
      ok: false,
      errors: [
        { path: 'passport.number', code: 'invalid-format' },
        { path: 'passport.country', code: 'unknown-country' },
        { path: 'passport.expiryDate', code: 'invalid-date' },
      ],
    });
  });
});

describe('passportExpiryWarning', () => {
  const warn = (expiryDate: string, tripEnd?: string) =>
    passportExpiryWarning({ expiryDate }, tripEnd, TODAY);

  it('warns of expiry, expiry before the trip ends, and less than six months beyond it', () => {
    expect(warn('2026-03-31', '2026-05-10')).toBe('expired');
    expect(warn('2026-03-31')).toBe('expired');
    expect(warn('2026-04-01')).toBeUndefined();
    expect(warn('2026-05-09', '2026-05-10')).toBe('expires-before-trip-end');
    expect(warn('2026-05-10', '2026-05-10')).toBe('expires-within-6-months-of-trip-end');
    expect(warn('2026-11-09', '2026-05-10')).toBe('expires-within-6-months-of-trip-end');
    expect(warn('2026-11-10', '2026-05-10')).toBeUndefined();
    // Six months after August 31st is the end of February.
    expect(warn('2027-02-27', '2026-08-31')).toBe('expires-within-6-months-of-trip-end');
    expect(warn('2027-02-28', '2026-08-31')).toBeUndefined();
  });

  it('never gets more serious as the expiry date moves later', () => {
    const severity = (w: PassportWarning | undefined) =>
      w === undefined
        ? 0
        : ['expires-within-6-months-of-trip-end', 'expires-before-trip-end', 'expired'].indexOf(w) + 1;
    fc.assert(
      fc.property(
        fc.integer({ min: -800, max: 800 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 400 }),
        (expiryOffset, later, tripOffset) => {
          const tripEnd = addDays(TODAY, tripOffset);
          const earlier = warn(addDays(TODAY, expiryOffset), tripEnd);
          const laterWarning = warn(addDays(TODAY, expiryOffset + later), tripEnd);
          expect(severity(laterWarning)).toBeLessThanOrEqual(severity(earlier));
        },
      ),
    );
  });
});
