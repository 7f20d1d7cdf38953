import { useEffect, useMemo, useState } from 'react';
import { map, type Observable } from 'rxjs';
import type { TripDraft } from '../../../../shared/domain/trip-form';
import type { FieldError } from '../../../../shared/domain/validation';
import { checkTrip, type Client, type Scope, type Trip } from '../../../../shared/index';
// The context alone: the session's index also starts sessions (the host bridge), which the tests do not load.
import { useSession } from '../../session/session-context';
import { describeStoreError } from '../../store/describe-store-error';
import type { LocalStore } from '../../store/local-store';

/**
 * The trips feature's data layer: the only trips code that touches the local store (RxDB). Queries are hooks
 * reading the open session's store (live: edits and sync show at once); commands take the store and write
 * through it, and screens reach them through `useTripCommands()`, which binds the session's store (UI files never
 * see the store; eslint.config.js holds them to it). A command never throws for a refused or failed write: it answers
 * the trip as written, the field errors that kept it from being written, or the store's error code
 * (describeStoreError's).
 */
export type TripWrite =
  | { ok: true; value: Trip }
  | { ok: false; kind: 'invalid'; errors: FieldError[] }
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
export function useClientTrips(clientId: string): Trip[] | undefined {
  const { store } = useSession();
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

function failure(cause: unknown): TripWrite {
  return { ok: false, kind: 'failed', code: describeStoreError(cause) };
}

/** Stores a new trip after checking it whole. */
export async function createTrip(
  store: LocalStore,
  client: Client,
  draft: TripDraft,
  writer: { scope: Scope; staffId: string },
): Promise<TripWrite> {
  const trip = newTrip(client, draft, writer, crypto.randomUUID(), Date.now());
  const checked = checkTrip(trip);
  if (!checked.ok) return { ok: false, kind: 'invalid', errors: checked.errors };
  try {
    await store.trips.insert(trip);
    return { ok: true, value: trip };
  } catch (cause) {
    return failure(cause);
  }
}

/** Writes a change to a trip after checking the whole trip: an invalid trip is never stored. */
export async function updateTrip(store: LocalStore, trip: Trip, changes: Partial<Trip>): Promise<TripWrite> {
  const next = { ...trip, ...changes, updatedAt: Date.now() };
  const checked = checkTrip(next);
  if (!checked.ok) return { ok: false, kind: 'invalid', errors: checked.errors };
  try {
    const doc = await store.trips.findOne(trip.id).exec();
    if (doc === null) throw Object.assign(new Error('trip gone'), { code: 'NOT_FOUND' });
    const written = await doc.incrementalPatch({ ...changes, updatedAt: next.updatedAt });
    return { ok: true, value: written.toJSON() as Trip };
  } catch (cause) {
    return failure(cause);
  }
}

/** The trip commands bound to the open session's store: what the screens call. */
export interface TripCommands {
  createTrip(client: Client, draft: TripDraft, writer: { scope: Scope; staffId: string }): Promise<TripWrite>;
  updateTrip(trip: Trip, changes: Partial<Trip>): Promise<TripWrite>;
}

export function useTripCommands(): TripCommands {
  const { store } = useSession();
  return useMemo(
    () => ({
      createTrip: (client, draft, writer) => createTrip(store, client, draft, writer),
      updateTrip: (trip, changes) => updateTrip(store, trip, changes),
    }),
    [store],
  );
}
