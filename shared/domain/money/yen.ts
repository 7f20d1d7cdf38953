/**
 * Money in Japanese yen, the currency every invoice, credit note, payment and tax amount is kept in (the law asks
 * for the consumption tax per rate in yen: Invoice Q&A 問56, docs/money.md). A yen amount is an integer number of
 * yen (the yen has no minor unit in use), never a float: sums and tax are computed exactly.
 */
export type Yen = number;

/**
 * The largest amount of one line or one payment: above it an amount is a typing slip (it is the itinerary's
 * TRIP_ITEM_COST_MAX). With at most INVOICE_LINES_MAX lines, a document's sums stay below 2^53 even multiplied by a
 * tax rate's percentage, so every computation here is exact in a double.
 */
export const YEN_MAX = 1_000_000_000_000;

/** A whole number of yen from 0 to YEN_MAX. */
export function isYen(value: unknown): value is Yen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= YEN_MAX;
}

/** `numerator × value / denominator` rounded down (towards zero for the non-negative amounts kept here), exactly. */
export function floorMulDiv(value: Yen, numerator: number, denominator: number): Yen {
  const product = value * numerator;
  if (!Number.isSafeInteger(product)) throw new RangeError('amount out of range');
  return (product - (product % denominator)) / denominator;
}
