import {
  addDays,
  addMonths,
  calendarDateIn,
  formatCalendarDate,
  parseCalendarDate,
} from '../../../../shared/domain/dates';

/**
 * Calendar dates as a date field shows and reads them, whatever the browser's locale (a `type="date"` input shows
 * 04/01/2027 in an en-US browser, which half the readers take for 4 January). Stored as `YYYY-MM-DD`; shown as
 * "12 Mar 2027" in English (day, month in letters, year: no order to guess) and "2027年3月12日" in Japanese, through
 * Intl. What a person types is read generously but never guessed: `2027-03-12`, `2027/3/12`, `20270312`,
 * "12 Mar 2027", "12 March 2027", "March 12, 2027", "Fri, 12 Mar 2027", "2027年3月12日", "令和9年3月12日", and
 * the same in full-width characters from a Japanese input method. All-digit dates that do not start with the year
 * (`03/12/2027`) are refused: day-month and month-day orders cannot be told apart.
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAYS_JA = '日月火水木金土';
/** Japanese eras a date of birth may be written in: the year before each era's first year. */
const ERAS: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };

/** The month (1–12) a word names: its full English name, its first three letters, or "Sept". */
function monthOf(word: string): number | undefined {
  const index = MONTHS.findIndex((name) => word === name || word === name.slice(0, 3));
  if (index >= 0) return index + 1;
  return word === 'sept' ? 9 : undefined;
}

/** The weekday (0 = Sunday) an English word names, in full or by its first three letters. */
function weekdayOf(word: string): number | undefined {
  const index = WEEKDAYS.findIndex((name) => word === name || word === name.slice(0, 3));
  return index >= 0 ? index : undefined;
}

function weekdayOfDate(date: string): number {
  const at = new Date(`${date}T12:00:00Z`);
  return at.getUTCDay();
}

/** `YYYY-MM-DD` for a year, month and day that make a real date (years 1000–9999), else undefined. */
function dateOf(year: number, month: number | undefined, day: number): string | undefined {
  if (month === undefined || year < 1000 || year > 9999) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const text = formatCalendarDate({ year, month, day });
  return parseCalendarDate(text) ? text : undefined;
}

/** Takes a weekday off the start or the end of the text: "Fri, 12 Mar 2027", "2027年3月12日(金)", "金曜日". */
function splitWeekday(text: string): { rest: string; weekday?: number } {
  const [, before = '', inBrackets, named] =
    /^(.*?)\s*(?:\(([日月火水木金土])\)|([日月火水木金土])曜日?)$/u.exec(text) ?? [];
  const day = inBrackets ?? named;
  if (day !== undefined && /\d/.test(before)) return { rest: before, weekday: WEEKDAYS_JA.indexOf(day) };
  const [, word = '', after = ''] = /^([a-z]+)\.?,?\s+(.*)$/.exec(text) ?? [];
  const weekday = weekdayOf(word);
  return weekday === undefined ? { rest: text } : { rest: after, weekday };
}

function parseWithoutWeekday(text: string): string | undefined {
  let match =
    /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return dateOf(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/u.exec(text);
  if (match) return dateOf(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(令和|平成|昭和)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/u.exec(text);
  if (match) {
    const year = match[2] === '元' ? 1 : Number(match[2]);
    const before = ERAS[match[1] ?? ''] ?? 0;
    return year < 1 ? undefined : dateOf(before + year, Number(match[3]), Number(match[4]));
  }
  // 12 Mar 2027, 12-Mar-2027, 12th March 2027
  match = /^(\d{1,2})(?:st|nd|rd|th)?[\s./-]*([a-z]+)\.?,?[\s./-]*(\d{4})$/.exec(text);
  if (match) return dateOf(Number(match[3]), monthOf(match[2] ?? ''), Number(match[1]));
  // March 12, 2027; Mar 12 2027
  match = /^([a-z]+)\.?[\s./-]*(\d{1,2})(?:st|nd|rd|th)?,?[\s./-]+(\d{4})$/.exec(text);
  if (match) return dateOf(Number(match[3]), monthOf(match[1] ?? ''), Number(match[2]));
  // 2027 Mar 12
  match = /^(\d{4})[\s./-]*([a-z]+)\.?[\s./-]*(\d{1,2})$/.exec(text);
  if (match) return dateOf(Number(match[1]), monthOf(match[2] ?? ''), Number(match[3]));
  return undefined;
}

/**
 * `YYYY-MM-DD` for what was typed, or undefined when it is not one unambiguous real date (empty text included).
 * A weekday typed with the date must be that date's.
 */
export function parseTypedDate(typed: string): string | undefined {
  // NFKC folds full-width digits, letters and punctuation (２０２７－０３－１２, （金）) to their plain forms.
  const text = typed.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  const { rest, weekday } = splitWeekday(text);
  const date = parseWithoutWeekday(rest.trim());
  if (date === undefined) return undefined;
  return weekday === undefined || weekday === weekdayOfDate(date) ? date : undefined;
}

/**
 * A stored date as the field shows it: "12 Mar 2027" ("Fri, 12 Mar 2027" with the weekday) in English,
 * "2027年3月12日" ("2027年3月12日(金)") in Japanese. Anything that is not a stored date is returned as it is.
 */
export function formatDateText(date: string, language: string, weekday = false): string {
  const parts = parseCalendarDate(date);
  if (parts === undefined) return date;
  const at = new Date(0);
  at.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  at.setUTCHours(12);
  const japanese = language.startsWith('ja');
  return new Intl.DateTimeFormat(japanese ? 'ja' : 'en-GB', {
    year: 'numeric',
    month: japanese ? 'long' : 'short',
    day: 'numeric',
    ...(weekday ? { weekday: 'short' as const } : {}),
    timeZone: 'UTC',
    calendar: 'gregory',
    numberingSystem: 'latn',
  }).format(at);
}

/**
 * The date a key press moves a field to: `days` on (negative back), or whole `months` (the day clamped to the
 * month's end). A field holding no date goes to today where this device is.
 */
export function stepDate(
  date: string,
  by: { days?: number; months?: number },
  now = Date.now(),
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  const from = parseTypedDate(date);
  if (from === undefined) return calendarDateIn(now, timeZone);
  try {
    return by.months ? addMonths(from, by.months) : addDays(from, by.days ?? 0);
  } catch {
    return from;
  }
}

/** The date and the time of a `YYYY-MM-DDTHH:MM` value (the time never holds a T; a date typed in words may). */
export function splitDateTime(value: string): [date: string, time: string] {
  const at = value.lastIndexOf('T');
  return at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
}

/** A `YYYY-MM-DDTHH:MM` value from its two parts; nothing when both are empty. */
export function joinDateTime(date: string, time: string): string {
  return date === '' && time === '' ? '' : `${date}T${time}`;
}
