/**
 * The device purge's scenario (issue 17), shared by its two runs (bench/erasure-purge.ts in Node over RxDB's memory
 * storage; page/purge-page.ts in Chromium over the device's IndexedDB): the app's own store (`openLocalStore`, the
 * vault's sealing and ledger included) holding `clients` clients, each with a trip; the tombstones written as a
 * pull writes them; then `purgeErased` (renderer/src/features/erasure/erasure-data.ts), as the erasure watcher
 * runs it. Each step is a method, so that its runner measures it (wall time, and CPU time where it can).
 */
import type { RxStorage } from 'rxdb';
import { loadSodium, newDataKey } from '../../shared/crypto/index';
import { newClient, type Client } from '../../shared/index';
import type { Trip } from '../../shared/domain/trip';
import { collectionRegistry } from '../../shared/sync/registry';
import type { PendingErasure } from '../../shared/domain/erasure';
import { purgeErased } from '../../renderer/src/features/erasure/purge';
import { openLocalStore, type LocalStore } from '../../renderer/src/store/local-store';

export const clientId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const tripId = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;

function trip(n: number): Trip {
  return {
    id: tripId(n),
    clientId: clientId(n),
    assignedStaffIds: [],
    title: `Trip ${n}`,
    startDate: '2026-04-01',
    endDate: '2026-04-08',
    timeZone: 'Asia/Tokyo',
    items: [],
    createdAt: 1,
    updatedAt: 1,
  } as Trip;
}

export interface PurgeScenario {
  /** Fills the store with clients 1..count, each with a trip. */
  seed(count: number): Promise<void>;
  /** The baseline: reads every client and trip once (what the client list and Today do at unlock); rows read. */
  readAll(): Promise<number>;
  /** The erasure's tombstones for clients from..from+count-1, as a pull writes them (the content-free stub). */
  tombstone(from: number, count: number): Promise<void>;
  /** Purges the erasures of clients from..from+count-1; the number confirmed. */
  purge(from: number, count: number): Promise<number>;
  /** How many clients the store still holds. */
  clientsLeft(): Promise<number>;
  close(): Promise<void>;
}

/** Opens the scenario's store over `storage` (undefined: the device's own, IndexedDB through Dexie). */
export async function openPurgeScenario(
  name: string,
  storage?: RxStorage<unknown, unknown>,
): Promise<PurgeScenario> {
  const sodium = await loadSodium();
  const key = newDataKey(sodium);
  const store: LocalStore = await openLocalStore(sodium, { vaultKey: () => key }, name, storage);
  const noop = async () => undefined;
  return {
    async seed(count) {
      for (let start = 1; start <= count; start += 1_000) {
        const ns = Array.from({ length: Math.min(1_000, count - start + 1) }, (_, i) => start + i);
        await store.clients.bulkInsert(
          ns.map((n) => newClient(clientId(n), { latin: `Bench Client ${n}` }, 1, [])),
        );
        await store.trips.bulkInsert(ns.map(trip));
      }
    },
    async readAll() {
      const clients = await store.clients.find().exec();
      const trips = await store.trips.find().exec();
      return clients.length + trips.length;
    },
    async tombstone(from, count) {
      const ns = Array.from({ length: count }, (_, i) => from + i);
      await store.clients.bulkUpsert(
        ns.map((n) => collectionRegistry.clients.removedStub(clientId(n), 9) as unknown as Client),
      );
      await store.clients.bulkRemove(ns.map(clientId));
      await store.trips.bulkRemove(ns.map(tripId));
    },
    async purge(from, count) {
      const erasures: PendingErasure[] = Array.from({ length: count }, (_, i) => ({
        id: `e${from + i}`,
        clientId: clientId(from + i),
        dueAt: 0,
        executed: true,
      }));
      // As the app purges: the tombstones' ids are read for the replication's bookkeeping (none here to remove).
      return (await purgeErased(store, erasures, noop, noop, undefined, async () => 0)).length;
    },
    clientsLeft: () => store.clients.count().exec(),
    close: async () => {
      await store.close();
    },
  };
}
