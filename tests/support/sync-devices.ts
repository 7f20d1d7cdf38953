import type { RxConflictHandler } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { loadSodium, newDataKey, type Sodium } from '../../shared/crypto/index';
import { canonicalJson, type Client, type Trip } from '../../shared/index';
import { buildServer, type LuminaServer } from '../../server/app';
import { addStaff, setUpOrganisation } from './server/staff';
import type { Role } from '../../shared/index';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open';
import { RetryGate } from '../../renderer/src/sync/backoff';
import type { LiveEvent } from '../../renderer/src/sync/live-stream';
import {
  replicateCollection,
  type CollectionReplication,
  type Fetch,
} from '../../renderer/src/sync/replication';
import { conflictHandlers, openLocalStore, type LocalStore } from '../../renderer/src/store/local-store';
import { countPendingChanges } from '../../renderer/src/sync/pending-changes';
import { LOOPBACK_AUTH_RATE_LIMIT } from './server/limits';
import { Quarantine } from '../../renderer/src/store/quarantine';
import type { RefusedRow } from '../../renderer/src/sync/refusals';

/**
 * Devices for sync tests in Node: each is the app's real local store (RxDB with the vault-sealing storage,
 * over RxDB's memory storage instead of IndexedDB) replicating with the app's real replication code to a real
 * server. A device can go offline (its requests fail as an unreachable server's do); the live stream is
 * replaced by a subject the test drives, so pulls happen when the test says.
 */
export class SyncDevice {
  online = true;
  readonly events$ = new Subject<LiveEvent>();
  readonly requests = { pull: 0, push: 0 };
  /** What the server said remained after each pulled batch. */
  readonly pullRemaining: (number | undefined)[] = [];
  private replicationHandle: CollectionReplication<Client> | undefined;
  private tripsHandle: CollectionReplication<Trip> | undefined;

  /** Pull requests (numbered from 1 over the device's life) that fail once, as a dropped connection's would. */
  readonly failingPulls = new Set<number>();
  /** Told of each pull request as it is sent, with its number. */
  onPull: ((pull: number) => void) | undefined;
  /** The rows the server refused for good and the replication parked (refusals.ts), by collection. */
  readonly parked: { collection: 'clients' | 'trips'; row: RefusedRow<{ id: string }> }[] = [];

  private constructor(
    readonly name: string,
    readonly store: LocalStore,
    private readonly serverUrl: string,
    private readonly authorization: { authorization: string },
    private readonly withTrips: boolean,
    readonly quarantine: Quarantine,
  ) {}

  /**
   * `authorization`: the device's session (a coordinator's, who reaches every client). `withTrips`: the device
   * replicates trips as well. `start: false`: the device does not replicate until `start()`.
   */
  static async open(
    name: string,
    sodium: Sodium,
    serverUrl: string,
    authorization: { authorization: string },
    { withTrips = false, start = true } = {},
  ): Promise<SyncDevice> {
    const key = newDataKey(sodium);
    const quarantine = new Quarantine();
    // Clients (and trips if asked) alone: several devices share this process, and RxDB's free edition opens at
    // most 13 collections.
    const store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      name,
      getRxStorageMemory(),
      withTrips ? ['clients', 'trips'] : ['clients'],
      quarantine,
    );
    const device = new SyncDevice(name, store, serverUrl, authorization, withTrips, quarantine);
    if (start) device.start();
    return device;
  }

  /** Starts (or, after `stop`, restarts) replicating, as the app does each time it opens the store. */
  start(): void {
    const fetchThroughNetwork: Fetch = (url, init) => {
      if (!this.online) return Promise.reject(new TypeError('fetch failed: the device is offline'));
      const kind = url.pathname.endsWith('/push') ? 'push' : 'pull';
      this.requests[kind] += 1;
      if (kind === 'pull') this.onPull?.(this.requests.pull);
      if (kind === 'pull' && this.failingPulls.delete(this.requests.pull)) {
        return Promise.reject(new TypeError('fetch failed: the connection dropped'));
      }
      return fetch(url, init);
    };
    const common = {
      serverUrl: this.serverUrl,
      events$: this.events$,
      fetch: fetchThroughNetwork,
      headers: () => this.authorization,
      // Short waits: the test brings devices back online and signals it, which resets the gate anyway.
      retryGate: new RetryGate({ baseMs: 20, maxMs: 200 }),
      waitForLeadership: false,
      // Pages of 100 (the app asks for 1,000): more pulls interleave with concurrent pushes, and a late device
      // catches up in several batches.
      pullBatchSize: 100,
    };
    this.replicationHandle = replicateCollection({
      ...common,
      name: 'clients',
      collection: this.store.clients,
      onPullProgress: (_received, remaining) => this.pullRemaining.push(remaining),
      onDropped: (id, reason) => this.quarantine.report({ collection: 'clients', id, reason }),
      onParked: (rows) => this.parked.push(...rows.map((row) => ({ collection: 'clients' as const, row }))),
    });
    if (this.withTrips) {
      this.tripsHandle = replicateCollection({
        ...common,
        name: 'trips',
        collection: this.store.trips,
        onDropped: (id, reason) => this.quarantine.report({ collection: 'trips', id, reason }),
        onParked: (rows) => this.parked.push(...rows.map((row) => ({ collection: 'trips' as const, row }))),
      });
    }
  }

  /** Stops replicating, keeping the store (the app closed, or its replication was cancelled). */
  async stop(): Promise<void> {
    await this.replicationHandle?.cancel();
    await this.tripsHandle?.cancel();
    this.replicationHandle = undefined;
    this.tripsHandle = undefined;
  }

  get replication(): CollectionReplication<Client> {
    return this.replicationHandle!;
  }

  get tripsReplication(): CollectionReplication<Trip> | undefined {
    return this.tripsHandle;
  }

  private handleOf(collection: string): CollectionReplication<Client | Trip> | undefined {
    return collection === 'clients'
      ? (this.replicationHandle as CollectionReplication<Client | Trip> | undefined)
      : collection === 'trips'
        ? (this.tripsHandle as CollectionReplication<Client | Trip> | undefined)
        : undefined;
  }

  /**
   * What the session does after a purge (Session.forgetReplicated): the replication's bookkeeping goes too, and a
   * purged document is no longer held back as unsendable.
   */
  async forgetReplicated(collection: string, ids: readonly string[]): Promise<number> {
    this.quarantine.forget(collection, ids);
    return (await this.handleOf(collection)?.forget(ids)) ?? 0;
  }

  /** The changes of a collection not acknowledged by the server (Session.unsentIn). */
  async unsentIn(collection: string): Promise<number> {
    const handle = this.handleOf(collection);
    return handle
      ? countPendingChanges(
          handle.state,
          conflictHandlers[collection as 'clients'] as unknown as RxConflictHandler<Client | Trip>,
        )
      : 0;
  }

  goOffline(): void {
    this.online = false;
  }

  goOnline(): void {
    this.online = true;
    // What the live stream does when it reconnects: pull everything since the checkpoint, retry now.
    this.events$.next('reconnected');
  }

  /** Pushes what is pending and pulls what is new, until RxDB says it is in sync. */
  async sync(): Promise<void> {
    this.replication.state.reSync();
    await this.replication.state.awaitInSync();
    if (this.tripsHandle) {
      this.tripsHandle.state.reSync();
      await this.tripsHandle.state.awaitInSync();
    }
  }

  /** The trips the device holds (when it replicates them), by id. */
  async trips(): Promise<Trip[]> {
    const docs = await this.store.trips.find().exec();
    return docs.map((doc) => doc.toJSON() as Trip).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async documents(): Promise<Client[]> {
    const docs = await this.store.clients.find().exec();
    return docs.map((doc) => doc.toJSON() as Client).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async close(): Promise<void> {
    await this.stop();
    await this.store.remove();
  }
}

export interface SyncWorld {
  server: LuminaServer;
  /** Enrols one more device (a coordinator's unless said otherwise) and returns its staff id and session headers. */
  newSession(role?: Role): Promise<{ staffId: string; headers: { authorization: string } }>;
  db: Database;
  serverUrl: string;
  devices: SyncDevice[];
  /** The server's live documents, as devices should hold them. */
  serverDocuments(): Promise<Client[]>;
  /** Syncs every online device, round after round, until all of them hold exactly the server's documents. */
  settle(maxRounds?: number): Promise<void>;
  close(): Promise<void>;
}

let worldCount = 0;

export async function openSyncWorld(deviceCount: number, db?: Database): Promise<SyncWorld> {
  const sodium = await loadSodium();
  const database = db ?? (await openDatabase({}));
  let setupCode = '';
  const server = await buildServer({
    db: database,
    authRateLimit: LOOPBACK_AUTH_RATE_LIMIT,
    allowedOrigins: [],
    logLevel: 'silent',
    onSetupCode: (code) => (setupCode = code),
  });
  const serverUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const admin = await setUpOrganisation(server.app, setupCode);
  const world = ++worldCount;
  const devices: SyncDevice[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const staff = await addStaff(server.app, admin, 'coordinator');
    devices.push(
      await SyncDevice.open(
        `sync-world-${world}-device-${i}-${Date.now()}`,
        sodium,
        serverUrl,
        staff.headers,
      ),
    );
  }

  async function serverDocuments(): Promise<Client[]> {
    const rows = await database.query<{ data: Client }>(
      "SELECT data FROM sync_documents WHERE collection = 'clients' AND NOT deleted ORDER BY id",
    );
    return rows.map((row) => row.data);
  }

  return {
    server,
    newSession: async (role = 'coordinator') => {
      const staff = await addStaff(server.app, admin, role);
      return { staffId: staff.staffId, headers: staff.headers };
    },
    db: database,
    serverUrl,
    devices,
    serverDocuments,
    async settle(maxRounds = 12) {
      let last = '';
      for (let round = 0; round < maxRounds; round++) {
        for (const device of devices) if (device.online) await device.sync();
        const expected = canonicalJson(await serverDocuments());
        const held = await Promise.all(devices.map(async (d) => canonicalJson(await d.documents())));
        if (held.every((docs) => docs === expected)) return;
        last = `server ${expected}\n${held.map((docs, i) => `device ${i} ${docs}`).join('\n')}`;
      }
      throw new Error(`devices did not converge on the server's state:\n${last}`);
    },
    async close() {
      for (const device of devices) await device.close();
      await server.close();
      if (!db) await database.close();
    },
  };
}
