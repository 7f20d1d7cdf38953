import { fieldConflictsSchema, type WithConflicts } from '../sync/conflicts';
import { EPOCH_MS_MAX, type ValidationResult } from './client';

/**
 * A client's trip and its itinerary. The dated items are embedded in the trip, so an itinerary syncs (and
 * conflicts) as one document: a device never holds half of a rescheduled day.
 *
 * Times: an item's `start` and `end` are ISO 8601 date-times with their UTC offset
 * (`2026-04-02T09:30:00+09:00`). Each end of an item carries its own offset, so a flight from London to Tokyo
 * reads in each airport's local time and still names one instant; the trip's `timeZone` (the client's IANA zone)
 * is where the trip is shown by default and what `startDate`/`endDate` are calendar days in.
 */
export const TRIP_ITEM_KINDS = [
  'flight',
  'hotel',
  'transfer',
  'appointment',
  'procedure',
  'therapy',
  'free-time',
] as const;
export type TripItemKind = (typeof TRIP_ITEM_KINDS)[number];

export interface TripItem {
  id: string;
  kind: TripItemKind;
  /** ISO 8601 with offset, e.g. 2026-04-02T09:30:00+09:00. */
  start: string;
  end: string;
  title: string;
  location?: string;
  /** The partner institution providing the item (hospital, hotel, driver), once partners exist. */
  partnerId?: string;
  notes?: string;
}

export interface Trip extends WithConflicts {
  id: string;
  clientId: string;
  /** As on the client: a concierge's device receives only the trips it is assigned to. */
  assignedStaffIds: string[];
  title: string;
  /** YYYY-MM-DD, calendar days in `timeZone`. */
  startDate: string;
  endDate: string;
  /** IANA time zone name, e.g. Asia/Tokyo. */
  timeZone: string;
  items: TripItem[];
  /** Milliseconds since the epoch; set by the device that made the change. */
  createdAt: number;
  updatedAt: number;
}

export const TRIP_TITLE_MAX_LENGTH = 200;
export const TRIP_ITEMS_MAX = 200;
export const TRIP_ITEM_NOTES_MAX_LENGTH = 4000;

const UUID = { type: 'string', maxLength: 36, pattern: '^[0-9a-f-]{36}$' } as const;
const DATE = '\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])';
export const TRIP_DATE_PATTERN = `^${DATE}$`;
/** A date-time with seconds optional and an explicit offset (Z or ±hh:mm): never a floating local time. */
export const TRIP_DATE_TIME_PATTERN = `^${DATE}T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,3})?)?(Z|[+-](0\\d|1[0-4]):[0-5]\\d)$`;
/** The shape of an IANA zone name (Asia/Tokyo, America/Argentina/Buenos_Aires, Etc/GMT+9, UTC). */
export const TIME_ZONE_PATTERN = '^(UTC|[A-Z][A-Za-z_-]*(/[A-Za-z0-9_+-]+){1,2})$';

const dateTime = { type: 'string', maxLength: 35, pattern: TRIP_DATE_TIME_PATTERN } as const;

/**
 * The one schema for a trip document, read by RxDB, the server's Ajv (through wireSchemaOf) and the tests, like
 * clientSchema. Indexed fields are required and bounded (Dexie needs both); everything else is sealed at rest.
 */
export const tripSchema = {
  title: 'trip',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: UUID,
    clientId: UUID,
    assignedStaffIds: { type: 'array', items: UUID, maxItems: 50, uniqueItems: true },
    title: { type: 'string', minLength: 1, maxLength: TRIP_TITLE_MAX_LENGTH },
    startDate: { type: 'string', maxLength: 10, pattern: TRIP_DATE_PATTERN },
    endDate: { type: 'string', maxLength: 10, pattern: TRIP_DATE_PATTERN },
    timeZone: { type: 'string', maxLength: 64, pattern: TIME_ZONE_PATTERN },
    items: {
      type: 'array',
      maxItems: TRIP_ITEMS_MAX,
      items: {
        type: 'object',
        properties: {
          id: UUID,
          kind: { type: 'string', enum: [...TRIP_ITEM_KINDS], maxLength: 16 },
          start: dateTime,
          end: dateTime,
          title: { type: 'string', minLength: 1, maxLength: TRIP_TITLE_MAX_LENGTH },
          location: { type: 'string', maxLength: 500 },
          partnerId: UUID,
          notes: { type: 'string', maxLength: TRIP_ITEM_NOTES_MAX_LENGTH },
        },
        required: ['id', 'kind', 'start', 'end', 'title'],
        additionalProperties: false,
      },
    },
    createdAt: { type: 'integer', minimum: 0, maximum: EPOCH_MS_MAX, multipleOf: 1 },
    updatedAt: { type: 'integer', minimum: 0, maximum: EPOCH_MS_MAX, multipleOf: 1 },
    conflicts: fieldConflictsSchema,
  },
  required: [
    'id',
    'clientId',
    'assignedStaffIds',
    'title',
    'startDate',
    'endDate',
    'timeZone',
    'items',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
  indexes: ['clientId', 'startDate', 'updatedAt'],
} as const;

/** The instant an ISO 8601 date-time with offset names, in epoch milliseconds (NaN when it names none). */
export function instantOf(dateTime: string): number {
  return new RegExp(TRIP_DATE_TIME_PATTERN).test(dateTime) ? Date.parse(dateTime) : Number.NaN;
}

/** Whether the runtime knows `zone` as an IANA time zone (ECMA-402: Intl refuses unknown zones). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return new RegExp(TIME_ZONE_PATTERN).test(zone);
  } catch {
    return false;
  }
}

/**
 * What the schema cannot say about a trip: the dates in order, each item ending no earlier than it starts, item
 * ids unique, the zone a real one. The app checks a trip with it before writing; the schema re-checks the shape
 * at every boundary.
 */
export function checkTrip(trip: Trip): ValidationResult<Trip> {
  if (!isKnownTimeZone(trip.timeZone)) return { ok: false, reason: 'time-zone-unknown' };
  if (trip.endDate < trip.startDate) return { ok: false, reason: 'end-before-start' };
  const ids = new Set<string>();
  for (const item of trip.items) {
    if (ids.has(item.id)) return { ok: false, reason: 'item-id-repeated' };
    ids.add(item.id);
    const start = instantOf(item.start);
    const end = instantOf(item.end);
    if (Number.isNaN(start) || Number.isNaN(end)) return { ok: false, reason: 'item-time-invalid' };
    if (end < start) return { ok: false, reason: 'item-ends-before-it-starts' };
  }
  return { ok: true, value: trip };
}

/** Items in the order they happen (by instant, then by id so every device agrees on ties). */
export function itineraryOrder(items: readonly TripItem[]): TripItem[] {
  return [...items].sort((a, b) => instantOf(a.start) - instantOf(b.start) || (a.id < b.id ? -1 : 1));
}
