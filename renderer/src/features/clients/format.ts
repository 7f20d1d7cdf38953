import { calendarDateIn, parseCalendarDate } from '../../../../shared/domain/dates';
import { COUNTRY_CODES } from '../../../../shared/domain/countries';

/**
 * Dates and country names in the UI's language, through the runtime's Intl. Calendar dates (YYYY-MM-DD) have no
 * time or zone: they are formatted as that day in UTC, so no zone can move them to the day before.
 */
export function formatCalendarDateFor(language: string, date: string): string {
  const parts = parseCalendarDate(date);
  if (parts === undefined) return date;
  const at = new Date(0);
  at.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

/** Today's calendar date where this device is. */
export function todayHere(now = Date.now()): string {
  return calendarDateIn(now, Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** Every country code with its name in `language`, sorted by that name. */
export function countryChoices(language: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(language);
  return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}
