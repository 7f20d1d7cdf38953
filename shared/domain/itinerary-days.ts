import { addDays, daysBetween } from './dates';
import { dateTimeInstant, zonedParts, type ItineraryItemTimes, type ZonedTime } from './itinerary-checks';

/**
 * The itinerary day by day as the client lives it: each item at the time where it happens (the 08:30 check-up in
 * Tokyo reads 08:30), the client's home time beside it, and a stay of several nights as one band (check-in →
 * check-out on its first day, one "staying" line on each night between, check-out on its last day) rather than a
 * 00:00–24:00 piece on every day. An event is listed once, on the day it starts where it starts; a flight landing
 * the next day says so (`endDayOffset`).
 */
export interface ItineraryDayItem extends ItineraryItemTimes {
  startTimeZone?: string;
  endTimeZone?: string;
}

export type DayLine<T> =
  | {
      line: 'event';
      item: T;
      start: ZonedTime & { zone: string };
      end: ZonedTime & { zone: string };
      /** Calendar days from the start's date to the end's (each in its own zone): 1 for a flight landing next day. */
      endDayOffset: number;
      /** The same two instants in the client's home zone, when it is not where the item happens. */
      home?: { start: ZonedTime; end: ZonedTime; zone: string };
    }
  | {
      line: 'check-in' | 'staying' | 'check-out';
      item: T;
      start: ZonedTime & { zone: string };
      end: ZonedTime & { zone: string };
      home?: { start: ZonedTime; end: ZonedTime; zone: string };
    };

export interface ItineraryDay<T> {
  /** YYYY-MM-DD where the day's items happen. */
  date: string;
  lines: DayLine<T>[];
}

export interface ItineraryDaysOptions {
  /** The client's home zone (the trip's): times beside the local ones, and the zone of items entered without one. */
  homeZone: string;
  /** Draw every item in this zone instead of where it happens (the office's Japan-time view). */
  fixedZone?: string;
  /** Days to show even when empty (the trip's dates). */
  range?: { from: string; to: string };
  /** Kinds shown as a stay band when they span calendar days. Default: hotel. */
  stayKinds?: readonly string[];
}

export function itineraryDays<T extends ItineraryDayItem>(
  items: readonly T[],
  options: ItineraryDaysOptions,
): ItineraryDay<T>[] {
  const stayKinds = new Set(options.stayKinds ?? ['hotel']);
  const placed: { at: number; date: string; line: DayLine<T> }[] = [];
  for (const item of items) {
    const startAt = dateTimeInstant(item.start);
    const endAt = dateTimeInstant(item.end);
    if (Number.isNaN(startAt) || Number.isNaN(endAt) || endAt < startAt) continue;
    const startZone = options.fixedZone ?? item.startTimeZone ?? options.homeZone;
    const endZone = options.fixedZone ?? item.endTimeZone ?? startZone;
    const start = { ...zonedParts(startAt, startZone), zone: startZone };
    const end = { ...zonedParts(endAt, endZone), zone: endZone };
    const showHome =
      options.fixedZone === undefined && (startZone !== options.homeZone || endZone !== options.homeZone);
    const home = showHome
      ? {
          start: zonedParts(startAt, options.homeZone),
          end: zonedParts(endAt, options.homeZone),
          zone: options.homeZone,
        }
      : undefined;
    const common = { item, start, end, ...(home && { home }) };
    const nights = daysBetween(start.date, end.date);
    if (stayKinds.has(item.kind) && nights >= 1) {
      placed.push({ at: startAt, date: start.date, line: { line: 'check-in', ...common } });
      for (let i = 1; i < nights; i++) {
        // Between the ends, a stay sorts first: it is the background of the day.
        placed.push({ at: -Infinity, date: addDays(start.date, i), line: { line: 'staying', ...common } });
      }
      placed.push({ at: endAt, date: end.date, line: { line: 'check-out', ...common } });
    } else {
      placed.push({
        at: startAt,
        date: start.date,
        line: { line: 'event', ...common, endDayOffset: nights },
      });
    }
  }
  let first = options.range?.from;
  let last = options.range?.to;
  for (const { date } of placed) {
    if (first === undefined || date < first) first = date;
    if (last === undefined || date > last) last = date;
  }
  if (first === undefined || last === undefined) return [];
  const days = Array.from({ length: daysBetween(first, last) + 1 }, (_, i) => ({
    date: addDays(first, i),
    lines: [] as { at: number; id: string; line: DayLine<T> }[],
  }));
  const index = new Map(days.map((day) => [day.date, day]));
  for (const { at, date, line } of placed) index.get(date)!.lines.push({ at, id: line.item.id, line });
  return days.map((day) => ({
    date: day.date,
    lines: day.lines
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((entry) => entry.line),
  }));
}
