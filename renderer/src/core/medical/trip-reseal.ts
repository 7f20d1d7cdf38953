import { PERMISSIONS } from '../../../../shared/auth/roles';
import type { Trip } from '../../../../shared/domain/trip';
import { needsSealing } from '../../../../shared/domain/trip-medical';
import { sameDocument } from '../../../../shared/sync/canonical';
import type { MedicalContext } from './context';
import { clientGone, deviceHoldsKey, readClientMedical } from './records';
import { sealTripDetails } from './trip-details';

/**
 * Trips written before schema version 3 hold their medical items' details in clear, on this device and on the
 * server, until a holder of the client's key writes them. This job seals them without waiting for an edit: on a
 * device that may write trips, for every such trip of a client whose key it holds, the same details are sealed
 * as they are (no consent needed: nothing new is written, see sealTripMedical) and stored; replication carries the
 * sealed trip to the server, which then no longer holds the details in clear. A trip changed meanwhile is left for
 * the next run, and so is a trip whose client is deleted or absent here (erased: records.ts). Returns how many
 * trips were sealed.
 */
export async function resealClearTrips(ctx: MedicalContext): Promise<number> {
  const trips = ctx.collections.trips;
  if (trips === undefined || PERMISSIONS[ctx.actor.role].collections.trips.write === 'none') return 0;
  const waiting = (await trips.find().exec())
    .map((doc) => doc.toJSON() as Trip)
    .filter((trip) => needsSealing(trip));
  let sealed = 0;
  for (const trip of waiting) {
    if (await clientGone(ctx.collections, trip.clientId)) continue;
    const records = await readClientMedical(ctx.collections, trip.clientId);
    if (!deviceHoldsKey(records, ctx.actor.deviceId)) continue;
    const next = await sealTripDetails(
      ctx,
      { id: trip.clientId, assignedStaffIds: trip.assignedStaffIds },
      { next: trip, stored: trip, shown: new Map(), notices: [] },
    );
    const doc = await trips.findOne(trip.id).exec();
    if (doc === null || !sameDocument(doc.toJSON() as Trip, trip)) continue;
    await doc.incrementalPatch({ items: next.items, updatedAt: Math.max(trip.updatedAt + 1, Date.now()) });
    sealed += 1;
  }
  return sealed;
}
