/**
 * Calendar dates as the forms and documents keep them: `YYYY-MM-DD` strings in the proleptic Gregorian calendar,
 * with no time and no zone (a date of birth, a passport's expiry, a trip's first day). Plain functions over the
 * string: no Date parsing (which reads `2026-02-30` as March 2nd), no dependency. Strings of this shape sort in
 * calendar order, so `<` compares them.
 */

export const CALENDAR_DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
const CALENDAR_DATE = new RegExp(CALENDAR_DATE_PATTERN);

export interface CalendarDateParts {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a real calendar date, or undefined for anything else (`2026-02-29`, `2026-4-1`, `0000-01-01`). */
export function parseCalendarDate(text: string): CalendarDateParts | undefined {
  if (!CALENDAR_DATE.test(text)) return undefined;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (year < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== undefined;
}

export function formatCalendarDate({ year, month, day }: CalendarDateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function partsOrThrow(text: string): CalendarDateParts {
  const parts = parseCalendarDate(text);
  if (parts === undefined) throw new RangeError('not a calendar date (YYYY-MM-DD)');
  return parts;
}

/** Days since 1970-01-01 (negative before), exact in UTC, which has no daylight saving. */
function dayNumber({ year, month, day }: CalendarDateParts): number {
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / 86_400_000);
}

function fromDayNumber(days: number): string {
  const date = new Date(days * 86_400_000);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) {
    throw new RangeError('the date is outside years 1 to 9999');
  }
  return formatCalendarDate({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  });
}

/** `date` moved by `days` (negative moves back). */
export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(partsOrThrow(date)) + days);
}

/**
 * `date` moved by whole calendar months, the day clamped to the month's last (2026-08-31 + 6 months is
 * 2027-02-28), which is how "six months beyond" is read for passports.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = partsOrThrow(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return formatCalendarDate({
    year: newYear,
    month: newMonth,
    day: Math.min(day, daysInMonth(newYear, newMonth)),
  });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(partsOrThrow(to)) - dayNumber(partsOrThrow(from));
}

/** The calendar date of an instant in an IANA time zone (what "today" is for a person there). */
export function calendarDateIn(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    calendar: 'gregory',
    numberingSystem: 'latn',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  return formatCalendarDate({ year: get('year'), month: get('month'), day: get('day') });
}
