import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corporateCheckDigit, parseRegistrationNumber } from './registration-number';

const base12 = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 });
const numberFor = (base: string) => `T${corporateCheckDigit(base)}${base}`;

describe('the registration number', () => {
  it('checks the corporate number’s check digit on published numbers', () => {
    // The NTA's worked example (base 123456789012 → 7), and the Japan Federation of Certified Public Tax
    // Accountants' Associations' registration number T7010705000725 (Wikipedia, 法人番号).
    expect(corporateCheckDigit('123456789012')).toBe(7);
    expect(parseRegistrationNumber('T7123456789012')).toEqual({ ok: true, value: 'T7123456789012' });
    expect(parseRegistrationNumber('T7010705000725')).toEqual({ ok: true, value: 'T7010705000725' });
    expect(parseRegistrationNumber('T8010705000725')).toEqual({ ok: false, problem: 'check-digit' });
  });

  it('reads it as typed: full width, lower case, spaces and hyphens', () => {
    for (const typed of [
      'ｔ７０１０７０５０００７２５',
      ' t7010705000725 ',
      'T7-0107-0500-0725',
      'T 7010 7050 0072 5',
    ]) {
      expect(parseRegistrationNumber(typed), typed).toEqual({ ok: true, value: 'T7010705000725' });
    }
  });

  it('refuses anything but T and 13 digits not starting with 0', () => {
    for (const typed of [
      '7010705000725',
      'T701070500072',
      'T70107050007251',
      'X7010705000725',
      'T0010705000725',
      'T70107O5000725',
      '',
    ]) {
      expect(parseRegistrationNumber(typed).ok, typed).toBe(false);
    }
    expect(parseRegistrationNumber('T70107050007').ok).toBe(false);
  });

  it('takes another holder’s number on its form alone (the NTA publishes no check digit for it)', () => {
    expect(parseRegistrationNumber('T8010705000725', 'other')).toEqual({ ok: true, value: 'T8010705000725' });
    expect(parseRegistrationNumber('T801070500072', 'other').ok).toBe(false);
  });

  it('accepts every number made with its check digit, which is 1 to 9 (property)', () => {
    fc.assert(
      fc.property(base12, (base) => {
        const check = corporateCheckDigit(base);
        expect(check).toBeGreaterThanOrEqual(1);
        expect(check).toBeLessThanOrEqual(9);
        expect(parseRegistrationNumber(numberFor(base))).toEqual({ ok: true, value: numberFor(base) });
      }),
    );
  });

  it('refuses any one digit typed wrong, but a 0 read as 9 or the reverse (property)', () => {
    fc.assert(
      fc.property(
        base12,
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (base, at, shift) => {
          const good = numberFor(base);
          const digit = Number(good[at]);
          const wrong = (digit + shift) % 10;
          const typed = `${good.slice(0, at)}${wrong}${good.slice(at + 1)}`;
          const undetectable = at > 1 && Math.abs(wrong - digit) === 9;
          expect(parseRegistrationNumber(typed).ok).toBe(undetectable);
        },
      ),
    );
  });
});
