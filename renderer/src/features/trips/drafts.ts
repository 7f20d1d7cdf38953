import { isCalendarDate } from '../../../../shared/domain/dates';
import { dateTimeInZone, zonedParts } from '../../../../shared/domain/itinerary-checks';
import {
  costProblem,
  instantOf,
  isKnownTimeZone,
  TRIP_ITEM_NOTES_MAX_LENGTH,
  TRIP_TITLE_MAX_LENGTH,
  type Trip,
  type TripItem,
  type TripItemKind,
} from '../../../../shared/index';

/**
 * The trip and item forms as typed (every field a string), and their conversion to the stored shapes: each
 * problem is named against the field it belongs to, and nothing is produced while any field has one.
 */
export interface TripDraft {
  title: string;
  startDate: string;
  endDate: string;
  timeZone: string;
}

export type TripField = keyof TripDraft;
export type DraftProblem =
  | 'required'
  | 'too-long'
  | 'date-invalid'
  | 'time-invalid'
  | 'zone-unknown'
  | 'time-skipped'
  | 'end-before-start'
  | 'amount-invalid'
  | 'amount-too-precise'
  | 'currency-unknown'
  | 'currency-required'
  | 'amount-required';

export type DraftResult<T, F extends string> =
  { ok: true; value: T } | { ok: false; problems: Partial<Record<F, DraftProblem>> };

export function tripDraftOf(trip: Trip | undefined, defaultZone: string): TripDraft {
  return {
    title: trip?.title ?? '',
    startDate: trip?.startDate ?? '',
    endDate: trip?.endDate ?? '',
    timeZone: trip?.timeZone ?? defaultZone,
  };
}

export function readTripDraft(draft: TripDraft): DraftResult<TripDraft, TripField> {
  const problems: Partial<Record<TripField, DraftProblem>> = {};
  const title = draft.title.trim();
  if (title === '') problems.title = 'required';
  else if (title.length > TRIP_TITLE_MAX_LENGTH) problems.title = 'too-long';
  if (!isCalendarDate(draft.startDate)) problems.startDate = 'date-invalid';
  if (!isCalendarDate(draft.endDate)) problems.endDate = 'date-invalid';
  else if (problems.startDate === undefined && draft.endDate < draft.startDate)
    problems.endDate = 'end-before-start';
  const timeZone = draft.timeZone.trim();
  if (!isKnownTimeZone(timeZone)) problems.timeZone = 'zone-unknown';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { ...draft, title, timeZone } };
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
    title: item.title,
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

function endOf(
  date: string,
  time: string,
  zone: string,
  fields: { date: ItemField; time: ItemField; zone: ItemField },
  problems: Partial<Record<ItemField, DraftProblem>>,
): string | undefined {
  let ok = true;
  if (!isCalendarDate(date)) {
    problems[fields.date] = 'date-invalid';
    ok = false;
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    problems[fields.time] = time === '' ? 'required' : 'time-invalid';
    ok = false;
  }
  if (!isKnownTimeZone(zone)) {
    problems[fields.zone] = 'zone-unknown';
    ok = false;
  }
  if (!ok) return undefined;
  const stored = dateTimeInZone(date, time, zone);
  if (stored === undefined) problems[fields.time] = 'time-skipped';
  return stored;
}

export function readItemDraft(draft: ItemDraft, id: string): DraftResult<TripItem, ItemField> {
  const problems: Partial<Record<ItemField, DraftProblem>> = {};
  const title = draft.title.trim();
  if (title === '') problems.title = 'required';
  else if (title.length > TRIP_TITLE_MAX_LENGTH) problems.title = 'too-long';
  const startZone = draft.startZone.trim();
  const endZone = draft.endZone.trim();
  const start = endOf(
    draft.startDate,
    draft.startTime,
    startZone,
    { date: 'startDate', time: 'startTime', zone: 'startZone' },
    problems,
  );
  const end = endOf(
    draft.endDate,
    draft.endTime,
    endZone,
    { date: 'endDate', time: 'endTime', zone: 'endZone' },
    problems,
  );
  if (start !== undefined && end !== undefined && instantOf(end) < instantOf(start))
    problems.endTime = 'end-before-start';
  if (draft.location.trim().length > 500) problems.location = 'too-long';
  if (draft.notes.length > TRIP_ITEM_NOTES_MAX_LENGTH) problems.notes = 'too-long';

  const amountText = draft.amount.trim();
  const currency = draft.currency.trim().toUpperCase();
  let cost: TripItem['cost'];
  if (amountText !== '' || currency !== '') {
    const amount = parseAmount(amountText);
    if (amountText === '') problems.amount = 'amount-required';
    else if (amount === undefined) problems.amount = 'amount-invalid';
    if (currency === '') problems.currency = 'currency-required';
    if (amount !== undefined && currency !== '') {
      const problem = costProblem({ amount, currency });
      if (problem === 'currency-unknown') problems.currency = problem;
      else if (problem !== undefined) problems.amount = problem;
      else cost = { amount, currency };
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const item: TripItem = {
    id,
    kind: draft.kind,
    start: start!,
    end: end!,
    title,
    startTimeZone: startZone,
    endTimeZone: endZone,
  };
  const location = draft.location.trim();
  if (location !== '') item.location = location;
  if (draft.notes.trim() !== '') item.notes = draft.notes;
  if (cost !== undefined) item.cost = cost;
  return { ok: true, value: item };
}
