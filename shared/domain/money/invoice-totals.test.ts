import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVOICE_LINES_MAX, invoiceTotals, lineAmount, type PricedLine } from './invoice-totals';
import {
  DEFAULT_TAX_CATEGORY,
  PRICE_BASES,
  TAX_CATEGORIES,
  TAX_RATE_PERCENT,
  taxOnRateTotal,
  type TaxCategory,
} from './tax';
import { TRIP_ITEM_KINDS } from '../trip';
import { floorMulDiv, YEN_MAX } from './yen';

const line = (unitPrice: number, taxCategory: TaxCategory, quantity = 1): PricedLine => ({
  quantity,
  unitPrice,
  taxCategory,
});

/** What the rules exclude: each line's tax rounded down on its own, then summed. */
const perLineTax = (lines: readonly PricedLine[], category: 'standard' | 'reduced') =>
  lines
    .filter((l) => l.taxCategory === category)
    .reduce((sum, l) => sum + floorMulDiv(lineAmount(l), TAX_RATE_PERCENT[category], 100), 0);

const lineArbitrary = fc.record({
  quantity: fc.integer({ min: 1, max: 999 }),
  unitPrice: fc.integer({ min: 0, max: 5_000_000 }),
  taxCategory: fc.constantFrom(...TAX_CATEGORIES),
});
const linesArbitrary = fc.array(lineArbitrary, { maxLength: 40 });

describe('the consumption tax, once per rate per document', () => {
  it('rounds the tax of each rate down, once, on the rate total', () => {
    // Three 10 % lines of ¥105 (¥10.5 of tax each) and two 8 % lines of ¥1,010 (¥80.8 each).
    const lines = [line(105, 'standard'), line(105, 'standard'), line(105, 'standard')];
    lines.push(line(1010, 'reduced'), line(1010, 'reduced'));
    const totals = invoiceTotals(lines, 'tax-exclusive');
    const standard = totals.byCategory.find((t) => t.category === 'standard');
    const reduced = totals.byCategory.find((t) => t.category === 'reduced');
    expect(standard).toMatchObject({ ratePercent: 10, linesTotal: 315, tax: 31, gross: 346 });
    expect(reduced).toMatchObject({ ratePercent: 8, linesTotal: 2020, tax: 161, gross: 2181 });
    // Rounded per line, the tax would be 3 × 10 = 30 and 2 × 80 = 160: not what the document says.
    expect(perLineTax(lines, 'standard')).toBe(30);
    expect(perLineTax(lines, 'reduced')).toBe(160);
    expect(totals).toMatchObject({ net: 2335, tax: 192, total: 2527 });
  });

  it('takes the tax out of tax-inclusive prices once per rate', () => {
    // ¥1,100 and ¥550 at 10 % contain ¥150 of tax; ¥1,080 at 8 % contains ¥80.
    const totals = invoiceTotals(
      [line(1100, 'standard'), line(550, 'standard'), line(1080, 'reduced')],
      'tax-inclusive',
    );
    expect(totals.byCategory).toEqual([
      { category: 'standard', ratePercent: 10, linesTotal: 1650, tax: 150, net: 1500, gross: 1650 },
      { category: 'reduced', ratePercent: 8, linesTotal: 1080, tax: 80, net: 1000, gross: 1080 },
    ]);
    // ¥999 at 10 % inclusive: 999 × 10 / 110 = 90.8…, so ¥90.
    expect(taxOnRateTotal(999, 'standard', 'tax-inclusive')).toBe(90);
  });

  it('charges no tax on exempt and non-taxable lines, and shows them apart', () => {
    const totals = invoiceTotals(
      [line(200_000, 'exempt'), line(30_000, 'non-taxable'), line(1_000, 'standard')],
      'tax-exclusive',
    );
    expect(totals.byCategory.map((t) => [t.category, t.ratePercent, t.tax])).toEqual([
      ['standard', 10, 100],
      ['exempt', 0, 0],
      ['non-taxable', 0, 0],
    ]);
    expect(totals.total).toBe(231_100);
  });

  it('is the rate total rounded down, whatever the lines (property)', () => {
    fc.assert(
      fc.property(linesArbitrary, fc.constantFrom(...PRICE_BASES), (lines, basis) => {
        const totals = invoiceTotals(lines, basis);
        for (const category of ['standard', 'reduced'] as const) {
          const sum = lines.filter((l) => l.taxCategory === category).reduce((s, l) => s + lineAmount(l), 0);
          const rate = TAX_RATE_PERCENT[category];
          const expected = Math.floor((sum * rate) / (basis === 'tax-exclusive' ? 100 : 100 + rate));
          expect(totals.byCategory.find((t) => t.category === category)?.tax ?? 0).toBe(expected);
        }
      }),
    );
  });

  it('does not change when a line is split in two or lines are reordered (property)', () => {
    fc.assert(
      fc.property(
        fc.array(lineArbitrary, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...PRICE_BASES),
        (lines, pick, cut, basis) => {
          const index = pick % lines.length;
          const chosen = lines[index] as PricedLine;
          const amount = lineAmount(chosen);
          const first = amount === 0 ? 0 : cut % (amount + 1);
          const split = [
            ...lines.slice(0, index),
            line(first, chosen.taxCategory),
            line(amount - first, chosen.taxCategory),
            ...lines.slice(index + 1),
          ];
          const before = invoiceTotals(lines, basis);
          expect(invoiceTotals(split, basis)).toEqual(before);
          expect(invoiceTotals([...lines].reverse(), basis)).toEqual(before);
        },
      ),
    );
  });

  it('differs from the per-line rounding by less than one yen per line, never in the client’s disfavour (property)', () => {
    let differed = 0;
    fc.assert(
      fc.property(linesArbitrary, (lines) => {
        const totals = invoiceTotals(lines, 'tax-exclusive');
        for (const category of ['standard', 'reduced'] as const) {
          const once = totals.byCategory.find((t) => t.category === category)?.tax ?? 0;
          const perLine = perLineTax(lines, category);
          const count = lines.filter((l) => l.taxCategory === category).length;
          expect(once).toBeGreaterThanOrEqual(perLine);
          expect(once - perLine).toBeLessThan(Math.max(1, count));
          if (once !== perLine) differed += 1;
        }
      }),
    );
    // The two roundings do disagree on ordinary documents: the choice matters.
    expect(differed).toBeGreaterThan(0);
  });

  it('sums each category’s lines and adds up: net + tax = total, per rate and overall (property)', () => {
    fc.assert(
      fc.property(linesArbitrary, fc.constantFrom(...PRICE_BASES), (lines, basis) => {
        const totals = invoiceTotals(lines, basis);
        for (const category of TAX_CATEGORIES) {
          const own = lines.filter((l) => l.taxCategory === category);
          const entry = totals.byCategory.find((t) => t.category === category);
          if (own.length === 0) expect(entry).toBeUndefined();
          else expect(entry?.linesTotal).toBe(own.reduce((s, l) => s + lineAmount(l), 0));
          if (entry) expect(entry.net + entry.tax).toBe(entry.gross);
        }
        expect(totals.net + totals.tax).toBe(totals.total);
        const linesSum = lines.reduce((s, l) => s + lineAmount(l), 0);
        expect(totals.total).toBe(basis === 'tax-inclusive' ? linesSum : linesSum + totals.tax);
      }),
    );
  });

  it('stays exact at the largest document', () => {
    const lines = Array.from({ length: INVOICE_LINES_MAX }, () => line(YEN_MAX, 'standard'));
    const totals = invoiceTotals(lines, 'tax-exclusive');
    expect(totals.tax).toBe(INVOICE_LINES_MAX * YEN_MAX * 0.1);
    expect(Number.isSafeInteger(totals.total)).toBe(true);
  });
});

describe('default tax categories', () => {
  it('names one for every kind of itinerary item: standard for what is used in Japan, exempt for flights', () => {
    expect(Object.keys(DEFAULT_TAX_CATEGORY).sort()).toEqual([...TRIP_ITEM_KINDS].sort());
    expect(DEFAULT_TAX_CATEGORY.hotel).toBe('standard');
    expect(DEFAULT_TAX_CATEGORY.procedure).toBe('standard');
    expect(DEFAULT_TAX_CATEGORY.flight).toBe('exempt');
  });
});
