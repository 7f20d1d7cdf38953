import { currencyMinorDigits, isMedicalTripKind, type TripItem } from '../trip';
import { rateMicros, type ExchangeRate } from './exchange-rate';
import type { MoneyLine } from './money-document';
import { DEFAULT_TAX_CATEGORY } from './tax';
import { YEN_MAX, type Yen } from './yen';

/**
 * A quote's lines from a trip's itinerary (issue 20: "built from its itinerary items' costs plus free lines"). Each
 * item with a cost becomes one line: its cost in yen, its tax category from DEFAULT_TAX_CATEGORY, marked medical
 * for an appointment, procedure or therapy (whose description is printed generically: money-document.ts). Items
 * without a cost are left out; staff add free lines themselves.
 *
 * A cost in another currency is converted at the rate staff entered for it (exchange-rate.ts), rounded half up to
 * the yen; an item whose currency has no rate is left out and its currency named, so the screen asks for the rate.
 */
export interface QuoteLinesResult {
  lines: MoneyLine[];
  /** The currencies of costs that had no rate (sorted, each once). */
  missingRates: string[];
}

export function quoteLinesFromItems(
  items: readonly TripItem[],
  options: {
    rates: readonly Pick<ExchangeRate, 'currency' | 'yenPerUnit'>[];
    /** The line's description for an item (its title, or a generic text for a medical item), in the print's language. */
    describe: (item: TripItem) => string;
    newId: () => string;
  },
): QuoteLinesResult {
  const lines: MoneyLine[] = [];
  const missing = new Set<string>();
  for (const item of items) {
    if (item.cost === undefined) continue;
    const yen = costInYen(item.cost, options.rates);
    if (yen === undefined) {
      missing.add(item.cost.currency);
      continue;
    }
    lines.push({
      id: options.newId(),
      description: options.describe(item),
      tripItemId: item.id,
      medical: isMedicalTripKind(item.kind),
      quantity: 1,
      unitPrice: yen,
      taxCategory: DEFAULT_TAX_CATEGORY[item.kind],
    });
  }
  return { lines, missingRates: [...missing].sort() };
}

/**
 * A cost in yen: as it is when in yen; else amount × rate, rounded half up to the yen, exactly (BigInt on the
 * amount's minor units and the rate's millionths). Undefined when there is no rate for its currency or the result
 * is not a yen amount (above YEN_MAX).
 */
export function costInYen(
  cost: { amount: number; currency: string },
  rates: readonly Pick<ExchangeRate, 'currency' | 'yenPerUnit'>[],
): Yen | undefined {
  if (cost.currency === 'JPY') return Number.isSafeInteger(cost.amount) ? cost.amount : undefined;
  const rate = rates.find((candidate) => candidate.currency === cost.currency);
  const micros = rate === undefined ? undefined : rateMicros(rate.yenPerUnit);
  const digits = currencyMinorDigits(cost.currency);
  if (micros === undefined || digits === undefined) return undefined;
  const minor = BigInt(Math.round(cost.amount * 10 ** digits));
  const divisor = 10n ** BigInt(digits) * 1_000_000n;
  const product = minor * micros;
  const yen = product / divisor + ((product % divisor) * 2n >= divisor ? 1n : 0n);
  return yen <= BigInt(YEN_MAX) ? Number(yen) : undefined;
}
