import { appointmentsBeforeArrival, findOverlaps, type EarlyAppointment } from './itinerary-checks';
import type { Trip } from './trip';

/** What is wrong with an item's place in the itinerary, to be shown on the item wherever it appears. */
export interface ItemFlags {
  /** Ids of the items it overlaps. */
  overlapsWith: string[];
  early?: EarlyAppointment['reason'];
}

export const MEDICAL_KINDS: readonly string[] = ['appointment', 'procedure'];

/** Overlapping items, and medical items before the arrival flight lands or before the trip's first day. */
export function itineraryFlags(trip: Trip): Map<string, ItemFlags> {
  const flags = new Map<string, ItemFlags>();
  const flagsOf = (id: string) => {
    let entry = flags.get(id);
    if (entry === undefined) {
      entry = { overlapsWith: [] };
      flags.set(id, entry);
    }
    return entry;
  };
  for (const { first, second } of findOverlaps(trip.items)) {
    flagsOf(first).overlapsWith.push(second);
    flagsOf(second).overlapsWith.push(first);
  }
  const early = appointmentsBeforeArrival(trip.items, {
    medicalKinds: MEDICAL_KINDS,
    tripStart: { date: trip.startDate, timeZone: trip.timeZone },
  });
  for (const { id, reason } of early) flagsOf(id).early = reason;
  return flags;
}
