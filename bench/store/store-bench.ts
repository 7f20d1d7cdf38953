import Dexie from 'dexie';
import { createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  benchSchema,
  makeRecords,
  PERSONAL_FIELDS,
  personalBytes,
  type BenchRecord,
  type StoreBenchApi,
  type StoreTimings,
} from './records';

const time = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
};

async function rawDexie(records: BenchRecord[], run: string): Promise<StoreTimings> {
  const db = new Dexie(`bench-raw-${run}`);
  db.version(1).stores({ clients: '&id, status, updatedAt' });
  await db.open();
  const table = db.table<BenchRecord, string>('clients');
  const [bulkInsertMs] = await time(() => table.bulkAdd(records));
  const [queryIndexedMs, active] = await time(() => table.where('status').equals('active').toArray());
  const [readAllMs, all] = await time(() => table.toArray());
  if (all.length !== records.length) throw new Error(`raw Dexie read ${all.length} of ${records.length}`);
  await db.delete();
  return { store: 'raw Dexie', bulkInsertMs, queryIndexedMs, readAllMs, found: active.length };
}

async function rxdb(records: BenchRecord[], run: string, encrypted: boolean): Promise<StoreTimings> {
  const storage = encrypted
    ? wrappedKeyEncryptionCryptoJsStorage({ storage: getRxStorageDexie() })
    : getRxStorageDexie();
  const db = await createRxDatabase<{ clients: RxCollection<BenchRecord> }>({
    name: `bench-rx-${encrypted ? 'cryptojs' : 'plain'}-${run}`,
    storage,
    ...(encrypted ? { password: 'benchmark-password-123' } : {}),
    multiInstance: false,
  });
  const schema = { ...benchSchema, ...(encrypted ? { encrypted: [...PERSONAL_FIELDS] } : {}) };
  await db.addCollections({ clients: { schema: schema as unknown as RxJsonSchema<BenchRecord> } });
  const [bulkInsertMs, result] = await time(() => db.clients.bulkInsert(records));
  if (result.error.length > 0) throw new Error(`RxDB insert failed for ${result.error.length} records`);
  const [queryIndexedMs, active] = await time(() =>
    db.clients.find({ selector: { status: 'active' } }).exec(),
  );
  const [readAllMs, all] = await time(() => db.clients.find().exec());
  if (all.length !== records.length) throw new Error(`RxDB read ${all.length} of ${records.length}`);
  await db.remove();
  return {
    store: encrypted ? 'RxDB + crypto-js plugin' : 'RxDB over Dexie (baseline)',
    bulkInsertMs,
    queryIndexedMs,
    readAllMs,
    found: active.length,
  };
}

const api: StoreBenchApi = {
  async runStoreBench(count) {
    const records = makeRecords(count);
    const run = Math.random().toString(36).slice(2);
    const meanPersonalBytes = records.reduce((sum, r) => sum + personalBytes(r), 0) / records.length;
    // One at a time: two stores writing at once would measure each other.
    const results = [
      await rxdb(records, run, false),
      await rawDexie(records, run),
      await rxdb(records, run, true),
    ];
    return { meanPersonalBytes, results };
  },
};

Object.assign(window, api);
