import Dexie from 'dexie';
import { createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  KDF_DEFAULT,
  loadSodium,
  newDataKey,
  newKdfParams,
  openJson,
  openUnderPassphrase,
  sealJson,
  sealUnderPassphrase,
  type Sodium,
  type SymmetricKey,
} from '../../shared/crypto/index';
import { wrappedVaultStorage } from '../../renderer/src/store/vault-storage';
import {
  benchSchema,
  makeRecords,
  PERSONAL_FIELDS,
  personalBytes,
  type BenchRecord,
  type CryptoTimings,
  type StoreBenchApi,
  type StoreTimings,
} from './records';

type Variant = 'plain' | 'cryptojs' | 'vault';
const LABELS: Record<Variant, string> = {
  plain: 'RxDB over Dexie (baseline)',
  cryptojs: 'RxDB + crypto-js plugin',
  vault: 'Lumina encrypted store',
};

/** The medical section as the app keeps it: sealed end to end with the client's data key. */
const medicalContext = (id: string) => ({ collection: 'medical', documentId: id, fieldPath: 'notes' });

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

async function openRx(variant: Variant, name: string, sodium: Sodium, vaultKey: SymmetricKey) {
  const storage =
    variant === 'cryptojs'
      ? wrappedKeyEncryptionCryptoJsStorage({ storage: getRxStorageDexie() })
      : variant === 'vault'
        ? wrappedVaultStorage({ storage: getRxStorageDexie(), sodium, keys: { vaultKey: () => vaultKey } })
        : getRxStorageDexie();
  const db = await createRxDatabase<{ clients: RxCollection<BenchRecord> }>({
    name,
    storage,
    ...(variant === 'cryptojs' ? { password: 'benchmark-password-123' } : {}),
    multiInstance: false,
  });
  const schema = { ...benchSchema, ...(variant === 'cryptojs' ? { encrypted: [...PERSONAL_FIELDS] } : {}) };
  await db.addCollections({ clients: { schema: schema as unknown as RxJsonSchema<BenchRecord> } });
  return db;
}

async function rxdb(
  records: BenchRecord[],
  run: string,
  variant: Variant,
  sodium: Sodium,
  vaultKey: SymmetricKey,
): Promise<StoreTimings> {
  const db = await openRx(variant, `bench-rx-${variant}-${run}`, sodium, vaultKey);
  const [bulkInsertMs, result] = await time(() => db.clients.bulkInsert(records));
  if (result.error.length > 0) throw new Error(`RxDB insert failed for ${result.error.length} records`);
  const [queryIndexedMs, active] = await time(() =>
    db.clients.find({ selector: { status: 'active' } }).exec(),
  );
  const [readAllMs, all] = await time(() => db.clients.find().exec());
  if (all.length !== records.length) throw new Error(`RxDB read ${all.length} of ${records.length}`);
  await db.remove();
  return {
    store: LABELS[variant],
    bulkInsertMs,
    queryIndexedMs,
    readAllMs,
    found: active.length,
  };
}

/** Open one client by id and unseal its medical section, as the client screen does. */
async function openOneTimings(records: BenchRecord[], run: string, sodium: Sodium, vaultKey: SymmetricKey) {
  const clientKey = newDataKey(sodium);
  const sealed = records.map((r) => ({
    ...r,
    medicalNotes: sealJson(sodium, clientKey, r.medicalNotes, medicalContext(r.id)),
  }));
  const db = await openRx('vault', `bench-open-${run}`, sodium, vaultKey);
  await db.clients.bulkInsert(sealed);
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const record = records[(i * 7919) % records.length]!;
    const start = performance.now();
    const doc = await db.clients.findOne(record.id).exec();
    const notes = openJson(sodium, clientKey, doc!.medicalNotes, medicalContext(record.id));
    samples.push(performance.now() - start);
    if (notes !== record.medicalNotes) throw new Error('unsealed medical notes differ');
  }
  await db.remove();
  return {
    openOneMeanMs: samples.reduce((a, b) => a + b, 0) / samples.length,
    openOneMaxMs: Math.max(...samples),
  };
}

function envelopeTimings(
  records: BenchRecord[],
  sodium: Sodium,
): Pick<CryptoTimings, 'sealAllMs' | 'openAllMs'> {
  const key = newDataKey(sodium);
  const contexts = records.map((r) => ({
    collection: 'bench/clients',
    documentId: r.id,
    fieldPath: '_sealed',
  }));
  let start = performance.now();
  const envelopes = records.map((r, i) => sealJson(sodium, key, r, contexts[i]!));
  const sealAllMs = performance.now() - start;
  start = performance.now();
  for (let i = 0; i < envelopes.length; i++) openJson(sodium, key, envelopes[i]!, contexts[i]!);
  return { sealAllMs, openAllMs: performance.now() - start };
}

function unlockTiming(sodium: Sodium): Pick<CryptoTimings, 'unlockMs' | 'unlockMemLimitMiB'> {
  const vaultKey = newDataKey(sodium);
  const params = newKdfParams(sodium);
  const stored = sealUnderPassphrase(sodium, 'benchmark passphrase', vaultKey.bytes, params);
  const start = performance.now();
  openUnderPassphrase(sodium, 'benchmark passphrase', stored);
  return { unlockMs: performance.now() - start, unlockMemLimitMiB: KDF_DEFAULT.memLimitBytes / 1024 / 1024 };
}

const api: StoreBenchApi = {
  async runStoreBench(count, rounds) {
    const sodium = await loadSodium();
    const vaultKey = newDataKey(sodium);
    const records = makeRecords(count);
    const meanPersonalBytes = records.reduce((sum, r) => sum + personalBytes(r), 0) / records.length;
    const stores: Array<(run: string) => Promise<StoreTimings>> = [
      (run) => rxdb(records, run, 'plain', sodium, vaultKey),
      (run) => rawDexie(records, run),
      (run) => rxdb(records, run, 'vault', sodium, vaultKey),
    ];
    const results: StoreTimings[][] = [];
    for (let round = 0; round < rounds; round++) {
      const run = `${round}-${Math.random().toString(36).slice(2)}`;
      const timings: StoreTimings[] = [];
      // One at a time: two stores writing at once would measure each other.
      for (let i = 0; i < stores.length; i++) timings.push(await stores[(i + round) % stores.length]!(run));
      if (round === 0) timings.push(await rxdb(records, run, 'cryptojs', sodium, vaultKey));
      results.push(timings);
    }
    const run = Math.random().toString(36).slice(2);
    const crypto: CryptoTimings = {
      ...(await openOneTimings(records, run, sodium, vaultKey)),
      ...unlockTiming(sodium),
      ...envelopeTimings(records, sodium),
    };
    return { meanPersonalBytes, rounds: results, crypto };
  },
};

Object.assign(window, api);
