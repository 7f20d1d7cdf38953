/** Moved to shared/domain/itinerary-flags.ts (the Today schedule reads them too). */
export { itineraryFlags, MEDICAL_KINDS, type ItemFlags } from '../../../../shared/domain/itinerary-flags';
