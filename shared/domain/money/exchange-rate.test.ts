import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exchangeRateProblems,
  formatInCurrency,
  formatYen,
  rateMicros,
  yenToMinorUnits,
} from './exchange-rate';

const usd = { currency: 'USD', yenPerUnit: '149.37', source: 'MUFG TTS', asOf: '2026-12-08' };

describe('the client’s currency at a rate staff entered', () => {
  it('records where the rate came from and when, and refuses a rate it cannot use', () => {
    expect(exchangeRateProblems(usd)).toEqual([]);
    expect(
      exchangeRateProblems({ currency: 'JPY', yenPerUnit: '1', source: '', asOf: '2026-02-30' }),
    ).toEqual([
      { field: 'currency', problem: 'currency-is-yen' },
      { field: 'source', problem: 'source-required' },
      { field: 'asOf', problem: 'date-invalid' },
    ]);
    for (const rate of ['0', '-1', '1e3', '149,37', '149.1234567', '']) {
      expect(rateMicros(rate), rate).toBeUndefined();
    }
    expect(exchangeRateProblems({ ...usd, currency: 'XXY' })).toEqual([
      { field: 'currency', problem: 'currency-unknown' },
    ]);
  });

  it('converts yen to the currency’s minor units, rounded half up, and formats both by locale', () => {
    expect(yenToMinorUnits(150_000, usd)).toBe(100_422n); // 150,000 / 149.37 = 1,004.2177…
    expect(yenToMinorUnits(150_000, { currency: 'KWD', yenPerUnit: '487.5' })).toBe(307_692n); // 3 decimals
    expect(formatInCurrency(150_000, usd, 'en-US')).toBe('$1,004.22');
    expect(formatInCurrency(150_000, { currency: 'EUR', yenPerUnit: '161.2' }, 'de-DE')).toBe(
      '930,52\u00a0€',
    );
    expect(formatYen(150_000, 'ja-JP')).toBe('￥150,000');
    expect(formatYen(150_000, 'en')).toBe('¥150,000');
  });

  it('is within half a minor unit of the exact quotient (property)', () => {
    const rate = fc
      .tuple(fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 0, max: 999_999 }))
      .filter(([whole, fraction]) => whole > 0 || fraction > 0)
      .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(6, '0')}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), rate, (amount, yenPerUnit) => {
        const micros = rateMicros(yenPerUnit) as bigint;
        const minor = yenToMinorUnits(amount, { currency: 'USD', yenPerUnit });
        // |minor × rate − amount × 100| ≤ rate / 2, in millionths of a yen per unit.
        const error = minor * micros - BigInt(amount) * 100n * 1_000_000n;
        expect(2n * (error < 0n ? -error : error) <= micros).toBe(true);
      }),
    );
  });
});
