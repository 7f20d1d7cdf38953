import { PERMISSIONS, type Role } from '../../../../shared/auth/roles';
import type { Trip } from '../../../../shared/domain/trip';
import { needsSealing } from '../../../../shared/domain/trip-medical';
import { sameDocument } from '../../../../shared/sync/canonical';
import { emptyMedicalContent } from '../../../../shared/domain/medical';
import { medicalWriteCheck } from './consent-gate';
import { MedicalError, nowOf, type MedicalContext } from './context';
import { clientGone, deviceHoldsKey, readClientMedical } from './records';
import { saveMedical } from './save-section';
import { sealTripDetails, sectionlessWrap, TripDetailsError } from './trip-details';

/**
 * Trips written before schema version 3 hold their medical items' details in clear, on this device and on the
 * server, until a holder of the client's key writes them. This job seals them without waiting for an edit: on a
 * device that may write trips and medical sections, for every such trip, the same details are sealed as they are
 * (no consent needed: nothing new is written, see sealTripMedical) and stored; replication carries the sealed trip
 * to the server, which then no longer holds the details in clear. The key is the client's current one where this
 * device holds it; a client with no key at all gets one here (trip-details.ts: with a medical-data consent in
 * force, an empty section with it, as any first write makes; without, a key without a section, wrapped to this
 * device and the recovery key). A client whose key this device does not hold is left to a device that does. A
 * trip changed meanwhile is left for the next run, and so is a trip whose client is deleted or absent here
 * (erased: records.ts). Returns how many trips were sealed.
 */
export async function resealClearTrips(ctx: MedicalContext): Promise<number> {
  const trips = ctx.collections.trips;
  if (trips === undefined || !writesTripsAndMedical(ctx.actor.role)) return 0;
  const waiting = (await trips.find().exec())
    .map((doc) => doc.toJSON() as Trip)
    .filter((trip) => needsSealing(trip));
  let sealed = 0;
  for (const trip of waiting) {
    if (await clientGone(ctx.collections, trip.clientId)) continue;
    const records = await readClientMedical(ctx.collections, trip.clientId);
    const keyless = records.section === undefined && records.wraps.length === 0;
    const holds =
      deviceHoldsKey(records, ctx.actor.deviceId) ||
      sectionlessWrap(records, ctx.actor.deviceId) !== undefined;
    if (!keyless && !holds) continue;
    let next: Trip;
    try {
      next = await sealTripDetails(
        ctx,
        { id: trip.clientId, assignedStaffIds: trip.assignedStaffIds },
        { next: trip, stored: trip, shown: new Map(), notices: records.notices },
      );
    } catch (error) {
      // No recovery key known yet, or a key made elsewhere meanwhile: left for a later run.
      if (error instanceof TripDetailsError || error instanceof MedicalError) continue;
      throw error;
    }
    const doc = await trips.findOne(trip.id).exec();
    if (doc === null || !sameDocument(doc.toJSON() as Trip, trip)) continue;
    await doc.incrementalPatch({ items: next.items, updatedAt: Math.max(trip.updatedAt + 1, Date.now()) });
    sealed += 1;
  }
  return sealed;
}

function writesTripsAndMedical(role: Role): boolean {
  const access = PERMISSIONS[role].collections;
  return access.trips.write !== 'none' && access.medical.write !== 'none';
}

/**
 * A key this device made without a section (for the clear details of a client with no consent) becomes the
 * section's once the client has a medical-data consent in force: the device writes the client's empty section
 * under it (saveMedical takes this device's own wrap), so that grants, rotation and key holders, which follow the
 * section, cover it. Until then no other device can make the client's first section: the client's first key is
 * this one (saveMedical refuses 'no-access' elsewhere; the key-wraps push rule lets no other device of a role
 * without the capability to grant make another). Returns how many sections were written.
 */
export async function adoptSectionlessKeys(ctx: MedicalContext): Promise<number> {
  if (!writesTripsAndMedical(ctx.actor.role)) return 0;
  const mine = await ctx.collections.keyWraps.find({ selector: { recipientId: ctx.actor.deviceId } }).exec();
  const clients = new Map(mine.map((doc) => [doc.clientId, doc.assignedStaffIds]));
  let adopted = 0;
  for (const [clientId, wrapAssignees] of clients) {
    if (await clientGone(ctx.collections, clientId)) continue;
    const records = await readClientMedical(ctx.collections, clientId);
    if (sectionlessWrap(records, ctx.actor.deviceId) === undefined) continue;
    if (!medicalWriteCheck(ctx, records, clientId, nowOf(ctx)).ok) continue;
    const client = await ctx.collections.clients?.findOne(clientId).exec();
    const assignedStaffIds = [...(client?.assignedStaffIds ?? wrapAssignees)];
    try {
      await saveMedical(ctx, { id: clientId, assignedStaffIds }, emptyMedicalContent());
      adopted += 1;
    } catch (error) {
      if (!(error instanceof MedicalError)) throw error;
    }
  }
  return adopted;
}
