import type { TFunction } from 'i18next';
import { daysBetween, parseCalendarDate } from '../../../../shared/domain/dates';
import type { DayLine } from '../../../../shared/domain/itinerary-days';
import type { ZonedTime } from '../../../../shared/domain/itinerary-checks';

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

/** Where the times are: "Asia/Tokyo", or "Europe/London → Asia/Tokyo" for a flight. */
export function lineZone(line: DayLine<unknown>): string {
  return line.start.zone === line.end.zone ? line.start.zone : `${line.start.zone} → ${line.end.zone}`;
}

/** The same times in the client's home zone ("00:30–01:30 (Europe/London)"), or '' when it is the same zone. */
export function lineHomeTime(line: DayLine<unknown>): string {
  if (line.home === undefined || line.line === 'staying') return '';
  const { start, end, zone } = line.home;
  if (line.line === 'check-out') return `${end.time}${dayShift(line.end.date, end.date)} (${zone})`;
  if (line.line === 'check-in') return `${start.time}${dayShift(line.start.date, start.date)} (${zone})`;
  const from = `${start.time}${dayShift(line.start.date, start.date)}`;
  return `${from}–${end.time}${dayShift(line.start.date, end.date)} (${zone})`;
}
