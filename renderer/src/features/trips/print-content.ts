import type { TripItem } from '../../../../shared/index';
import { MEDICAL_KINDS } from './flags';

/**
 * What a printed itinerary says about an item. A medical appointment or procedure prints as "Medical appointment"
 * and its time only (no title, institution or notes) unless the person printing chose to include medical details.
 */
export type PrintedItem =
  | { medicalHidden: true }
  | { medicalHidden: false; kind: TripItem['kind']; title: string; location?: string; notes?: string };

export function printedItem(item: TripItem, includeMedical: boolean): PrintedItem {
  if (MEDICAL_KINDS.includes(item.kind) && !includeMedical) return { medicalHidden: true };
  return {
    medicalHidden: false,
    kind: item.kind,
    title: item.title,
    ...(item.location !== undefined && { location: item.location }),
    ...(item.notes !== undefined && { notes: item.notes }),
  };
}
