import { isMedicalTripKind } from '../domain/trip';
import type { PushRule } from './push-rules';

const CLEAR_DETAILS = ['title', 'location', 'notes'] as const;

/**
 * Trips: a medical item (appointment, procedure, therapy) carries its title, location and notes sealed under the
 * client's medical key (shared/domain/trip-medical.ts), never in clear. The schema cannot say it: the server
 * validates a push's assumed state with the same schema, and the assumed state of a trip written before schema
 * version 3 holds its medical details in clear until a holder of the key seals them. A tombstone carries nothing.
 */
export const tripRule: PushRule = async ({ next }) => {
  if (next._deleted) return undefined;
  const items: unknown[] = Array.isArray(next.items) ? next.items : [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const fields = item as Record<string, unknown>;
    if (typeof fields.kind !== 'string' || !isMedicalTripKind(fields.kind)) continue;
    if (CLEAR_DETAILS.some((field) => fields[field] !== undefined)) {
      return { rule: 'medical-details', reason: 'medical-details-in-clear' };
    }
  }
  return undefined;
};
