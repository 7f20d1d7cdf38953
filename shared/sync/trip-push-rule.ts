import { loadSodium } from '../crypto/sodium';
import { canWriteMedical } from '../domain/consent-ledger';
import { isMedicalTripKind, type TripItem } from '../domain/trip';
import { clearDetailsOf, resealDigest } from '../domain/trip-medical';
import { medicalRefusal, type AnyDocument, type PushRule } from './push-rules';

const CLEAR_DETAILS = ['title', 'location', 'notes'] as const;

/**
 * Trips: a medical item (appointment, procedure, therapy) carries its title, location and notes sealed under the
 * client's medical key (shared/domain/trip-medical.ts), never in clear. The schema cannot say it: the server
 * validates a push's assumed state with the same schema, and the assumed state of a trip written before schema
 * version 3 holds its medical details in clear until a holder of the key seals them. A tombstone carries nothing.
 */
export const tripRule: PushRule = async ({ master, next, facts }) => {
  if (next._deleted) return undefined;
  const medical = medicalItems(next);
  for (const fields of medical) {
    if (CLEAR_DETAILS.some((field) => fields[field] !== undefined)) {
      return { rule: 'medical-details', reason: 'medical-details-in-clear' };
    }
  }
  // Writing medical details (an envelope new or changed) needs what writing the medical section needs: a medical
  // consent in force on the server's ledger. Sealing details a trip held in clear before version 3 writes nothing
  // new, and needs none: such a re-seal carries the digest of the clear details the server holds (`resealOf`);
  // without it, or with another's, the envelope is taken for new details. The server cannot open the envelope: a
  // device that carries the right digest over other details is not caught here (its own gate refuses that).
  const before = new Map(
    (master && !master._deleted ? medicalItems(master) : []).map((fields) => [fields.id, fields]),
  );
  const sodium = await loadSodium();
  const tripId = String(next.id);
  const writes = medical.some((fields) => {
    const earlier = before.get(fields.id);
    if (earlier === undefined) return true;
    if (CLEAR_DETAILS.some((field) => earlier[field] !== undefined)) {
      const held = clearDetailsOf(earlier as unknown as TripItem);
      return held === undefined || fields.resealOf !== resealDigest(sodium, tripId, String(fields.id), held);
    }
    return earlier.sealedDetails !== fields.sealedDetails;
  });
  if (!writes) return undefined;
  const clientId = String(next.clientId);
  const check = canWriteMedical(
    await facts.consentsOfClient(clientId),
    await facts.notices(),
    clientId,
    facts.now(),
  );
  return check.ok ? undefined : { rule: 'medical-consent', reason: medicalRefusal(check) };
};

/** The medical items of a trip as it travels (appointments, procedures, therapies). */
function medicalItems(trip: AnyDocument): Record<string, unknown>[] {
  const items: unknown[] = Array.isArray(trip.items) ? trip.items : [];
  return items.filter(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { kind?: unknown }).kind === 'string' &&
      isMedicalTripKind((item as { kind: string }).kind),
  );
}
