/**
 * The sync benchmark page: the app's own encrypted store (renderer/src/store) and replication code
 * (renderer/src/sync/replication.ts) in Chromium, against a real server. bench/sync.ts drives it.
 */
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { Subject, type Subscription } from 'rxjs';
import { loadSodium, newDataKey } from '../../shared/crypto/index';
import {
  STREAM_EVENTS,
  syncPaths,
  type Client,
  type PullResponse,
  type StreamEvent,
  type Trip,
} from '../../shared/index';
import {
  addLocalCollections,
  localDexieStorage,
  openLocalStore,
  type LocalCollections,
} from '../../renderer/src/store/local-store';
import type { LiveEvent } from '../../renderer/src/sync/live-stream';
import { replicateCollection, type CollectionReplication } from '../../renderer/src/sync/replication';
import type {
  InitialSyncResult,
  LatencySample,
  StoreVariant,
  SyncBenchApi,
  SyncTarget,
  SyncTuning,
} from './api';

type Store = RxDatabase<LocalCollections>;

const now = () => performance.timeOrigin + performance.now();

async function openStore(variant: StoreVariant, name: string, tuning: SyncTuning = {}): Promise<Store> {
  const storage = tuning.stockDexie
    ? getRxStorageDexie(tuning.dexie)
    : tuning.dexie
      ? localDexieStorage(tuning.dexie)
      : undefined;
  if (variant === 'vault') {
    const sodium = await loadSodium();
    const key = newDataKey(sodium);
    return openLocalStore(sodium, { vaultKey: () => key }, name, storage);
  }
  // The same collections, schemas and conflict handlers, without the vault wrapper.
  const db = await createRxDatabase<LocalCollections>({
    name,
    storage: storage ?? getRxStorageDexie(),
    multiInstance: true,
    closeDuplicates: true,
  });
  await addLocalCollections(db as unknown as RxDatabase);
  return db;
}

/** Measures how long at least one request was in flight (until its response headers arrive). */
function timedFetch() {
  let inFlight = 0;
  let since = 0;
  const timed = {
    waitMs: 0,
    fetch: async (input: URL, init: RequestInit) => {
      if (inFlight++ === 0) since = now();
      try {
        return await fetch(input, init);
      } finally {
        if (--inFlight === 0) timed.waitMs += now() - since;
      }
    },
  };
  return timed;
}

function replicateBoth(
  store: Store,
  target: SyncTarget,
  events$: Subject<LiveEvent>,
  onPull: () => void,
  fetcher?: ReturnType<typeof timedFetch>,
  tuning: SyncTuning = {},
) {
  const common = {
    pullBatchSize: tuning.pullBatchSize,
    bulkFirstSync: tuning.bulkFirstSync,
    serverUrl: target.serverUrl,
    fetch: fetcher?.fetch,
    events$,
    headers: () => ({ authorization: `Bearer ${target.token}` }),
    waitForLeadership: false,
    onPullProgress: onPull,
  };
  return [
    replicateCollection<Client>({ ...common, name: 'clients', collection: store.clients }),
    replicateCollection<Trip>({ ...common, name: 'trips', collection: store.trips }),
  ] as const;
}

/**
 * The live stream with the session token in the query, as the server requires (EventSource cannot send headers).
 * The same events as renderer/src/sync/live-stream.ts: 'reconnected' on every open, each announced change.
 */
function openStream(target: SyncTarget, events$: Subject<LiveEvent>): Promise<EventSource> {
  const url = new URL(syncPaths.stream, target.serverUrl);
  url.searchParams.set('access_token', target.token);
  const source = new EventSource(url);
  source.addEventListener(STREAM_EVENTS.change, (message) =>
    events$.next(JSON.parse((message as MessageEvent<string>).data) as StreamEvent),
  );
  source.addEventListener(STREAM_EVENTS.resync, () => events$.next('reconnected'));
  return new Promise((resolve, reject) => {
    source.onopen = () => {
      events$.next('reconnected');
      resolve(source);
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) reject(new Error('the event stream was refused'));
    };
  });
}

async function inSync(replications: ReadonlyArray<CollectionReplication<never>>) {
  await Promise.all(replications.map((r) => r.state.awaitInitialReplication()));
  await Promise.all(replications.map((r) => r.state.awaitInSync()));
}

let runs = 0;
let device:
  | {
      store: Store;
      replications: ReadonlyArray<CollectionReplication<never>>;
      source: EventSource;
      events$: Subject<LiveEvent>;
    }
  | undefined;
let armed: { seen: Promise<number>; subscription: Subscription } | undefined;

const api: SyncBenchApi = {
  async initialSync(target, variant, tuning): Promise<InitialSyncResult> {
    const store = await openStore(variant, `bench-sync-${variant}-${++runs}-${Date.now()}`, tuning);
    // No live stream: a first sync pulls everything since the empty checkpoint by itself.
    const events$ = new Subject<LiveEvent>();
    let pulls = 0;
    const start = now();
    const fetcher = timedFetch();
    // The baseline replicates as RxDB does by itself, a meta row beside every pulled document.
    const replications = replicateBoth(store, target, events$, () => (pulls += 1), fetcher, {
      ...tuning,
      bulkFirstSync: tuning?.bulkFirstSync ?? variant === 'vault',
    });
    const errors: unknown[] = [];
    const watching = replications.map((r) => r.state.error$.subscribe((error) => errors.push(error)));
    await inSync(replications as unknown as ReadonlyArray<CollectionReplication<never>>);
    const ms = now() - start;
    const [clients, trips] = await Promise.all([store.clients.count().exec(), store.trips.count().exec()]);
    watching.forEach((s) => s.unsubscribe());
    for (const replication of replications) await replication.cancel();
    await store.remove();
    if (errors.length > 0)
      throw new Error(`replication reported ${errors.length} errors: ${String(errors[0])}`);
    return { variant, ms, clients, trips, pulls, pullWaitMs: fetcher.waitMs };
  },

  async openDevice(target) {
    const store = await openStore('vault', `bench-device-${++runs}-${Date.now()}`);
    const events$ = new Subject<LiveEvent>();
    const replications = replicateBoth(store, target, events$, () => undefined);
    const source = await openStream(target, events$);
    device = {
      store,
      replications: replications as unknown as ReadonlyArray<CollectionReplication<never>>,
      source,
      events$,
    };
    await inSync(device.replications);
    const [clients, trips] = await Promise.all([store.clients.count().exec(), store.trips.count().exec()]);
    return { clients, trips };
  },

  expectChange(kind: LatencySample['kind'], id, marker) {
    const store = device!.store;
    let subscription: Subscription | undefined;
    const seen = new Promise<number>((resolve) => {
      const done = (value: boolean) => {
        if (value) resolve(now());
      };
      subscription =
        kind === 'client'
          ? store.clients.findOne(id).$.subscribe((doc) => done(doc?.names.latin === marker))
          : store.trips.findOne(id).$.subscribe((doc) => done(doc?.items[0]?.title === marker));
    });
    armed = { seen, subscription: subscription! };
  },

  async changeSeen() {
    const { seen, subscription } = armed!;
    const at = await seen;
    subscription.unsubscribe();
    armed = undefined;
    return at;
  },

  async writeChange(kind, id, marker) {
    const store = device!.store;
    const start = now();
    if (kind === 'client') {
      const doc = await store.clients.findOne(id).exec();
      await doc!.incrementalModify((data) => ({
        ...data,
        names: { ...data.names, latin: marker },
        updatedAt: Math.max(data.updatedAt + 1, Date.now()),
      }));
    } else {
      const doc = await store.trips.findOne(id).exec();
      await doc!.incrementalModify((data) => ({
        ...data,
        items: data.items.map((item, i) => (i === 0 ? { ...item, title: marker } : item)),
        updatedAt: Math.max(data.updatedAt + 1, Date.now()),
      }));
    }
    return start;
  },

  async bareRoundTrips(target, startSeq, count) {
    const headers = { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' };
    const samples: number[] = [];
    let head = startSeq;
    for (let i = 0; i < count; i++) {
      const id = `00000000-0000-4000-9999-${(Date.now() % 1e6).toString(16).padStart(6, '0')}${i.toString(16).padStart(6, '0')}`;
      const doc = {
        id,
        names: { latin: `Round trip ${i}` },
        status: 'prospect',
        assignedStaffIds: [],
        createdAt: Date.now(),
        updatedAt: Date.now(),
        _deleted: false,
      };
      const start = now();
      const pushed = await fetch(new URL(syncPaths.push('clients'), target.serverUrl), {
        method: 'POST',
        headers,
        body: JSON.stringify([{ newDocumentState: doc }]),
      });
      if (!pushed.ok || (await pushed.text()) !== '[]') throw new Error(`push failed: HTTP ${pushed.status}`);
      const url = new URL(syncPaths.pull('clients'), target.serverUrl);
      url.searchParams.set('after', String(head));
      const pulled = await fetch(url, { headers });
      const page = (await pulled.json()) as PullResponse<{ id: string }>;
      samples.push(now() - start);
      if (!page.documents.some((d) => d.id === id)) throw new Error('the pushed client was not pulled back');
      head = page.checkpoint.seq;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return samples;
  },

  async closeDevice() {
    if (!device) return;
    device.source.close();
    for (const replication of device.replications) await replication.cancel();
    await device.store.remove();
    device = undefined;
  },
};

Object.assign(window, api);
