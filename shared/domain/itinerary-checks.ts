import { addDays, daysBetween, parseCalendarDate } from './dates';

/**
 * Checks on an itinerary, pure, over the least a trip item must have: an id, a kind and its start and end as ISO
 * 8601 date-times with their UTC offset (`2026-04-02T09:30:00+09:00`), each end in its own place's offset, so a
 * flight from London to Tokyo names two instants without ambiguity. Written against this structural type so that
 * any trip model with these fields can use them.
 *
 * Times are compared as instants; days are calendar days in a given IANA zone (Intl.DateTimeFormat, which knows
 * every zone's daylight-saving rules), so a timeline can be shown in the client's zone and in Japan's.
 */
export interface ItineraryItemTimes {
  id: string;
  kind: string;
  start: string;
  end: string;
}

/** A date-time with an explicit offset (Z or ±hh:mm), seconds and milliseconds optional: never a floating time. */
export const DATE_TIME_WITH_OFFSET_PATTERN =
  '^(\\d{4}-\\d{2}-\\d{2})T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,3})?)?(Z|[+-](0\\d|1[0-4]):[0-5]\\d)$';
const DATE_TIME_WITH_OFFSET = new RegExp(DATE_TIME_WITH_OFFSET_PATTERN);

/** The instant a date-time with offset names, in epoch milliseconds; NaN when it is not one (or names no date). */
export function dateTimeInstant(dateTime: string): number {
  const match = DATE_TIME_WITH_OFFSET.exec(dateTime);
  if (match === null || parseCalendarDate(match[1]!) === undefined) return Number.NaN;
  return Date.parse(dateTime);
}

export type ItemTimeProblem = 'invalid-start' | 'invalid-end' | 'ends-before-start';

/** Items whose times cannot be used: the other checks leave them out, so show these first. */
export function itemTimeProblems(
  items: readonly ItineraryItemTimes[],
): { id: string; problem: ItemTimeProblem }[] {
  const problems: { id: string; problem: ItemTimeProblem }[] = [];
  for (const item of items) {
    const start = dateTimeInstant(item.start);
    const end = dateTimeInstant(item.end);
    if (Number.isNaN(start)) problems.push({ id: item.id, problem: 'invalid-start' });
    else if (Number.isNaN(end)) problems.push({ id: item.id, problem: 'invalid-end' });
    else if (end < start) problems.push({ id: item.id, problem: 'ends-before-start' });
  }
  return problems;
}

interface Timed<T> {
  item: T;
  start: number;
  end: number;
}

function timed<T extends ItineraryItemTimes>(items: readonly T[]): Timed<T>[] {
  const out: Timed<T>[] = [];
  for (const item of items) {
    const start = dateTimeInstant(item.start);
    const end = dateTimeInstant(item.end);
    if (!Number.isNaN(start) && !Number.isNaN(end) && end >= start) out.push({ item, start, end });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || compareIds(a.item.id, b.item.id));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface OverlapOptions {
  /**
   * Kinds that run in the background of a day (a hotel stay spans the appointments of that day; free time can be
   * interrupted): they never clash with other kinds, only with another item of their own kind (two hotels on one
   * night is a double booking). Default: hotel and free-time.
   */
  backgroundKinds?: readonly string[];
}

export interface Overlap {
  /** The item that starts first (on a tie, the one that ends first, then by id). */
  first: string;
  second: string;
}

/**
 * Pairs of items whose times overlap (`[start, end)`: one ending at 10:00 and the next starting at 10:00 do not).
 * Items with unusable times are left out (see {@link itemTimeProblems}).
 */
export function findOverlaps(items: readonly ItineraryItemTimes[], options: OverlapOptions = {}): Overlap[] {
  const background = new Set(options.backgroundKinds ?? ['hotel', 'free-time']);
  const sorted = timed(items);
  const overlaps: Overlap[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.start >= a.end && !(b.start === a.start && a.start === a.end)) break;
      if (!intervalsOverlap(a, b)) continue;
      const aBackground = background.has(a.item.kind);
      const bBackground = background.has(b.item.kind);
      if ((aBackground || bBackground) && !(aBackground && bBackground && a.item.kind === b.item.kind))
        continue;
      overlaps.push({ first: a.item.id, second: b.item.id });
    }
  }
  return overlaps;
}

/** [s, e) intervals; an instant (s = e) overlaps an interval that contains it strictly after its start, or itself. */
function intervalsOverlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

export interface ArrivalCheckOptions {
  /** Kinds that are medical appointments or procedures. Default: appointment, procedure. */
  medicalKinds?: readonly string[];
  /** The kind of the flights; the earliest-starting flight is the arrival. Default: flight. */
  flightKind?: string;
  /** The trip's first day (YYYY-MM-DD) and the zone its dates are calendar days in. */
  tripStart?: { date: string; timeZone: string };
}

export interface EarlyAppointment {
  id: string;
  /** Before the arrival flight lands, or on a day before the trip begins. */
  reason: 'before-arrival' | 'before-trip-start';
}

/**
 * Medical appointments and procedures scheduled before the client can be there: starting before the first
 * (arrival) flight lands, or on a day before the trip starts (in the trip's zone). One entry per item, the
 * arrival reason first when both apply.
 */
export function appointmentsBeforeArrival(
  items: readonly ItineraryItemTimes[],
  options: ArrivalCheckOptions = {},
): EarlyAppointment[] {
  const medical = new Set(options.medicalKinds ?? ['appointment', 'procedure']);
  const flightKind = options.flightKind ?? 'flight';
  const sorted = timed(items);
  const arrival = sorted.find((entry) => entry.item.kind === flightKind);
  const early: EarlyAppointment[] = [];
  for (const entry of sorted) {
    if (!medical.has(entry.item.kind)) continue;
    if (arrival !== undefined && entry.start < arrival.end) {
      early.push({ id: entry.item.id, reason: 'before-arrival' });
    } else if (
      options.tripStart !== undefined &&
      zonedParts(entry.start, options.tripStart.timeZone).date < options.tripStart.date
    ) {
      early.push({ id: entry.item.id, reason: 'before-trip-start' });
    }
  }
  return early;
}

export interface ZonedTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** HH:mm, 24-hour. */
  time: string;
  /** The zone's offset from UTC at that instant, ±hh:mm. */
  offset: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'longOffset',
    });
    if (formatters.size > 64) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date, wall-clock time and offset of an instant in an IANA zone. Throws RangeError for unknown zones. */
export function zonedParts(epochMs: number, timeZone: string): ZonedTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  const zoneName = get('timeZoneName');
  const offset = zoneName === 'GMT' ? '+00:00' : zoneName.replace(/^GMT/, '');
  return {
    date: `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
    offset,
  };
}

export interface TimelineEntry<T extends ItineraryItemTimes = ItineraryItemTimes> {
  item: T;
  /** Wall-clock start on this day: the item's own start, or 00:00 when it began on an earlier day. */
  from: string;
  /** Wall-clock end on this day: the item's own end, or 24:00 when it goes on past midnight. */
  to: string;
  continuesFromPreviousDay: boolean;
  continuesToNextDay: boolean;
  /** The zone's offset at the item's start (or at 00:00 on a continuation): shows a daylight-saving change. */
  offset: string;
}

export interface TimelineDay<T extends ItineraryItemTimes = ItineraryItemTimes> {
  /** YYYY-MM-DD in the timeline's zone. */
  date: string;
  entries: TimelineEntry<T>[];
}

/**
 * The itinerary day by day in `timeZone`: every calendar day from the first item's to the last item's (or the
 * given `range`, widened to cover every item), each with the items that take place on it, in order. An item that
 * crosses midnight appears on each day it touches, marked as continuing; one ending exactly at midnight does not
 * reach the next day. Wall-clock times and offsets follow the zone's daylight-saving rules, so a day can be 23 or 25
 * hours long. Items with unusable times are left out.
 */
export function dayTimeline<T extends ItineraryItemTimes>(
  items: readonly T[],
  timeZone: string,
  range?: { from: string; to: string },
): TimelineDay<T>[] {
  const sorted = timed(items);
  const placed = sorted.map((entry) => {
    const start = zonedParts(entry.start, timeZone);
    const end = zonedParts(entry.end, timeZone);
    // Ending at 00:00 of a later day means ending at 24:00 of the day before.
    const lastDay =
      end.time === '00:00' && entry.end > entry.start && end.date > start.date
        ? addDays(end.date, -1)
        : end.date;
    return { ...entry, startParts: start, endParts: end, lastDay };
  });
  let first = range?.from;
  let last = range?.to;
  for (const entry of placed) {
    if (first === undefined || entry.startParts.date < first) first = entry.startParts.date;
    if (last === undefined || entry.lastDay > last) last = entry.lastDay;
  }
  if (first === undefined || last === undefined) return [];
  const dayCount = daysBetween(first, last) + 1;
  const days: TimelineDay<T>[] = [];
  const index = new Map<string, TimelineDay<T>>();
  for (let i = 0; i < dayCount; i++) {
    const day: TimelineDay<T> = { date: addDays(first, i), entries: [] };
    days.push(day);
    index.set(day.date, day);
  }
  for (const entry of placed) {
    const span = daysBetween(entry.startParts.date, entry.lastDay);
    for (let i = 0; i <= span; i++) {
      const date = addDays(entry.startParts.date, i);
      const startsToday = i === 0;
      const endsToday = i === span;
      index.get(date)!.entries.push({
        item: entry.item,
        from: startsToday ? entry.startParts.time : '00:00',
        to: endsToday ? (entry.endParts.date === date ? entry.endParts.time : '24:00') : '24:00',
        continuesFromPreviousDay: !startsToday,
        continuesToNextDay: !endsToday,
        offset: startsToday
          ? entry.startParts.offset
          : offsetAtStartOf(date, timeZone, entry.startParts.offset),
      });
    }
  }
  return days;
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** The zone's offset as `date` begins there; `guess` is an offset in force shortly before. */
function offsetAtStartOf(date: string, timeZone: string, guess: string): string {
  const { year, month, day } = parseCalendarDate(date)!;
  const utcMidnight = Date.UTC(year, month - 1, day);
  let offset = guess;
  for (let attempt = 0; attempt < 3; attempt++) {
    const parts = zonedParts(utcMidnight - offsetMinutes(offset) * 60_000, timeZone);
    if (parts.date === date && parts.time === '00:00') return parts.offset;
    offset = parts.offset;
  }
  // No 00:00 that day (a zone that moves its clocks at midnight): the day starts at its first existing minute.
  for (let t = utcMidnight - 15 * 3_600_000; ; t += 15 * 60_000) {
    const parts = zonedParts(t, timeZone);
    if (parts.date === date) return parts.offset;
  }
}

const WALL_CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * A wall-clock date and time as read in `timeZone`, as the ISO 8601 date-time with the offset in force there and
 * then (`2026-04-01`, `19:00`, `Europe/London` → `2026-04-01T19:00:00+01:00`), which is how an item's time is
 * stored. Undefined when the time does not exist there (skipped when the clocks go forward) or the input is not a
 * date and an HH:mm time. A time that happens twice (clocks going back) is the first of the two.
 */
export function dateTimeInZone(date: string, time: string, timeZone: string): string | undefined {
  const day = parseCalendarDate(date);
  const clock = WALL_CLOCK_TIME.exec(time);
  if (day === undefined || clock === null) return undefined;
  const wall = Date.UTC(day.year, day.month - 1, day.day, Number(clock[1]), Number(clock[2]));
  // The offsets in force a day either side cover every transition a wall-clock time can fall near.
  const candidates = new Set(
    [wall - 86_400_000, wall, wall + 86_400_000].map((t) => zonedParts(t, timeZone).offset),
  );
  let earliest: { instant: number; offset: string } | undefined;
  for (const offset of candidates) {
    if (!/^[+-]\d{2}:\d{2}$/.test(offset)) continue;
    const instant = wall - offsetMinutes(offset) * 60_000;
    const parts = zonedParts(instant, timeZone);
    if (parts.date !== date || parts.time !== time || parts.offset !== offset) continue;
    if (earliest === undefined || instant < earliest.instant) earliest = { instant, offset };
  }
  return earliest && `${date}T${time}:00${earliest.offset}`;
}
