import type { TFunction } from 'i18next';
import type { TripWrite } from './trip-data';

/** Why a trip was not written, in the person's language: the checks it failed, or the store's error code. */
export function tripWriteError(t: TFunction, write: Exclude<TripWrite, { ok: true }>): string {
  if (write.kind === 'invalid')
    return t('trips.invalidTrip', {
      reason: [...new Set(write.errors.map((error) => error.code))].join(', '),
    });
  return t('trips.saveFailed', { code: write.code });
}
