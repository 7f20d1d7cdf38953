import type { TFunction } from 'i18next';
import { daysBetween, parseCalendarDate } from '../../../../shared/domain/dates';
import type { DayLine } from '../../../../shared/domain/itinerary-days';
import type { ZonedTime } from '../../../../shared/domain/itinerary-checks';
import { zoneCity } from '../../../../shared/domain/itinerary-zones';

/** "1 Apr 15:00" / "4月1日 15:00": a day and a 24-hour time as read where it happens. */
function dayAndTime(parts: ZonedTime, language: string): string {
  const day = parseCalendarDate(parts.date);
  if (day === undefined) return parts.time;
  const noon = Date.UTC(day.year, day.month - 1, day.day, 12);
  const date = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    noon,
  );
  return `${date} ${parts.time}`;
}

/** `text` in brackets: full-width in Japanese ("（ロンドン）"), as Japanese text writes them. */
export function bracketed(text: string, language: string): string {
  return language.startsWith('ja') ? `（${text}）` : `(${text})`;
}

/** `text` followed by `note` in brackets: "19:00 (London)", "19:00（ロンドン）". */
export function annotated(text: string, note: string, language: string): string {
  return language.startsWith('ja')
    ? `${text}${bracketed(note, language)}`
    : `${text} ${bracketed(note, language)}`;
}

/** "(+1)" when `to` falls on a later day than `from`, "(−1)" on an earlier one. */
function dayShift(from: string, to: string): string {
  const days = daysBetween(from, to);
  return days === 0 ? '' : ` (${days > 0 ? '+' : '−'}${Math.abs(days)})`;
}

/** The primary time of a line, where the item happens: "08:30–09:30", "Check-in 1 Apr 15:00 → check-out 4 Apr 11:00". */
export function lineTime(line: DayLine<unknown>, t: TFunction, language: string): string {
  switch (line.line) {
    case 'event':
      return `${line.start.time}–${line.end.time}${dayShift(line.start.date, line.end.date)}`;
    case 'check-in':
      return t('trips.stay.band', {
        in: dayAndTime(line.start, language),
        out: dayAndTime(line.end, language),
      });
    case 'staying':
      return t('trips.stay.staying');
    case 'check-out':
      return t('trips.stay.checkOut', { time: line.end.time });
  }
}

/** Where the times are, by city as the trip's header names it: "Tokyo", or "London → Tokyo" for a flight. */
export function lineZone(line: DayLine<unknown>, language: string): string {
  const start = zoneCity(line.start.zone, language);
  return line.start.zone === line.end.zone ? start : `${start} → ${zoneCity(line.end.zone, language)}`;
}

/** The same times in the client's home zone ("00:30–01:30 (London)"), or '' when it is the same zone. */
export function lineHomeTime(line: DayLine<unknown>, language: string): string {
  if (line.home === undefined || line.line === 'staying') return '';
  const { start, end } = line.home;
  const zone = zoneCity(line.home.zone, language);
  if (line.line === 'check-out')
    return annotated(`${end.time}${dayShift(line.end.date, end.date)}`, zone, language);
  if (line.line === 'check-in')
    return annotated(`${start.time}${dayShift(line.start.date, start.date)}`, zone, language);
  const from = `${start.time}${dayShift(line.start.date, start.date)}`;
  return annotated(`${from}–${end.time}${dayShift(line.start.date, end.date)}`, zone, language);
}
