import { currencyMinorDigits } from '../trip';
import type { Yen } from './yen';

/**
 * The client's currency beside the yen: a rate entered by staff, with where it came from and the day it was read
 * (no network is asked). The yen amounts are the document's; the converted ones are shown for the client's
 * information only and never enter a total or the tax (the tax per rate is stated in yen: Invoice Q&A 問56, via
 * the project's reference §7).
 */
export interface ExchangeRate {
  /** ISO 4217 code of the client's currency, not JPY. */
  currency: string;
  /** Yen for one unit of the currency, as typed: a decimal with at most 6 places ("149.37"). */
  yenPerUnit: string;
  /** Where staff read the rate ("MUFG TTS", "Wise 10:30"): up to 100 characters. */
  source: string;
  /** The calendar day the rate was read (YYYY-MM-DD). */
  asOf: string;
}

export type ExchangeRateProblem =
  | 'currency-unknown'
  | 'currency-is-yen'
  | 'rate-invalid'
  | 'source-required'
  | 'source-too-long'
  | 'date-invalid';

export const EXCHANGE_RATE_SOURCE_MAX = 100;
const RATE_PATTERN = /^(\d{1,7})(?:\.(\d{1,6}))?$/;
const RATE_SCALE = 1_000_000n;

/** The rate in millionths of a yen per unit, exactly; undefined when it is not a positive decimal of that form. */
export function rateMicros(yenPerUnit: string): bigint | undefined {
  const match = RATE_PATTERN.exec(yenPerUnit.trim());
  if (!match) return undefined;
  const micros = BigInt(match[1] as string) * RATE_SCALE + BigInt((match[2] ?? '').padEnd(6, '0'));
  return micros > 0n ? micros : undefined;
}

/** What is wrong with a rate, field by field; empty when it may be recorded. */
export function exchangeRateProblems(
  rate: ExchangeRate,
): { field: keyof ExchangeRate; problem: ExchangeRateProblem }[] {
  const problems: { field: keyof ExchangeRate; problem: ExchangeRateProblem }[] = [];
  if (rate.currency === 'JPY') problems.push({ field: 'currency', problem: 'currency-is-yen' });
  else if (currencyMinorDigits(rate.currency) === undefined)
    problems.push({ field: 'currency', problem: 'currency-unknown' });
  if (rateMicros(rate.yenPerUnit) === undefined)
    problems.push({ field: 'yenPerUnit', problem: 'rate-invalid' });
  const source = rate.source.trim();
  if (source === '') problems.push({ field: 'source', problem: 'source-required' });
  else if (source.length > EXCHANGE_RATE_SOURCE_MAX)
    problems.push({ field: 'source', problem: 'source-too-long' });
  if (!isCalendarDay(rate.asOf)) problems.push({ field: 'asOf', problem: 'date-invalid' });
  return problems;
}

function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A yen amount in the client's currency, in that currency's minor units (cents), rounded half away from zero:
 * yen × 10^digits / rate. Exact (BigInt), whatever the amount.
 */
export function yenToMinorUnits(amount: Yen, rate: Pick<ExchangeRate, 'currency' | 'yenPerUnit'>): bigint {
  const micros = rateMicros(rate.yenPerUnit);
  const digits = currencyMinorDigits(rate.currency);
  if (micros === undefined || digits === undefined) throw new RangeError('not a usable rate');
  const numerator = BigInt(amount) * 10n ** BigInt(digits) * RATE_SCALE;
  const quotient = numerator / micros;
  const remainder = numerator % micros;
  return remainder * 2n >= micros ? quotient + 1n : quotient;
}

/** A yen amount shown in the client's currency for a locale ("$1,234.57", "1.234,57 €"), by Intl. */
export function formatInCurrency(
  amount: Yen,
  rate: Pick<ExchangeRate, 'currency' | 'yenPerUnit'>,
  locale: string,
): string {
  const digits = currencyMinorDigits(rate.currency) ?? 0;
  const minor = yenToMinorUnits(amount, rate);
  const scale = 10n ** BigInt(digits);
  // Whole units and the fraction as a decimal string: Intl formats it without going through a float.
  const whole = minor / scale;
  const fraction = (minor % scale).toString().padStart(digits, '0');
  const decimal = (digits === 0 ? whole.toString() : `${whole}.${fraction}`) as Intl.StringNumericLiteral;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: rate.currency }).format(decimal);
}

/** A yen amount for a locale ("¥150,000", "￥150,000"), by Intl. */
export const formatYen = (amount: Yen, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'JPY' }).format(amount);
