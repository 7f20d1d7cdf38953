import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TripItem } from '../trip';
import { invoiceTotals } from './invoice-totals';
import { costInYen, quoteLinesFromItems } from './quote-lines';

const item = (id: string, kind: TripItem['kind'], cost?: TripItem['cost']): TripItem => ({
  id,
  kind,
  start: '2026-12-08T10:00:00+09:00',
  end: '2026-12-08T11:00:00+09:00',
  ...(kind === 'procedure' ? { sealedDetails: 'sealed' } : { title: `${kind} ${id}` }),
  ...(cost ? { cost } : {}),
});

describe('a quote’s lines from an itinerary', () => {
  it('makes a line of each item with a cost, in yen, with its default category, medical items marked', () => {
    let n = 0;
    const result = quoteLinesFromItems(
      [
        item('f', 'flight', { amount: 1200.5, currency: 'GBP' }),
        item('h', 'hotel', { amount: 240_000, currency: 'JPY' }),
        item('p', 'procedure', { amount: 350_000, currency: 'JPY' }),
        item('t', 'transfer'),
        item('x', 'therapy', { amount: 300, currency: 'USD' }),
      ],
      {
        rates: [{ currency: 'GBP', yenPerUnit: '190.25' }],
        describe: (i) => i.title ?? 'Medical coordination services',
        newId: () => `line-${(n += 1)}`,
      },
    );
    expect(result.missingRates).toEqual(['USD']);
    expect(result.lines).toEqual([
      // 1,200.50 × 190.25 = 228,395.125 → ¥228,395
      {
        id: 'line-1',
        description: 'flight f',
        tripItemId: 'f',
        medical: false,
        quantity: 1,
        unitPrice: 228_395,
        taxCategory: 'exempt',
      },
      {
        id: 'line-2',
        description: 'hotel h',
        tripItemId: 'h',
        medical: false,
        quantity: 1,
        unitPrice: 240_000,
        taxCategory: 'standard',
      },
      {
        id: 'line-3',
        description: 'Medical coordination services',
        tripItemId: 'p',
        medical: true,
        quantity: 1,
        unitPrice: 350_000,
        taxCategory: 'standard',
      },
    ]);
    // Standard: 590,000 + tax 59,000; exempt: 228,395.
    expect(invoiceTotals(result.lines, 'tax-exclusive').total).toBe(877_395);
  });

  it('rounds a converted cost half up to the yen, exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 999_999_999 }),
        (cents, rateMillionths) => {
          const yenPerUnit = `${Math.floor(rateMillionths / 1_000_000)}.${String(rateMillionths % 1_000_000).padStart(6, '0')}`;
          const yen = costInYen({ amount: cents / 100, currency: 'USD' }, [{ currency: 'USD', yenPerUnit }]);
          // yen − cents × rate / 100 lies in (−½, ½], in exact integers: 2 × (yen × 10^8 − cents × rate) ∈ (−10^8, 10^8].
          const error = 2n * (BigInt(yen ?? -1) * 100_000_000n - BigInt(cents) * BigInt(rateMillionths));
          expect(error > -100_000_000n && error <= 100_000_000n).toBe(true);
        },
      ),
    );
  });

  it('keeps yen as they are and refuses what is not a yen amount', () => {
    expect(costInYen({ amount: 150_000, currency: 'JPY' }, [])).toBe(150_000);
    expect(costInYen({ amount: 10, currency: 'EUR' }, [])).toBeUndefined();
    expect(
      costInYen({ amount: 1e12, currency: 'USD' }, [{ currency: 'USD', yenPerUnit: '150' }]),
    ).toBeUndefined();
  });
});
