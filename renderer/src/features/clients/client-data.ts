import { useEffect, useMemo, useState } from 'react';
import { clientsWithTripWithin, ClientSearchIndex } from '../../../../shared/domain/client-search';
import {
  newClient,
  updateClient,
  withValueAtPath,
  type Client,
  type ClientSection,
  type Role,
  type Trip,
} from '../../../../shared/index';
import { useSession } from '../../session/index';
import type { LocalStore } from '../../store/local-store';
import { useHiddenClients } from '../erasure/erasure-data';
import { mayWriteClient, NOT_PERMITTED } from './record-save';

/**
 * The clients feature's data layer: the only clients code that touches the local store (RxDB). Queries are hooks
 * reading the open session's store (live: edits and sync show at once); commands take the store and write through
 * it, and sync takes it from there. Screens reach the commands through `useClientCommands()`, which binds the
 * session's store (UI files never see the store; eslint.config.js holds them to it). A command's failure carries RxDB's
 * error code: show it with describeStoreError.
 */

/** One client, live: undefined while loading, null when it is not (or no longer) on this device. */
export function useClient(clientId: string): Client | null | undefined {
  const { store } = useSession();
  const [client, setClient] = useState<Client | null | undefined>();
  useEffect(() => {
    const subscription = store.clients
      .findOne(clientId)
      .$.subscribe((doc) => setClient(doc ? (doc.toJSON() as Client) : null));
    return () => subscription.unsubscribe();
  }, [store, clientId]);
  // A client whose erasure is scheduled or done is not shown (docs/erasure.md).
  return useHiddenClients().has(clientId) ? null : client;
}

/**
 * The search index over the clients in the local store, kept current as edits and sync arrive: only documents
 * whose revision changed are folded again. `version` changes whenever the index does.
 */
export function useClientIndex(): { index: ClientSearchIndex; version: number; loaded: boolean } {
  const { store } = useSession();
  const [index] = useState(() => new ClientSearchIndex());
  const [state, setState] = useState({ version: 0, loaded: false });
  const hiddenIds = useHiddenClients();
  useEffect(() => {
    const revisions = new Map<string, string>();
    const subscription = store.clients.find().$.subscribe((docs) => {
      const seen = new Set<string>();
      let changed = false;
      for (const doc of docs) {
        // A client whose erasure is scheduled or done leaves the index at once.
        if (hiddenIds.has(doc.primary)) {
          index.remove(doc.primary);
          changed = true;
          continue;
        }
        seen.add(doc.primary);
        if (revisions.get(doc.primary) === doc.revision) continue;
        revisions.set(doc.primary, doc.revision);
        index.upsert(doc.toJSON() as Client);
        changed = true;
      }
      for (const id of revisions.keys()) {
        if (seen.has(id)) continue;
        revisions.delete(id);
        index.remove(id);
        changed = true;
      }
      setState((previous) =>
        changed || !previous.loaded ? { version: previous.version + 1, loaded: true } : previous,
      );
    });
    return () => subscription.unsubscribe();
  }, [store, index, hiddenIds]);
  return { index, ...state };
}

/** The ids of clients with a trip under way or starting within `days` of `today`, live. */
export function useClientsWithTripWithin(today: string, days: number): ReadonlySet<string> {
  const { store } = useSession();
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    const subscription = store.trips.find().$.subscribe((docs) => {
      const trips = docs.map((doc) => doc.toJSON() as Trip);
      setIds(clientsWithTripWithin(trips, today, days));
    });
    return () => subscription.unsubscribe();
  }, [store, today, days]);
  return ids;
}

/** The end of the trip a passport must last: the latest end among the client's trips not over by `today`. */
export function useLatestTripEnd(clientId: string, today: string): string | undefined {
  const { store } = useSession();
  const [end, setEnd] = useState<string | undefined>();
  useEffect(() => {
    const subscription = store.trips.find({ selector: { clientId } }).$.subscribe((docs) => {
      const ends = docs
        .map((doc) => (doc.toJSON() as Trip).endDate)
        .filter((date) => date >= today)
        .sort();
      setEnd(ends.at(-1));
    });
    return () => subscription.unsubscribe();
  }, [store, clientId, today]);
  return end;
}

/** Adds a prospect named `latin`, assigned to `assignedStaffIds`. */
export async function createClient(
  store: LocalStore,
  latin: string,
  assignedStaffIds: string[] = [],
): Promise<void> {
  await store.clients.insert(newClient(crypto.randomUUID(), { latin }, Date.now(), assignedStaffIds));
}

/**
 * Renames a client (its latin name). An open conflict on the name stays open (the new name joins its choices)
 * until a person resolves it.
 */
export async function renameClient(store: LocalStore, clientId: string, latin: string): Promise<void> {
  const doc = await store.clients.findOne(clientId).exec();
  await doc?.incrementalModify((data) => ({
    ...withValueAtPath(data, ['names', 'latin'], latin),
    updatedAt: Math.max(data.updatedAt, Date.now()),
  }));
}

/**
 * Writes one section's validated changes (a section given as undefined is removed) through updateClient, so
 * sync merges the sections changed on different devices field by field. Throws `not-found` when the client is
 * not on this device, and NOT_PERMITTED when `writer`'s role may not make the change (the server would refuse
 * it: record-save.ts).
 */
export async function updateClientSection(
  store: LocalStore,
  clientId: string,
  changes: Partial<Pick<Client, ClientSection>>,
  writer: { role: Role; staffId: string },
): Promise<void> {
  const doc = await store.clients.findOne(clientId).exec();
  if (!doc) throw Object.assign(new Error('client not found'), { code: 'not-found' });
  const refuseUnlessPermitted = (data: Client) => {
    if (!mayWriteClient(writer, data, { ...data, ...changes })) {
      throw Object.assign(new Error('not permitted'), { code: NOT_PERMITTED });
    }
  };
  refuseUnlessPermitted(doc.toJSON() as Client);
  await doc.incrementalModify((data) => {
    refuseUnlessPermitted(data);
    return updateClient(data, changes, Date.now());
  });
}

/** The client commands bound to the open session's store: what the screens call. */
export interface ClientCommands {
  createClient(latin: string, assignedStaffIds?: string[]): Promise<void>;
  renameClient(clientId: string, latin: string): Promise<void>;
  updateClientSection(clientId: string, changes: Partial<Pick<Client, ClientSection>>): Promise<void>;
}

export function useClientCommands(): ClientCommands {
  const { store, identity } = useSession();
  return useMemo(
    () => ({
      createClient: (latin, assignedStaffIds) => createClient(store, latin, assignedStaffIds),
      renameClient: (clientId, latin) => renameClient(store, clientId, latin),
      updateClientSection: (clientId, changes) =>
        updateClientSection(store, clientId, changes, {
          role: identity.role,
          staffId: identity.staffId,
        }),
    }),
    [store, identity.role, identity.staffId],
  );
}
