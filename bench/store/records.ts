/** The store benchmark's results; its records are the store page's (tests/support/store-page/records.ts). */
export {
  makeRecords,
  PERSONAL_FIELDS,
  personalBytes,
  sampleSchema as benchSchema,
  type SampleRecord as BenchRecord,
} from '../../tests/support/store-page/records';

export interface StoreTimings {
  store: string;
  bulkInsertMs: number;
  queryIndexedMs: number;
  readAllMs: number;
  found: number;
}

export interface CryptoTimings {
  /** Mean time to fetch one client by id from the encrypted store and unseal its medical section. */
  openOneMeanMs: number;
  openOneMaxMs: number;
  /** Argon2id at the default parameters plus opening the vault key: what a person waits for at unlock. */
  unlockMs: number;
  unlockMemLimitMiB: number;
  /** Sealing and opening one envelope per record (the store's per-document crypto cost), outside RxDB. */
  sealAllMs: number;
  openAllMs: number;
}

/** What the benchmark page exposes to bench/store.ts. */
export interface StoreBenchApi {
  /**
   * Runs every store `rounds` times, the order rotating each round so no store always runs first (a warmer JIT)
   * or last (a fuller heap); the slow crypto-js plugin runs in the first round only.
   */
  runStoreBench(
    count: number,
    rounds: number,
  ): Promise<{ meanPersonalBytes: number; rounds: StoreTimings[][]; crypto: CryptoTimings }>;
}
