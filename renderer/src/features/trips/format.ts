import { parseCalendarDate } from '../../../../shared/domain/dates';
import type { TripItemCost } from '../../../../shared/index';

/**
 * Dates and amounts in the UI's language (Intl, as ECMA-402 knows each locale): "Wednesday, April 1, 2026" and
 * "¥180,000" in English, "2026年4月1日水曜日" and "￥180,000" in Japanese.
 */
export function formatCalendarDay(date: string, language: string, style: 'full' | 'medium' = 'full'): string {
  const parts = parseCalendarDate(date);
  if (parts === undefined) return date;
  // Noon UTC read in UTC is that calendar day whatever the machine's zone.
  const noon = Date.UTC(parts.year, parts.month - 1, parts.day, 12);
  return new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: 'UTC' }).format(noon);
}

export function formatCost(cost: TripItemCost, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: cost.currency }).format(cost.amount);
}

/**
 * An instant as a date and 24-hour time in a zone: "1 Apr 2026, 19:00", "2026年4月1日 19:00" (the month named, as
 * every date of the UI is: Japanese's medium date style would be the numeric 2026/04/01).
 */
export function formatInstant(epochMs: number, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(epochMs);
}

/** Totals per currency, in the order the currencies first appear (amounts in different currencies never add). */
export function costTotals(costs: readonly (TripItemCost | undefined)[]): TripItemCost[] {
  const totals = new Map<string, number>();
  for (const cost of costs) {
    if (cost === undefined) continue;
    totals.set(cost.currency, (totals.get(cost.currency) ?? 0) + cost.amount);
  }
  return [...totals].map(([currency, amount]) => ({ currency, amount }));
}

/** A short date and 24-hour time in a zone ("Apr 2, 16:00"; "4月2日 16:00"). */
export function formatShortInZone(epochMs: number, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(epochMs);
}
