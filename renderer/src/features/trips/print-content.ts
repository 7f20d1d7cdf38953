import { isMedicalTripKind, type TripItem } from '../../../../shared/domain/trip';

/**
 * What a printed itinerary says about an item. A medical item (appointment, procedure, therapy) prints as
 * "Medical appointment" and its time only (no title, institution or notes) unless the person printing chose to
 * include medical details, which only a holder of the client's key can (PrintItinerary), and only for details that
 * were opened: sealed ones never print.
 */
export type PrintedItem =
  | { medicalHidden: true }
  | { medicalHidden: false; kind: TripItem['kind']; title: string; location?: string; notes?: string };

export function printedItem(item: TripItem, includeMedical: boolean): PrintedItem {
  if (isMedicalTripKind(item.kind) && (!includeMedical || item.title === undefined)) {
    return { medicalHidden: true };
  }
  return {
    medicalHidden: false,
    kind: item.kind,
    title: item.title ?? '',
    ...(item.location !== undefined && { location: item.location }),
    ...(item.notes !== undefined && { notes: item.notes }),
  };
}
