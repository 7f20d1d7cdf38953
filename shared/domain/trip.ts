import { fieldConflictsSchema, type WithConflicts } from '../sync/conflicts';
import { EPOCH_MS_MAX } from './client';
import { FieldErrors, type ValidationResult } from './validation';
import { isCalendarDate } from './dates';

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

/**
 * The kinds whose title, place and notes are health data (what is done to the client, where, and what to know):
 * sealed under the client's medical data key (trip-medical.ts). Their time, kind and partner stay readable, for
 * scheduling.
 */
export const MEDICAL_TRIP_ITEM_KINDS = ['appointment', 'procedure', 'therapy'] as const;
export const NON_MEDICAL_TRIP_ITEM_KINDS = TRIP_ITEM_KINDS.filter(
  (kind) => !(MEDICAL_TRIP_ITEM_KINDS as readonly string[]).includes(kind),
);
export const isMedicalTripKind = (kind: string): boolean =>
  (MEDICAL_TRIP_ITEM_KINDS as readonly string[]).includes(kind);

export interface TripItem {
  id: string;
  kind: TripItemKind;
  /** ISO 8601 with offset, e.g. 2026-04-02T09:30:00+09:00. */
  start: string;
  end: string;
  /**
   * Required for every kind but the medical ones, whose title, location and notes are sealed into
   * `sealedDetails` instead (a medical item written before version 3 may still carry them in clear on a device
   * until a holder of the client's key writes the trip: trip-medical.ts).
   */
  title?: string;
  location?: string;
  /** The partner institution providing the item (hospital, hotel, driver), once partners exist. */
  partnerId?: string;
  notes?: string;
  /**
   * The IANA zones the start and end were entered in (the offsets alone do not name a zone): the editor shows the
   * times again in them. The offsets in `start` and `end` stay the truth; these only say where.
   */
  startTimeZone?: string;
  endTimeZone?: string;
  /** What the item costs, in its own currency (amounts are shown in the currency they were agreed in). */
  cost?: TripItemCost;
  /**
   * Medical kinds only: `{ title, location?, notes? }` as a field envelope under the client's medical data key,
   * bound to the trip's id and the item's id (trip-medical.ts).
   */
  sealedDetails?: string;
  /**
   * Medical kinds only, on the write that seals details a trip held in clear before version 3: the digest of
   * those clear details (trip-medical.ts `resealDigest`), which the server checks against the clear item it holds
   * to tell a re-seal (no consent needed) from new details (a medical write). Dropped at the item's next write.
   */
  resealOf?: string;
}

export interface TripItemCost {
  /** In the currency's major unit (150000 yen, 1200.5 pounds), never negative. */
  amount: number;
  /** ISO 4217 code, e.g. JPY, GBP. */
  currency: string;
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
export const TRIP_ITEM_LOCATION_MAX_LENGTH = 500;
/** A cost above this is a typing slip, not an itinerary item (and stays an exact integer in a double). */
export const TRIP_ITEM_COST_MAX = 1_000_000_000_000;
/**
 * The sealed details of a medical item: at most 4,700 characters of text, up to 3 bytes each in UTF-8, as JSON,
 * plus the envelope's nonce and tag, in base64url.
 */
export const TRIP_ITEM_SEALED_MAX_LENGTH = 24_000;
export const CURRENCY_CODE_PATTERN = '^[A-Z]{3}$';

const UUID = { type: 'string', maxLength: 36, pattern: '^[0-9a-f-]{36}$' } as const;
const DATE = '\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])';
export const TRIP_DATE_PATTERN = `^${DATE}$`;
/** A date-time with seconds optional and an explicit offset (Z or ±hh:mm): never a floating local time. */
export const TRIP_DATE_TIME_PATTERN = `^${DATE}T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,3})?)?(Z|[+-](0\\d|1[0-4]):[0-5]\\d)$`;
/** The shape of an IANA zone name (Asia/Tokyo, America/Argentina/Buenos_Aires, Etc/GMT+9, UTC). */
export const TIME_ZONE_PATTERN = '^(UTC|[A-Z][A-Za-z_-]*(/[A-Za-z0-9_+-]+){1,2})$';

const dateTime = { type: 'string', maxLength: 35, pattern: TRIP_DATE_TIME_PATTERN } as const;
const timeZone = { type: 'string', maxLength: 64, pattern: TIME_ZONE_PATTERN } as const;
const itemTitle = { type: 'string', minLength: 1, maxLength: TRIP_TITLE_MAX_LENGTH } as const;
/** A field envelope (docs/crypto-spec.md, section 3): version 1, a key id, at least a nonce and a tag. */
const sealedDetails = {
  type: 'string',
  maxLength: TRIP_ITEM_SEALED_MAX_LENGTH,
  pattern: '^1\\.[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{54,}$',
} as const;

/**
 * The one schema for a trip document, read by RxDB, the server's Ajv (through wireSchemaOf) and the tests, like
 * clientSchema. Indexed fields are required and bounded (Dexie needs both); everything else is sealed at rest.
 * Version 1 added the optional `cost`, `startTimeZone` and `endTimeZone` of items: version 0 documents are valid
 * as they are. Version 2 indexes `clientId` alone (trips are only ever looked up by their client, and sorted in
 * memory): a trip's dates are sealed at rest, and each trip costs IndexedDB two index entries fewer.
 * Version 3 seals the details of medical items (`sealedDetails`): an item's `title` is required of the other
 * kinds only, and a medical item carries its title or (from version 3 on) its sealed details. A medical item with
 * its details in clear is refused on push by the trips push rule (shared/sync/trip-push-rule.ts), not here: the
 * server validates a push's assumed state with this schema too, and a trip written before version 3 must still
 * be pushed in its sealed form over its clear one. Version 4 adds the optional `resealOf` of medical items.
 */
export const tripSchema = {
  title: 'trip',
  version: 4,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: UUID,
    clientId: UUID,
    assignedStaffIds: { type: 'array', items: UUID, maxItems: 50, uniqueItems: true },
    title: { type: 'string', minLength: 1, maxLength: TRIP_TITLE_MAX_LENGTH },
    startDate: { type: 'string', maxLength: 10, pattern: TRIP_DATE_PATTERN },
    endDate: { type: 'string', maxLength: 10, pattern: TRIP_DATE_PATTERN },
    timeZone,
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
          title: itemTitle,
          location: { type: 'string', maxLength: TRIP_ITEM_LOCATION_MAX_LENGTH },
          partnerId: UUID,
          notes: { type: 'string', maxLength: TRIP_ITEM_NOTES_MAX_LENGTH },
          startTimeZone: timeZone,
          endTimeZone: timeZone,
          cost: {
            type: 'object',
            properties: {
              amount: { type: 'number', minimum: 0, maximum: TRIP_ITEM_COST_MAX },
              currency: { type: 'string', maxLength: 3, pattern: CURRENCY_CODE_PATTERN },
            },
            required: ['amount', 'currency'],
            additionalProperties: false,
          },
          sealedDetails,
          resealOf: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$' },
        },
        required: ['id', 'kind', 'start', 'end'],
        // Other kinds: a title in clear and nothing sealed. Medical kinds: a title (before version 3) or sealed
        // details.
        if: { properties: { kind: { enum: [...NON_MEDICAL_TRIP_ITEM_KINDS] } } },
        then: {
          properties: { title: itemTitle, sealedDetails: false, resealOf: false },
          required: ['title'],
        },
        else: {
          anyOf: [
            { properties: { title: itemTitle }, required: ['title'] },
            { properties: { sealedDetails }, required: ['sealedDetails'] },
          ],
        },
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
  indexes: ['clientId'],
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
 * The digits after the decimal point a currency has (JPY 0, GBP 2, BHD 3), per the runtime's ISO 4217 data;
 * undefined for a code that names no currency the runtime knows.
 */
export function currencyMinorDigits(currency: string): number | undefined {
  if (!new RegExp(CURRENCY_CODE_PATTERN).test(currency)) return undefined;
  if (!Intl.supportedValuesOf('currency').includes(currency)) return undefined;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
  } catch {
    return undefined;
  }
}

export type CostProblem = 'currency-unknown' | 'amount-invalid' | 'amount-too-precise';

/** Why a cost cannot be kept: an unknown currency, a negative or absurd amount, or yen with sen. */
export function costProblem(cost: TripItemCost): CostProblem | undefined {
  const digits = currencyMinorDigits(cost.currency);
  if (digits === undefined) return 'currency-unknown';
  if (!Number.isFinite(cost.amount) || cost.amount < 0 || cost.amount > TRIP_ITEM_COST_MAX)
    return 'amount-invalid';
  const scaled = cost.amount * 10 ** digits;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return 'amount-too-precise';
  return undefined;
}

/** Whether an item carries a title, location or notes in clear. */
export function hasClearDetails(item: TripItem): boolean {
  return item.title !== undefined || item.location !== undefined || item.notes !== undefined;
}

/**
 * What the schema cannot say about a trip: the dates in order, each item ending no earlier than it starts, item
 * ids unique, the zones real ones, costs in a real currency with no more decimals than it has, the details of a
 * medical item sealed and those of other items in clear. The app checks a
 * trip with it before writing; the schema re-checks the shape at every boundary. Errors name the field by its
 * path in the trip (`items.2.end`).
 */
export function checkTrip(trip: Trip): ValidationResult<Trip> {
  const errors = new FieldErrors();
  if (!isKnownTimeZone(trip.timeZone)) errors.add('timeZone', 'zone-unknown');
  const startValid = isCalendarDate(trip.startDate);
  if (!startValid) errors.add('startDate', 'date-invalid');
  if (!isCalendarDate(trip.endDate)) errors.add('endDate', 'date-invalid');
  else if (startValid && trip.endDate < trip.startDate) errors.add('endDate', 'end-before-start');
  const ids = new Set<string>();
  trip.items.forEach((item, index) => {
    const at = `items.${index}`;
    if (ids.has(item.id)) errors.add(`${at}.id`, 'repeated');
    ids.add(item.id);
    if (isMedicalTripKind(item.kind)) {
      // Stored sealed only: the trip's writer seals a medical item's details before checking (trip-medical.ts).
      if (hasClearDetails(item)) errors.add(`${at}.title`, 'medical-unsealed');
      else if (item.sealedDetails === undefined) errors.add(`${at}.title`, 'required');
    } else {
      if (item.title === undefined) errors.add(`${at}.title`, 'required');
      if (item.sealedDetails !== undefined) errors.add(`${at}.title`, 'sealed-not-medical');
    }
    const start = instantOf(item.start);
    const end = instantOf(item.end);
    if (Number.isNaN(start)) errors.add(`${at}.start`, 'time-invalid');
    if (Number.isNaN(end)) errors.add(`${at}.end`, 'time-invalid');
    else if (end < start) errors.add(`${at}.end`, 'end-before-start');
    for (const field of ['startTimeZone', 'endTimeZone'] as const) {
      const zone = item[field];
      if (zone !== undefined && !isKnownTimeZone(zone)) errors.add(`${at}.${field}`, 'zone-unknown');
    }
    const problem = item.cost === undefined ? undefined : costProblem(item.cost);
    if (problem !== undefined)
      errors.add(`${at}.cost.${problem === 'currency-unknown' ? 'currency' : 'amount'}`, problem);
  });
  return errors.result(trip);
}

/** Items in the order they happen (by instant, then by id so every device agrees on ties). */
export function itineraryOrder(items: readonly TripItem[]): TripItem[] {
  return [...items].sort((a, b) => instantOf(a.start) - instantOf(b.start) || (a.id < b.id ? -1 : 1));
}
