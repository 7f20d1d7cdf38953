import { useEffect, useState } from 'react';
import { map, type Observable } from 'rxjs';
import type { TripDraft } from '../../../../shared/domain/trip-form';
import { checkTrip, type Client, type Scope, type Trip } from '../../../../shared/index';
import type { LocalStore } from '../../store/local-store';

/**
 * The trips feature's data: what it reads from the local store (as hooks) and what it writes (as commands). The
 * only trips code that touches RxDB. Commands never throw for a refused or failed write: they say what happened,
 * with a code the UI words.
 */
export type TripWrite<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; kind: 'invalid'; reason: string }
  | { ok: false; kind: 'failed'; code: string };

/** A client's trips as the store holds them, live, by first day (then id, so every device agrees). */
export function clientTrips$(store: LocalStore, clientId: string): Observable<Trip[]> {
  return store.trips.find({ selector: { clientId } }).$.pipe(
    // Sorted here: a trip's dates are sealed at rest, so the store cannot order by them.
    map((docs) =>
      docs
        .map((doc) => doc.toJSON() as Trip)
        .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id)),
    ),
  );
}

/** A client's trips, kept up to date; undefined until the store has answered. */
export function useClientTrips(store: LocalStore, clientId: string): Trip[] | undefined {
  const [trips, setTrips] = useState<Trip[] | undefined>();
  useEffect(() => {
    const subscription = clientTrips$(store, clientId).subscribe(setTrips);
    return () => subscription.unsubscribe();
  }, [store, clientId]);
  return trips;
}

/**
 * A new trip for a client: seen by whoever sees its client; a concierge (who writes only what they are assigned)
 * is always among its staff, so their own trip stays theirs.
 */
export function newTrip(
  client: Client,
  draft: TripDraft,
  writer: { scope: Scope; staffId: string },
  id: string,
  now: number,
): Trip {
  const assigned = new Set(client.assignedStaffIds);
  if (writer.scope === 'assigned') assigned.add(writer.staffId);
  return {
    id,
    clientId: client.id,
    assignedStaffIds: [...assigned],
    ...draft,
    items: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** The code of a store failure; RxDB's messages carry the document, so only its code is ever shown. */
function failure(cause: unknown): { ok: false; kind: 'failed'; code: string } {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return { ok: false, kind: 'failed', code: typeof code === 'string' ? code : 'unknown' };
}

/** Stores a new trip after checking it whole. */
export async function createTrip(
  store: LocalStore,
  client: Client,
  draft: TripDraft,
  writer: { scope: Scope; staffId: string },
): Promise<TripWrite<Trip>> {
  const trip = newTrip(client, draft, writer, crypto.randomUUID(), Date.now());
  const checked = checkTrip(trip);
  if (!checked.ok) return { ok: false, kind: 'invalid', reason: checked.reason };
  try {
    await store.trips.insert(trip);
    return { ok: true, value: trip };
  } catch (cause) {
    return failure(cause);
  }
}

/** Writes a change to a trip after checking the whole trip: an invalid trip is never stored. */
export async function updateTrip(
  store: LocalStore,
  trip: Trip,
  changes: Partial<Trip>,
): Promise<TripWrite<Trip>> {
  const next = { ...trip, ...changes, updatedAt: Date.now() };
  const checked = checkTrip(next);
  if (!checked.ok) return { ok: false, kind: 'invalid', reason: checked.reason };
  try {
    const doc = await store.trips.findOne(trip.id).exec();
    if (doc === null) throw Object.assign(new Error('trip gone'), { code: 'NOT_FOUND' });
    const written = await doc.incrementalPatch({ ...changes, updatedAt: next.updatedAt });
    return { ok: true, value: written.toJSON() as Trip };
  } catch (cause) {
    return failure(cause);
  }
}
