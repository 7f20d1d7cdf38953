import { passportExpiryWarning, type PassportWarning } from './client-passport';
import type { Client } from './client';
import { addDays } from './dates';
import { dateTimeInstant, zonedParts } from './itinerary-checks';
import { itineraryFlags, type ItemFlags } from './itinerary-flags';
import type { Trip, TripItem, TripItemKind } from './trip';

/**
 * The concierge's day: every arrival, departure, transfer, appointment and procedure of the clients at hand
 * (the device's store holds exactly the clients the person may see), for a run of calendar days in the office's
 * zone, in time order, each with what is wrong with it. Pure: the Today screen feeds it the local store, so it
 * works offline.
 *
 * What appears: an item on the day it starts; a flight and a stay (hotel) at both ends (departure and landing,
 * check-in and check-out), each on its own day; free time never (nothing to do). Days are calendar days in
 * `officeZone` (Tokyo).
 */

/** Kinds a partner must confirm (a hotel, a driver, a clinic): without a partner id, the item is flagged. */
export const PARTNER_KINDS: readonly TripItemKind[] = [
  'hotel',
  'transfer',
  'appointment',
  'procedure',
  'therapy',
];
/** Kinds whose title, place and notes are medical: the schedule shows their kind and time only. */
export const MEDICAL_ITEM_KINDS: readonly TripItemKind[] = ['appointment', 'procedure', 'therapy'];

export interface ScheduleFlags {
  /** Overlaps another item of the same trip. */
  overlap: boolean;
  /** A medical item before the client can be there (before the arrival flight lands, or before the trip starts). */
  early?: 'before-arrival' | 'before-trip-start';
  /** The client's passport, against the trip's end. */
  passport?: PassportWarning;
  /** A kind a partner provides, with no partner named. */
  noPartner: boolean;
}

export interface ScheduleEntry {
  /** Unique in the schedule: the item's id and which end of it this is. */
  key: string;
  clientId: string;
  clientName: string;
  tripId: string;
  kind: TripItemKind;
  /** The item's title and place, left out for medical kinds (sealed or not, they stay off the overview). */
  title?: string;
  location?: string;
  /** 'start', or 'end' for a flight's landing or a stay's check-out. */
  edge: 'start' | 'end';
  /** The instant this entry is at (epoch ms). */
  at: number;
  /** The item's own start and end (ISO with offsets, as stored). */
  start: string;
  end: string;
  /** The client's zone (the trip's), shown beside the office's time when it differs. */
  clientZone: string;
  flags: ScheduleFlags;
}

export interface ScheduleDay {
  /** YYYY-MM-DD in the office's zone. */
  date: string;
  entries: ScheduleEntry[];
}

export interface ScheduleOptions {
  /** The first day, YYYY-MM-DD in `officeZone`. */
  today: string;
  /** How many days from `today` (Today and tomorrow: 2). */
  days: number;
  officeZone: string;
}

function instantOrUndefined(dateTime: string): number | undefined {
  const at = dateTimeInstant(dateTime);
  return Number.isFinite(at) ? at : undefined;
}

export function daySchedule(
  trips: readonly Trip[],
  clients: ReadonlyMap<string, Client>,
  options: ScheduleOptions,
): ScheduleDay[] {
  const dates = Array.from({ length: options.days }, (_, i) => addDays(options.today, i));
  const byDate = new Map(dates.map((date) => [date, [] as ScheduleEntry[]]));
  for (const trip of trips) {
    const client = clients.get(trip.clientId);
    if (client === undefined) continue;
    const flags = itineraryFlags(trip);
    const passport = client.passport
      ? passportExpiryWarning(client.passport, trip.endDate, options.today)
      : undefined;
    for (const item of trip.items) {
      if (item.kind === 'free-time') continue;
      const edges: ['start' | 'end', string][] = [['start', item.start]];
      if (item.kind === 'hotel' || item.kind === 'flight') edges.push(['end', item.end]);
      for (const [edge, dateTime] of edges) {
        const at = instantOrUndefined(dateTime);
        if (at === undefined) continue;
        const list = byDate.get(zonedParts(at, options.officeZone).date);
        if (list === undefined) continue;
        list.push(entryOf(trip, client, item, edge, at, { flags: flags.get(item.id), passport }));
      }
    }
  }
  return dates.map((date) => ({
    date,
    entries: byDate
      .get(date)!
      .sort((a, b) => a.at - b.at || a.clientName.localeCompare(b.clientName) || a.key.localeCompare(b.key)),
  }));
}

function entryOf(
  trip: Trip,
  client: Client,
  item: TripItem,
  edge: 'start' | 'end',
  at: number,
  found: { flags: ItemFlags | undefined; passport?: PassportWarning },
): ScheduleEntry {
  const medical = MEDICAL_ITEM_KINDS.includes(item.kind);
  return {
    key: `${item.id}.${edge}`,
    clientId: client.id,
    clientName: client.names.latin,
    tripId: trip.id,
    kind: item.kind,
    ...(medical ? {} : { title: item.title, ...(item.location ? { location: item.location } : {}) }),
    edge,
    at,
    start: item.start,
    end: item.end,
    clientZone: trip.timeZone,
    flags: {
      overlap: (found.flags?.overlapsWith.length ?? 0) > 0,
      ...(found.flags?.early ? { early: found.flags.early } : {}),
      ...(found.passport ? { passport: found.passport } : {}),
      noPartner: PARTNER_KINDS.includes(item.kind) && item.partnerId === undefined,
    },
  };
}
