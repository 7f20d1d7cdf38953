/**
 * Times of day as the app stores and shows them: 24-hour `HH:MM` (00:00 to 23:59), whatever the browser's locale
 * (a `type="time"` input shows "08:30 AM" in an en-US browser). What a person types is read generously: `8:30`,
 * `0830`, `830`, `8` (08:00), `8.30`, `8h30`, full-width digits and colon from a Japanese input method.
 */

const FULL_WIDTH = /[０-９：．]/g;

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) =>
    c === '：' ? ':' : c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** `HH:MM` for what was typed, or undefined when it is not a 24-hour time of day. Empty text is undefined too. */
export function parseTime24(text: string): string | undefined {
  const typed = halfWidth(text).trim();
  const match = /^(\d{1,2})(?:[:.h ]?(\d{2}))?$/i.exec(typed) ?? /^(\d{1,2})(\d{2})$/.exec(typed);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Whether `text` is already a stored time: exactly `HH:MM`, 24-hour. */
export function isTime24(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

/**
 * The time `by` minutes on from `time` (`HH:MM`), round the clock, landing on a multiple of `by`'s step: the arrow
 * keys of a time field. An empty or unreadable time starts from 00:00.
 */
export function stepTime24(time: string, by: number): string {
  const parsed = parseTime24(time) ?? '00:00';
  const minutes = Number(parsed.slice(0, 2)) * 60 + Number(parsed.slice(3));
  const step = Math.abs(by);
  const aligned = by > 0 ? Math.floor(minutes / step) * step + step : Math.ceil(minutes / step) * step - step;
  const next = (((aligned % 1440) + 1440) % 1440) as number;
  return `${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`;
}
