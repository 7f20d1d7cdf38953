import { isCalendarDate } from './dates';
import { dateTimeInZone, zonedParts } from './itinerary-checks';
import { runtimeTimeZones, zoneFromInput } from './itinerary-zones';
import {
  costProblem,
  instantOf,
  isKnownTimeZone,
  TRIP_ITEM_KINDS,
  TRIP_ITEM_LOCATION_MAX_LENGTH,
  TRIP_ITEM_NOTES_MAX_LENGTH,
  TRIP_TITLE_MAX_LENGTH,
  type Trip,
  type TripItem,
  type TripItemKind,
} from './trip';
import { FieldErrors, type ValidationResult } from './validation';

/**
 * The trip and itinerary item forms as typed (every field a string), and their conversion to the stored shapes:
 * each problem is named against the field it belongs to (its `path` is the draft's field name), and nothing is
 * produced while any field has one. The tests hold these rules to the trip schema: whatever they accept, the
 * server accepts.
 */
export interface TripDraft {
  title: string;
  startDate: string;
  endDate: string;
  timeZone: string;
}

export type TripField = keyof TripDraft;

export function tripDraftOf(trip: Trip | undefined, defaultZone: string): TripDraft {
  return {
    title: trip?.title ?? '',
    startDate: trip?.startDate ?? '',
    endDate: trip?.endDate ?? '',
    timeZone: trip?.timeZone ?? defaultZone,
  };
}

function titleOf(errors: FieldErrors, raw: string): string {
  const title = raw.trim();
  if (title === '') errors.add('title', 'required');
  else if (title.length > TRIP_TITLE_MAX_LENGTH)
    errors.add('title', 'too-long', { max: TRIP_TITLE_MAX_LENGTH });
  return title;
}

let zones: string[] | undefined;
/** A zone field's text (a picked "Tokyo (Asia/Tokyo)", an IANA name or a city) as an IANA name, or as typed. */
function zoneOf(text: string): string {
  zones ??= runtimeTimeZones();
  return zoneFromInput(text, zones) ?? text.trim();
}

/** The trip's title, days and zone as they will be stored (title trimmed, the zone as its IANA name). */
export function validateTripDraft(draft: TripDraft): ValidationResult<TripDraft> {
  const errors = new FieldErrors();
  const title = titleOf(errors, draft.title);
  const startValid = isCalendarDate(draft.startDate);
  if (!startValid) errors.add('startDate', 'date-invalid');
  if (!isCalendarDate(draft.endDate)) errors.add('endDate', 'date-invalid');
  else if (startValid && draft.endDate < draft.startDate) errors.add('endDate', 'end-before-start');
  const timeZone = zoneOf(draft.timeZone);
  if (!isKnownTimeZone(timeZone)) errors.add('timeZone', 'zone-unknown');
  return errors.result({ ...draft, title, timeZone });
}

export interface ItemDraft {
  kind: TripItemKind;
  title: string;
  startDate: string;
  startTime: string;
  startZone: string;
  endDate: string;
  endTime: string;
  endZone: string;
  location: string;
  notes: string;
  amount: string;
  currency: string;
}

export type ItemField = keyof ItemDraft;

/** An empty item for a trip: both ends in the trip's zone, on its first day. */
export function newItemDraft(trip: Trip): ItemDraft {
  return {
    kind: 'flight',
    title: '',
    startDate: trip.startDate,
    startTime: '',
    startZone: trip.timeZone,
    endDate: trip.startDate,
    endTime: '',
    endZone: trip.timeZone,
    location: '',
    notes: '',
    amount: '',
    currency: '',
  };
}

/** An item as the form shows it: each end in the zone it was entered in (else the trip's zone). */
export function itemDraftOf(item: TripItem, tripZone: string): ItemDraft {
  const startZone = item.startTimeZone ?? tripZone;
  const endZone = item.endTimeZone ?? tripZone;
  const start = zonedParts(instantOf(item.start), startZone);
  const end = zonedParts(instantOf(item.end), endZone);
  return {
    kind: item.kind,
    title: item.title ?? '',
    startDate: start.date,
    startTime: start.time,
    startZone,
    endDate: end.date,
    endTime: end.time,
    endZone,
    location: item.location ?? '',
    notes: item.notes ?? '',
    amount: item.cost === undefined ? '' : String(item.cost.amount),
    currency: item.cost?.currency ?? '',
  };
}

/** "180,000", "１８００００" and "1 200.50" all read as numbers; anything else is not an amount. */
export function parseAmount(text: string): number | undefined {
  const plain = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(plain)) return undefined;
  return Number(plain);
}

/** One end of an item as an ISO 8601 date-time with the offset its zone has then; undefined if it names none. */
function endOf(
  errors: FieldErrors,
  end: { date: string; time: string; zone: string },
  fields: { date: ItemField; time: ItemField; zone: ItemField },
): string | undefined {
  let ok = true;
  if (!isCalendarDate(end.date)) {
    errors.add(fields.date, 'date-invalid');
    ok = false;
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(end.time)) {
    errors.add(fields.time, end.time === '' ? 'required' : 'time-invalid');
    ok = false;
  }
  if (!isKnownTimeZone(end.zone)) {
    errors.add(fields.zone, 'zone-unknown');
    ok = false;
  }
  if (!ok) return undefined;
  const stored = dateTimeInZone(end.date, end.time, end.zone);
  if (stored === undefined) errors.add(fields.time, 'time-skipped');
  return stored;
}

function costOf(errors: FieldErrors, draft: ItemDraft): TripItem['cost'] {
  const amountText = draft.amount.trim();
  const currency = draft.currency.trim().toUpperCase();
  if (amountText === '' && currency === '') return undefined;
  const amount = parseAmount(amountText);
  if (amountText === '') errors.add('amount', 'amount-required');
  else if (amount === undefined) errors.add('amount', 'amount-invalid');
  if (currency === '') errors.add('currency', 'currency-required');
  if (amount === undefined || currency === '') return undefined;
  const problem = costProblem({ amount, currency });
  if (problem === 'currency-unknown') errors.add('currency', problem);
  else if (problem !== undefined) errors.add('amount', problem);
  else return { amount, currency };
  return undefined;
}

/** The item as it will be stored under `id`, each end with its zone's offset at that moment. */
export function validateItemDraft(draft: ItemDraft, id: string): ValidationResult<TripItem> {
  const errors = new FieldErrors();
  // The form offers only the known kinds; a draft from elsewhere may not.
  if (!(TRIP_ITEM_KINDS as readonly string[]).includes(draft.kind)) errors.add('kind', 'unknown-option');
  const title = titleOf(errors, draft.title);
  const startZone = zoneOf(draft.startZone);
  const endZone = zoneOf(draft.endZone);
  const start = endOf(
    errors,
    { date: draft.startDate, time: draft.startTime, zone: startZone },
    { date: 'startDate', time: 'startTime', zone: 'startZone' },
  );
  const end = endOf(
    errors,
    { date: draft.endDate, time: draft.endTime, zone: endZone },
    { date: 'endDate', time: 'endTime', zone: 'endZone' },
  );
  if (start !== undefined && end !== undefined && instantOf(end) < instantOf(start))
    errors.add('endTime', 'end-before-start');
  const location = draft.location.trim();
  if (location.length > TRIP_ITEM_LOCATION_MAX_LENGTH)
    errors.add('location', 'too-long', { max: TRIP_ITEM_LOCATION_MAX_LENGTH });
  if (draft.notes.length > TRIP_ITEM_NOTES_MAX_LENGTH)
    errors.add('notes', 'too-long', { max: TRIP_ITEM_NOTES_MAX_LENGTH });
  const cost = costOf(errors, draft);
  if (errors.list.length > 0 || start === undefined || end === undefined)
    return { ok: false, errors: errors.list };
  const item: TripItem = {
    id,
    kind: draft.kind,
    start,
    end,
    title,
    startTimeZone: startZone,
    endTimeZone: endZone,
  };
  if (location !== '') item.location = location;
  if (draft.notes.trim() !== '') item.notes = draft.notes;
  if (cost !== undefined) item.cost = cost;
  return { ok: true, value: item };
}
