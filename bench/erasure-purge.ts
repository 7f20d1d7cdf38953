import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxStorage } from 'rxdb';
import { loadSodium, newDataKey } from '../shared/crypto/index';
import { newClient, type Client } from '../shared/index';
import type { Trip } from '../shared/domain/trip';
import { collectionRegistry } from '../shared/sync/registry';
import { ms, ratio, section } from './report';

/**
 * The device's purge (`purgeErased`, renderer/src/features/erasure/erasure-data.ts) on a store holding 10,000
 * clients, each with a trip: one client erased (an APPI request), then 1,000 at once (a retention run). The store
 * is the app's own (`openLocalStore`: the vault's sealing included) over RxDB's memory storage in Node, not
 * Chromium's IndexedDB: the figures are the purge's own work (finding the tombstones, RxDB's cleanup, the vault),
 * not the disk's. Baseline, in the same run and store: reading every client and trip once (what the client list
 * and Today do at unlock). CPU time (this process, user + system) beside wall time.
 */
const CLIENTS = 10_000;
// Imported by path at run time: the renderer's modules type-check under the web configuration, not Node's.
const LOCAL_STORE = '../renderer/src/store/local-store';
const ERASURE_DATA = '../renderer/src/features/erasure/erasure-data';

/** What the bench uses of the app's store (renderer/src/store/local-store.ts) and its collections. */
interface BenchCollection {
  bulkInsert(docs: object[]): Promise<unknown>;
  bulkUpsert(docs: object[]): Promise<unknown>;
  bulkRemove(ids: string[]): Promise<unknown>;
  find(): { exec(): Promise<unknown[]> };
  count(): { exec(): Promise<number> };
}
interface LocalStore {
  clients: BenchCollection;
  trips: BenchCollection;
  close(): Promise<unknown>;
}
type PendingErasure = { id: string; clientId: string; dueAt: number; executed: boolean };
type Purge = (
  store: LocalStore,
  erasures: PendingErasure[],
  confirm: (id: string) => Promise<unknown>,
  log: (erasure: PendingErasure) => Promise<unknown>,
) => Promise<string[]>;
const BATCH = 1_000;

const clientId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
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

async function timed<T>(work: () => Promise<T>): Promise<{ wall: number; cpu: number; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000, value };
}

/** The tombstones as a pull writes them: the content-free stub, deleted (in bulk: the content is not read). */
async function tombstone(store: LocalStore, from: number, count: number): Promise<void> {
  const ns = Array.from({ length: count }, (_, i) => from + i);
  await store.clients.bulkUpsert(
    ns.map((n) => collectionRegistry.clients.removedStub(clientId(n), 9) as unknown as Client),
  );
  await store.clients.bulkRemove(ns.map(clientId));
  await store.trips.bulkRemove(ns.map(tripId));
}

export async function runErasurePurgeBenchmark(): Promise<void> {
  // The feature module reaches the host bridge at import (a browser global): Node stands in for the window.
  (globalThis as { window?: unknown }).window ??= globalThis;
  const { purgeErased } = (await import(ERASURE_DATA)) as { purgeErased: Purge };
  const { openLocalStore } = (await import(LOCAL_STORE)) as {
    openLocalStore(...args: unknown[]): Promise<LocalStore>;
  };
  section(`Device purge (${CLIENTS.toLocaleString('en')} clients with a trip, memory storage + vault)`);
  const sodium = await loadSodium();
  const key = newDataKey(sodium);
  const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
  const store = await openLocalStore(sodium, { vaultKey: () => key }, `purge-bench-${Date.now()}`, memory);
  try {
    const seeded = await timed(async () => {
      for (let start = 1; start <= CLIENTS; start += 1_000) {
        const ns = Array.from({ length: Math.min(1_000, CLIENTS - start + 1) }, (_, i) => start + i);
        await store.clients.bulkInsert(
          ns.map((n) => newClient(clientId(n), { latin: `Bench Client ${n}` }, 1, [])),
        );
        await store.trips.bulkInsert(ns.map(trip));
      }
    });
    console.log(`seeded in ${ms(seeded.wall)}`);
    const baseline = await timed(async () => {
      const clients = await store.clients.find().exec();
      const trips = await store.trips.find().exec();
      return clients.length + trips.length;
    });
    console.log(
      `baseline, reading every client and trip (${baseline.value} rows): ${ms(baseline.wall)} wall, ${ms(baseline.cpu)} CPU`,
    );
    const noop = async () => undefined;

    await tombstone(store, 1, 1);
    const one = await timed(() =>
      purgeErased(store, [{ id: 'e1', clientId: clientId(1), dueAt: 0, executed: true }], noop, noop),
    );
    if (one.value.length !== 1) throw new Error('the purge of one client did not happen');
    console.log(
      `purge of 1 erased client: ${ms(one.wall)} wall (${ratio(one.wall, baseline.wall)} the baseline), ${ms(one.cpu)} CPU (${ratio(one.cpu, baseline.cpu)})`,
    );

    await tombstone(store, 2, BATCH);
    const erasures = Array.from({ length: BATCH }, (_, i) => ({
      id: `e${i + 2}`,
      clientId: clientId(i + 2),
      dueAt: 0,
      executed: true,
    }));
    const many = await timed(() => purgeErased(store, erasures, noop, noop));
    if (many.value.length !== BATCH) throw new Error('the purge of the batch did not happen');
    const left = await store.clients.count().exec();
    if (left !== CLIENTS - BATCH - 1)
      throw new Error(`expected ${CLIENTS - BATCH - 1} clients left, found ${left}`);
    console.log(
      `purge of ${BATCH} erased clients at once: ${ms(many.wall)} wall (${ratio(many.wall, baseline.wall)} the baseline), ${ms(many.cpu)} CPU (${ratio(many.cpu, baseline.cpu)})`,
    );
  } finally {
    await store.close();
  }
}
