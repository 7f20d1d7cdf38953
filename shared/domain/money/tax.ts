import type { TripItemKind } from '../trip';
import { floorMulDiv, type Yen } from './yen';

/**
 * The consumption-tax category of an invoice line, always explicit on the line (docs/money.md, "Tax categories"):
 *
 * - `standard`: 10 % (7.8 % national + 2.2 % local). Services enjoyed in Japan are taxable even when the client is
 *   a non-resident: lodging, meals, transport in Japan, medical care outside public insurance, beauty, shows
 *   (NTA Tax Answer 6567; 消費税法基本通達 7-2-16).
 * - `reduced`: 8 % (6.24 % + 1.76 %): food and drink sold to take away (not dining), newspapers by subscription.
 * - `exempt`: export-exempt (免税, 0 %, a taxable sale at a zero rate): international passenger transport
 *   (消費税法 7 条 1 項 3 号) and services to a non-resident that are not enjoyed in Japan.
 * - `non-taxable`: outside the tax (非課税 / 不課税): care covered by Japanese public health insurance, and costs
 *   paid on the client's behalf and passed through at cost (立替金), which are not LUMINA's sales.
 */
export const TAX_CATEGORIES = ['standard', 'reduced', 'exempt', 'non-taxable'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

/** The categories that carry a consumption tax, and their rate in percent. */
export const TAX_RATE_PERCENT = { standard: 10, reduced: 8 } as const;
export type TaxedCategory = keyof typeof TAX_RATE_PERCENT;

export const isTaxCategory = (value: unknown): value is TaxCategory =>
  typeof value === 'string' && (TAX_CATEGORIES as readonly string[]).includes(value);

export const isTaxed = (category: TaxCategory): category is TaxedCategory => category in TAX_RATE_PERCENT;

/**
 * The category a line built from an itinerary item starts with; staff change it on the line, where it always shows.
 * Everything a client uses in Japan is `standard` (Tax Answer 6567). A flight is `exempt`: the flights on a
 * medical stay are the international ones to and from Japan; a domestic flight is taxable, and staff set it to
 * `standard`. Care under Japanese public insurance, or a cost passed through at cost, is set to `non-taxable` by
 * staff: nothing on an itinerary item says so.
 */
export const DEFAULT_TAX_CATEGORY: Readonly<Record<TripItemKind, TaxCategory>> = {
  flight: 'exempt',
  hotel: 'standard',
  transfer: 'standard',
  appointment: 'standard',
  procedure: 'standard',
  therapy: 'standard',
  'free-time': 'standard',
};

/** A free line (coordination fee, interpreter, a line typed by staff) starts as `standard`. */
export const FREE_LINE_TAX_CATEGORY: TaxCategory = 'standard';

/** Whether line amounts are before tax (税抜) or include it (税込): one choice per document. */
export const PRICE_BASES = ['tax-exclusive', 'tax-inclusive'] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

/**
 * The consumption tax on the total of one rate's lines. Rounded DOWN (切り捨て), ONCE per rate per document: the
 * qualified invoice carries the tax per rate rounded once per invoice, never per line (NTA qualified invoice
 * requirements, the project reference privacy-features-anchors.md §7, citing toyoshima-tax.jp/corporate2; the
 * rule is 消費税法施行令 70 条の 10 as we read it). How to round is the issuer's choice; down is the usual one and
 * never charges the client more than the rate.
 *
 * - tax-exclusive: tax = ⌊total × rate / 100⌋
 * - tax-inclusive: tax = ⌊total × rate / (100 + rate)⌋ (the tax contained in the price)
 */
export function taxOnRateTotal(total: Yen, category: TaxedCategory, basis: PriceBasis): Yen {
  const rate = TAX_RATE_PERCENT[category];
  return basis === 'tax-exclusive' ? floorMulDiv(total, rate, 100) : floorMulDiv(total, rate, 100 + rate);
}
