import { useEffect, useMemo, useState } from 'react';
import type { RxCollection } from 'rxdb';
import { map, of, type Observable } from 'rxjs';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import type { TripDraft } from '../../../../shared/domain/trip-form';
import {
  needsSealing,
  withOpenedDetails,
  type TripItemDetails,
} from '../../../../shared/domain/trip-medical';
import type { FieldError } from '../../../../shared/domain/validation';
import { checkTrip, type Client, type Scope, type Trip } from '../../../../shared/index';
import { MedicalError, type MedicalClient, type MedicalContext } from '../../core/medical/context';
import {
  openTripDetails,
  sealTripDetails,
  TripDetailsError,
  type OpenedTripDetails,
  type TripDetailsRefusal,
} from '../../core/medical/trip-details';
import { useMedicalContext } from '../medical/medical-data';
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
  | { ok: false; kind: 'failed'; code: string }
  /** Medical details refused: no consent in force, or this device holds no key of the client (trip-details.ts). */
  | { ok: false; kind: 'refused'; reason: TripDetailsRefusal };

/** What writing medical trip details needs: the medical context, the client, what the person was shown. */
export interface TripMedicalWrite {
  ctx: MedicalContext | undefined;
  client: MedicalClient;
  /** The details opened from the stored trip (useShownTrip): unchanged ones keep their envelopes. */
  shown: ReadonlyMap<string, TripItemDetails>;
  notices: readonly PrivacyNotice[];
}

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

/** Why medical details could not be sealed, or undefined for another failure (rethrown). */
function refusalOf(cause: unknown): TripDetailsRefusal | undefined {
  if (cause instanceof TripDetailsError) return cause.reason;
  if (cause instanceof MedicalError) {
    const reason = cause.reason as string;
    if (
      ['no-consent', 'consent-withdrawn', 'renewal-required', 'no-access', 'no-recovery-key'].includes(reason)
    )
      return reason as TripDetailsRefusal;
    return 'no-access';
  }
  return undefined;
}

/**
 * Writes a change to a trip after checking the whole trip: an invalid trip is never stored. Medical items whose
 * details are in clear (typed or opened by a holder in `changes.items`, or stored so before schema version 3) are
 * sealed first, under the consent gate.
 */
export async function updateTrip(
  store: LocalStore,
  trip: Trip,
  changes: Partial<Trip>,
  medical?: TripMedicalWrite,
): Promise<TripWrite> {
  let next = { ...trip, ...changes, updatedAt: Date.now() };
  // Also when `changes` has no items: a trip written before schema version 3 gets its medical details sealed by
  // the first write of a holder of the client's key, whatever it changes (and no one else can write it).
  if (needsSealing(next)) {
    if (medical?.ctx === undefined) return { ok: false, kind: 'refused', reason: 'no-access' };
    try {
      next = await sealTripDetails(medical.ctx, medical.client, {
        next,
        stored: trip,
        shown: medical.shown,
        notices: medical.notices,
      });
    } catch (cause) {
      const reason = refusalOf(cause);
      if (reason === undefined) return failure(cause);
      return { ok: false, kind: 'refused', reason };
    }
    changes = { ...changes, items: next.items };
  }
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
  /** `shown`: the medical details the person was shown (useShownTrip's `opened.details`). */
  updateTrip(
    trip: Trip,
    changes: Partial<Trip>,
    client: MedicalClient,
    shown: ReadonlyMap<string, TripItemDetails>,
  ): Promise<TripWrite>;
}

export function useTripCommands(): TripCommands {
  const { store } = useSession();
  const ctx = useMedicalContext();
  const notices = useNotices();
  return useMemo(
    () => ({
      createTrip: (client, draft, writer) => createTrip(store, client, draft, writer),
      updateTrip: (trip, changes, client, shown) =>
        updateTrip(store, trip, changes, { ctx, client, shown, notices }),
    }),
    [store, ctx, notices],
  );
}

/**
 * The privacy-notice versions the device holds (the `orgSettings` collection, kind 'privacy-notice'), live; an
 * empty list while the store has no such collection.
 */
export function useNotices(): PrivacyNotice[] {
  const { store } = useSession();
  const [notices, setNotices] = useState<PrivacyNotice[]>([]);
  useEffect(() => {
    const orgSettings = (store as unknown as { orgSettings?: RxCollection<PrivacyNotice> }).orgSettings;
    const notices$: Observable<PrivacyNotice[]> = orgSettings
      ? orgSettings
          .find({ selector: { kind: 'privacy-notice' } })
          .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as PrivacyNotice)))
      : of([]);
    const subscription = notices$.subscribe(setNotices);
    return () => subscription.unsubscribe();
  }, [store]);
  return notices;
}

export interface ShownTrip {
  /** The trip with the details this device could open put back in clear on their items (never stored so). */
  trip: Trip;
  /** Undefined until opened. */
  opened: OpenedTripDetails | undefined;
}

/** A trip as this person may read it: medical details opened when this device holds the client's key. */
export function useShownTrip(trip: Trip): ShownTrip {
  const ctx = useMedicalContext();
  const [opened, setOpened] = useState<{ of: Trip; details: OpenedTripDetails } | undefined>();
  useEffect(() => {
    if (ctx === undefined) return;
    let live = true;
    void openTripDetails(ctx, trip).then(
      (details) => live && setOpened({ of: trip, details }),
      () =>
        live && setOpened({ of: trip, details: { details: new Map(), sealed: new Set(), holdsKey: false } }),
    );
    return () => {
      live = false;
    };
  }, [ctx, trip]);
  return useMemo(() => {
    const details = opened === undefined ? undefined : carriedOver(opened.of, opened.details, trip);
    if (details === undefined || details.details.size === 0) return { trip, opened: details };
    const items = trip.items.map((item) => {
      const open = details.details.get(item.id);
      return open ? withOpenedDetails(item, open) : item;
    });
    return { trip: { ...trip, items }, opened: details };
  }, [trip, opened]);
}

/**
 * What was opened of an earlier state of the trip, for the items whose envelope did not change: shown at once
 * while the new state is opened (no flash of "details sealed" after each write).
 */
function carriedOver(before: Trip, opened: OpenedTripDetails, now: Trip): OpenedTripDetails {
  if (before === now) return opened;
  const envelopes = new Map(before.items.map((item) => [item.id, item.sealedDetails]));
  const details = new Map<string, TripItemDetails>();
  const sealed = new Set<string>();
  for (const item of now.items) {
    if (item.sealedDetails === undefined) continue;
    const open = opened.details.get(item.id);
    if (open !== undefined && envelopes.get(item.id) === item.sealedDetails) details.set(item.id, open);
    else sealed.add(item.id);
  }
  return { details, sealed, holdsKey: opened.holdsKey };
}
