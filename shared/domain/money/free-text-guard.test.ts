import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBankCredentials, findCardNumbers, freeTextProblems, passesLuhn } from './free-text-guard';

const digit = fc.constantFrom(...'0123456789');
const digits = (min: number, max: number) => fc.string({ unit: digit, minLength: min, maxLength: max });

/** A Luhn-valid number of 13–19 digits: a body and its check digit. */
const cardNumber = digits(12, 18).map((body) => {
  for (let check = 0; check <= 9; check += 1) if (passesLuhn(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable');
});
const inFours = (pan: string, separator: string) => (pan.match(/.{1,4}/g) ?? []).join(separator);
/** Text around a finding: words, never digits or '+' (which would change the number). */
const words = fc.string({ unit: fc.constantFrom(...'abc XYZ:/.,()お支払い'), maxLength: 20 });

describe('card numbers in free text', () => {
  it('are found however a card prints them', () => {
    for (const text of [
      'Visa 4111 1111 1111 1111 thanks',
      '5555-5555-5555-4444',
      '4111111111111111',
      'Amex 3782 822463 10005',
      'Visa 13: 4222222222222',
      'JCB 3530 1113 3330 0000',
      'ref 12 4111 1111 1111 1111',
      '4111111111111111 2026',
      '4111 1111 1111 1111 12 28',
      '全角 ４１１１ １１１１ １１１１ １１１１',
    ]) {
      expect(findCardNumbers(text).length, text).toBeGreaterThan(0);
      expect(freeTextProblems(text)[0]?.problem, text).toBe('card-number');
    }
  });

  it('points at the number', () => {
    const text = 'paid by 4111 1111 1111 1111 at the desk';
    const [finding] = findCardNumbers(text);
    expect(text.slice(finding?.start, finding?.end)).toBe('4111 1111 1111 1111');
  });

  it('are not ordinary numbers: phones, dates, invoice and registration numbers, amounts', () => {
    for (const text of [
      '+81 90-1234-5678',
      '+44 20 7946 0018',
      '+1 (212) 555-0100',
      'call +819012345678901',
      '03-1234-5678 / 090-1234-5678',
      '2026-12-08 2026-12-10',
      '2026-12-08 10:30-11:30',
      'stay 2026-12-08 → 2027-04-06',
      'INV-2026-0012',
      'T7010705000725',
      '¥1,250,000 (USD 8,368.27)',
      'Booking 4111 1111 1111 1112',
      'SWIFT BOTKJPJT, account 1234567',
    ]) {
      expect(freeTextProblems(text), text).toEqual([]);
    }
  });

  it('finds every Luhn-valid 13–19 digit number written in fours or as one run (property)', () => {
    fc.assert(
      fc.property(
        cardNumber,
        fc.constantFrom('', ' ', '-'),
        words,
        words,
        (pan, separator, before, after) => {
          const text = `${before} ${inFours(pan, separator)} ${after}`;
          expect(findCardNumbers(text).length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('never finds one in dates, phone numbers or invoice numbers (property)', () => {
    const date = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const international = fc
      .tuple(digits(1, 3), fc.array(digits(1, 4), { minLength: 2, maxLength: 4 }), fc.constantFrom(' ', '-'))
      .map(([country, groups, separator]) => `+${country} ${groups.join(separator)}`);
    const domestic = fc.tuple(digits(1, 4), digits(1, 4), digits(4, 4)).map(([a, b, c]) => `0${a}-${b}-${c}`);
    const invoiceNumber = fc
      .tuple(fc.integer({ min: 2000, max: 2099 }), digits(1, 6))
      .map(([y, n]) => `INV-${y}-${n}`);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(date, international, domestic, invoiceNumber), { maxLength: 5 }),
        (parts) => {
          expect(findCardNumbers(parts.join(' '))).toEqual([]);
        },
      ),
    );
  });
});

describe('bank credentials in free text', () => {
  it('are a PIN, a security code or a password given with its value', () => {
    for (const text of [
      'PIN: 1234',
      'pin 1234',
      'PIN code is 987654',
      'CVV 123',
      'cvc2=456',
      'security code 789',
      '暗証番号は1234',
      '暗証番号：1234',
      'セキュリティコード 123',
      'password: hunter22',
      'Online banking password = s3cret!',
      'パスワード：abcd1234',
    ]) {
      expect(findBankCredentials(text).length, text).toBeGreaterThan(0);
    }
  });

  it('are not the words alone', () => {
    for (const text of [
      'pin the note to the file',
      'password reset sent',
      'spin 1234',
      'ask for the PIN at the desk',
      'パスワードを再設定',
      'account 1234567, branch 001',
    ]) {
      expect(findBankCredentials(text), text).toEqual([]);
    }
  });
});
