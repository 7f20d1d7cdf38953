import { loadSodium } from '../crypto/sodium';
import { canWriteMedical } from '../domain/consent-ledger';
import { isMedicalTripKind, type TripItem } from '../domain/trip';
import { clearDetailsOf, resealDigest } from '../domain/trip-medical';
import { conflictValuesAt } from './conflict-rules';
import { conflictValueKey, type JsonValue } from './conflicts';
import { medicalRefusal, type AnyDocument, type PushRule } from './push-rules';

const CLEAR_DETAILS = ['title', 'location', 'notes'] as const;

/**
 * Trips: a medical item (appointment, procedure, therapy) carries its title, location and notes sealed under the
 * client's medical key (shared/domain/trip-medical.ts), never in clear. The schema cannot say it: the server
 * validates a push's assumed state with the same schema, and the assumed state of a trip written before schema
 * version 3 holds its medical details in clear until a holder of the key seals them. A tombstone carries nothing.
 */
export const tripRule: PushRule = async ({ master, next, facts }) => {
  // The items a person may end up with: the trip's, and each competing list of an open conflict on them.
  const pathProblem = conflictPathProblem(next);
  if (pathProblem) return { rule: 'medical-details', reason: pathProblem };
  // A tombstone's too: a trip kept alive against its deletion (merge.ts) sends back the items it held.
  const held: unknown[] = master ? [master.items, ...conflictValuesAt(master, ITEMS)] : [];
  // A competing list the server holds already is not written by this push (one from before version 3 may still
  // hold details in clear, like the trip's own items then).
  const heldLists = new Set(held.map((list) => conflictValueKey(list as JsonValue)));
  const competing = conflictValuesAt(next, ITEMS).filter((list) => !heldLists.has(conflictValueKey(list)));
  const medical = [next.items, ...competing].flatMap((list) => medicalItems(list));
  // A tombstone writes no details, but must not carry any in clear either: the server keeps what it is sent.
  const clear = clearDetailsProblem(medical);
  if (clear || next._deleted) return clear;
  // Writing medical details (an envelope new or changed) needs what writing the medical section needs: a medical
  // consent in force on the server's ledger. Sealing details a trip held in clear before version 3 writes nothing
  // new, and needs none: such a re-seal carries the digest of the clear details the server holds (`resealOf`);
  // without it, or with another's, the envelope is taken for new details. The server cannot open the envelope: a
  // device that carries the right digest over other details is not caught here (its own gate refuses that).
  // An envelope the server already holds for that item, in the trip or in a conflict, is nothing new.
  const before = new Map<unknown, Record<string, unknown>[]>();
  for (const fields of held.flatMap((list) => medicalItems(list))) {
    before.set(fields.id, [...(before.get(fields.id) ?? []), fields]);
  }
  const sodium = await loadSodium();
  const tripId = String(next.id);
  const isKnown = (fields: Record<string, unknown>, earlier: Record<string, unknown>) => {
    if (CLEAR_DETAILS.some((field) => earlier[field] !== undefined)) {
      const clear = clearDetailsOf(earlier as unknown as TripItem);
      return (
        clear !== undefined && fields.resealOf === resealDigest(sodium, tripId, String(fields.id), clear)
      );
    }
    // Two holders re-sealing the same clear details at once: the second carries the digest the first was accepted
    // with, of the same details, and the same trust (session review, finding 2).
    if (typeof earlier.resealOf === 'string' && earlier.resealOf === fields.resealOf) return true;
    return earlier.sealedDetails === fields.sealedDetails;
  };
  const writes = medical.some(
    (fields) => !(before.get(fields.id) ?? []).some((earlier) => isKnown(fields, earlier)),
  );
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

const ITEMS = ['items'] as const;

function clearDetailsProblem(medical: Record<string, unknown>[]) {
  return medical.some((fields) => CLEAR_DETAILS.some((field) => fields[field] !== undefined))
    ? { rule: 'medical-details', reason: 'medical-details-in-clear' }
    : undefined;
}

/** A conflict inside the items (rather than on the whole list, as the merge records it) could hide details. */
function conflictPathProblem(trip: AnyDocument): string | undefined {
  const conflicts: { path: string[] }[] = Array.isArray(trip.conflicts) ? trip.conflicts : [];
  return conflicts.some((conflict) => conflict.path[0] === 'items' && conflict.path.length > 1)
    ? 'trip-conflict-path'
    : undefined;
}

/** The medical items of a trip as it travels (appointments, procedures, therapies). */
function medicalItems(list: unknown): Record<string, unknown>[] {
  const items: unknown[] = Array.isArray(list) ? list : [];
  return items.filter(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { kind?: unknown }).kind === 'string' &&
      isMedicalTripKind((item as { kind: string }).kind),
  );
}
