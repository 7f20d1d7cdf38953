import {
  isTaxed,
  TAX_CATEGORIES,
  TAX_RATE_PERCENT,
  taxOnRateTotal,
  type PriceBasis,
  type TaxCategory,
} from './tax';
import type { Yen } from './yen';

/** The most lines a document holds (an itinerary holds at most 200 items; a few free lines more). */
export const INVOICE_LINES_MAX = 250;

/** What the totals need of a line: its amount (quantity × unit price, in yen) and its tax category. */
export interface PricedLine {
  quantity: number;
  unitPrice: Yen;
  taxCategory: TaxCategory;
}

export const lineAmount = (line: PricedLine): Yen => line.quantity * line.unitPrice;

/** One tax category's part of a document: what the qualified invoice prints per rate. */
export interface CategoryTotal {
  category: TaxCategory;
  /** The rate in percent: 10, 8, or 0 for `exempt` and `non-taxable`. */
  ratePercent: number;
  /** The sum of the category's line amounts, as the lines state them (before or including tax, per the basis). */
  linesTotal: Yen;
  /** The consumption tax of the category, rounded once (taxOnRateTotal); 0 when untaxed. */
  tax: Yen;
  /** Before tax: `linesTotal`, less the tax when the lines include it. */
  net: Yen;
  /** Including tax: `linesTotal`, plus the tax when the lines are before it. */
  gross: Yen;
}

export interface InvoiceTotals {
  /** One entry per category present on the document, in TAX_CATEGORIES order. */
  byCategory: CategoryTotal[];
  /** Σ net, Σ tax, Σ gross over the categories. The client owes `total`. */
  net: Yen;
  tax: Yen;
  total: Yen;
}

/**
 * A document's totals: lines summed per tax category, then the tax of each taxed category computed ONCE on that
 * sum and rounded down (tax.ts). The lines' own taxes are never computed, let alone summed: a sum of per-line
 * rounded taxes is what the qualified invoice rules exclude (it differs from this by up to one yen per line).
 */
export function invoiceTotals(lines: readonly PricedLine[], basis: PriceBasis): InvoiceTotals {
  const sums = new Map<TaxCategory, Yen>();
  for (const line of lines) sums.set(line.taxCategory, (sums.get(line.taxCategory) ?? 0) + lineAmount(line));
  const byCategory = TAX_CATEGORIES.filter((category) => sums.has(category)).map(
    (category): CategoryTotal => {
      const linesTotal = sums.get(category) ?? 0;
      const tax = isTaxed(category) ? taxOnRateTotal(linesTotal, category, basis) : 0;
      const ratePercent = isTaxed(category) ? TAX_RATE_PERCENT[category] : 0;
      const net = basis === 'tax-inclusive' ? linesTotal - tax : linesTotal;
      return { category, ratePercent, linesTotal, tax, net, gross: net + tax };
    },
  );
  const sum = (pick: (total: CategoryTotal) => Yen) =>
    byCategory.reduce((acc, total) => acc + pick(total), 0);
  return { byCategory, net: sum((t) => t.net), tax: sum((t) => t.tax), total: sum((t) => t.gross) };
}
