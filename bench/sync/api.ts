/** What the sync benchmark page exposes to bench/sync.ts (the page runs the app's store and replication). */

/**
 * 'vault': the app's encrypted store and replication; 'plain': the same collections in plain RxDB over Dexie,
 * replicated as RxDB does by itself (the baseline).
 */
export type StoreVariant = 'vault' | 'plain';

export interface SyncTarget {
  serverUrl: string;
  /** A session token of the device's staff member, obtained by bench/sync.ts through the server's API. */
  token: string;
}

export interface InitialSyncResult {
  variant: StoreVariant;
  ms: number;
  clients: number;
  trips: number;
  /** Pull requests made, both collections together. */
  pulls: number;
  /** Time with at least one pull request awaiting the server's response (the requests overlap the writes). */
  pullWaitMs: number;
}

export interface LatencySample {
  kind: 'client' | 'trip';
  ms: number;
}

/** Settings an experiment varies (bench/sync-experiment.ts); the benchmark itself uses the app's defaults. */
export interface SyncTuning {
  pullBatchSize?: number;
  /** Dexie settings added to the app's (local-store.ts localDexieStorage). */
  dexie?: Record<string, unknown>;
  /** RxDB's Dexie storage as it comes, without the app's settings. */
  stockDexie?: boolean;
  /** Whether the first sync writes in bulk (renderer/src/sync/first-sync.ts); the encrypted store's default. */
  bulkFirstSync?: boolean;
  /** Replicate trips only after clients are in sync. */
  sequential?: boolean;
}

export interface SyncBenchApi {
  /** Syncs an empty store of `variant` with the server; resolves once both collections are in sync. */
  initialSync(target: SyncTarget, variant: StoreVariant, tuning?: SyncTuning): Promise<InitialSyncResult>;
  /**
   * Opens a device: the encrypted store, replication of clients and trips, and the live event stream. Resolves
   * once the first sync is done, with the number of clients and trips held.
   */
  openDevice(target: SyncTarget): Promise<{ clients: number; trips: number }>;
  /** Arms an observer: the store holding `marker` in the client's latin name (or the trip item's title). */
  expectChange(kind: LatencySample['kind'], id: string, marker: string): void;
  /** Resolves with the time (epoch ms, high resolution) when the armed change became visible in the store. */
  changeSeen(): Promise<number>;
  /** Writes `marker` into a client's name (or a trip's first item title); returns the time the write began. */
  writeChange(kind: LatencySample['kind'], id: string, marker: string): Promise<number>;
  /**
   * The baseline: `count` bare HTTP round trips (push one new client, pull after the head) with fetch, no store,
   * no stream. Returns each round trip's duration in milliseconds.
   */
  bareRoundTrips(target: SyncTarget, startSeq: number, count: number): Promise<number[]>;
  closeDevice(): Promise<void>;
}
