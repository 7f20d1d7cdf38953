import type { SealedField } from '../../../../shared/crypto/index';
import type { Trip } from '../../../../shared/domain/trip';
import {
  TRIP_COLLECTION,
  tripSealedFields,
  withRotatedTripFields,
} from '../../../../shared/domain/trip-medical';
import type { MedicalContext } from './context';

/**
 * Medical trip details in a key rotation (rotation.ts): the details sealed under the client's old key are
 * re-sealed with the section's fields, so that the holders of the new key keep reading them once the old key's
 * wraps are gone.
 */

export interface TripFieldsTaken {
  tripId: string;
  fields: SealedField[];
}

/** The client's trips' details sealed under `keyId` (none when the context has no trips collection). */
export async function tripFieldsUnderKey(
  ctx: MedicalContext,
  clientId: string,
  keyId: string,
): Promise<TripFieldsTaken[]> {
  const trips = ctx.collections.trips;
  if (trips === undefined) return [];
  const docs = await trips.find({ selector: { clientId } }).exec();
  return docs
    .map((doc) => doc.toJSON() as Trip)
    .map((trip) => ({ tripId: trip.id, fields: tripSealedFields(trip, keyId) }))
    .filter((taken) => taken.fields.length > 0);
}

export const isTripField = (field: SealedField) => field.context.collection === TRIP_COLLECTION;

/** Writes the re-sealed details back into their trips (an item edited meanwhile keeps its own envelope). */
export async function putRotatedTripFields(
  ctx: MedicalContext,
  taken: readonly TripFieldsTaken[],
  rotated: readonly SealedField[],
): Promise<void> {
  const trips = ctx.collections.trips;
  if (trips === undefined) return;
  for (const { tripId, fields } of taken) {
    const mine = rotated.filter((field) => isTripField(field) && field.context.documentId === tripId);
    const document = await trips.findOne(tripId).exec();
    if (document === null || mine.length === 0) continue;
    await document.incrementalModify((current) => withRotatedTripFields(current, fields, mine));
  }
}
