import type { TFunction } from 'i18next';
import { itineraryOrder, type TripItem } from '../../../../shared/index';
import type { FieldError } from '../../../../shared/domain/validation';
import { tripsEn } from './messages';
import type { TripWrite } from './trip-data';

/** The catalogue key naming each field checkTrip reports on (its path in the trip, or in the item). */
const TRIP_FIELDS: Record<string, string> = {
  title: 'trips.field.title',
  startDate: 'trips.field.startDate',
  endDate: 'trips.field.endDate',
  timeZone: 'trips.field.timeZone',
};
const ITEM_FIELDS: Record<string, string> = {
  title: 'trips.items.title',
  kind: 'trips.items.kind',
  start: 'trips.items.start',
  end: 'trips.items.end',
  startTimeZone: 'trips.items.startZone',
  endTimeZone: 'trips.items.endZone',
  location: 'trips.items.location',
  notes: 'trips.items.notes',
  'cost.amount': 'trips.items.amount',
  'cost.currency': 'trips.items.currency',
};
const KNOWN_PROBLEMS = new Set(Object.keys(tripsEn.problem));

/** One failed check in words: which item (by its place in the itinerary, and its title) and field, and why. */
function problemText(t: TFunction, error: FieldError, items: readonly TripItem[]): string {
  const problem = t(
    `trips.problem.${KNOWN_PROBLEMS.has(error.code) ? error.code : 'other'}`,
    error.params ?? {},
  );
  const item = /^items\.(\d+)\.(.+)$/.exec(error.path);
  if (item === null) {
    const field = TRIP_FIELDS[error.path];
    return field ? t('trips.writeProblem.trip', { field: t(field), problem }) : problem;
  }
  const index = Number(item[1]);
  const written = items[index];
  const position = written ? itineraryOrder(items).indexOf(written) + 1 : index + 1;
  const field = ITEM_FIELDS[item[2] ?? ''];
  const where = { position, title: written?.title ?? '', problem };
  return field
    ? t(written ? 'trips.writeProblem.itemField' : 'trips.writeProblem.itemFieldUntitled', {
        ...where,
        field: t(field),
      })
    : t(written ? 'trips.writeProblem.item' : 'trips.writeProblem.itemUntitled', where);
}

/**
 * Why a trip was not written, in the person's language: each check it failed, naming the item (by its position in
 * the itinerary as shown, and its title) and the field; or the store's error code. `items` are the items of the
 * trip as it was to be written (the write's error paths index them).
 */
export function tripWriteError(
  t: TFunction,
  write: Exclude<TripWrite, { ok: true }>,
  items: readonly TripItem[] = [],
): string {
  if (write.kind === 'invalid') {
    const reasons = [...new Set(write.errors.map((error) => problemText(t, error, items)))];
    return t('trips.invalidTrip', { reason: reasons.join(' ') });
  }
  if (write.kind === 'refused') return t(`trips.medicalRefused.${write.reason}`);
  return t('trips.saveFailed', { code: write.code });
}
