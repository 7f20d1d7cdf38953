import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter } from 'rxjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  loadSodium,
  newDataKey,
  openJson,
  type Sodium,
  type SymmetricKey,
} from '../../../shared/crypto/index';
import { auditEventSchema, type AuditEvent } from '../../../shared/domain/audit';
import { collectionRegistry } from '../../../shared/sync/registry';
import { BLIND_INDEX_BITS, blindFieldOf, blindIndexOf } from './blind-index';
import { heldRowsOf } from './held-rows';
import { Quarantine } from './quarantine';
import { SealedFieldQueryError, wrappedVaultStorage } from './vault-storage';

addRxPlugin(RxDBMigrationSchemaPlugin);

const STAFF = '00000000-0000-4000-8000-00000000aaaa';
const DEVICE = '00000000-0000-4000-8000-00000000bbbb';
const clientOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const BLIND = blindFieldOf('clientId');
let muted = false;

let seq = 0;
/** An access-log entry about client `n` (or about no client), as the chain writes them (not signed here). */
const entry = (n: number | undefined, kind: AuditEvent['kind'] = 'medical-unsealed'): AuditEvent => {
  seq += 1;
  return {
    id: `00000000-0000-4000-c000-${seq.toString(16).padStart(12, '0')}`,
    kind: n === undefined ? 'unlocked' : kind,
    staffId: STAFF,
    deviceId: DEVICE,
    ...(n === undefined ? {} : { clientId: clientOf(n) }),
    fields: n === undefined ? [] : ['history'],
    at: 1_700_000_000_000 + seq,
    seq,
    prevHash: 'h'.repeat(43),
    signature: 's'.repeat(86),
    assignedStaffIds: [STAFF],
  };
};

describe('the access log blind index of the client (auditEvents v3)', () => {
  let sodium: Sodium;
  let memory: RxStorage<unknown, unknown>;
  let inner: Map<string, RxStorageInstance<Record<string, unknown>, unknown, unknown>>;
  let quarantine: Quarantine;
  /** Each query the storage beneath the vault ran: the index it read and how many rows it handed up to open. */
  let reads: { index: string[]; rows: number }[];
  let db: RxDatabase<{ auditEvents: RxCollection<AuditEvent> }> | undefined;
  let dbCount = 0;

  beforeAll(async () => {
    sodium = await loadSodium();
  });
  beforeEach(() => {
    // One memory storage per test: it keeps its data across close and reopen, like IndexedDB.
    memory = getRxStorageMemory();
  });
  afterEach(async () => {
    await db?.remove();
    db = undefined;
  });

  /** The store's access log at `version` (3: the current schema; 2: as devices held it before). */
  async function open(
    key: SymmetricKey,
    name = `blind-${++dbCount}`,
    version: number = auditEventSchema.version,
  ) {
    inner = new Map();
    reads = [];
    quarantine = new Quarantine();
    const spying = {
      ...memory,
      async createStorageInstance(params) {
        const instance = await memory.createStorageInstance(params);
        inner.set(`${params.collectionName}@${params.schema.version}`, instance as never);
        // An edit on disk announces nothing: while `muted`, the storage's own change events are not passed up.
        const changes = instance.changeStream.bind(instance);
        instance.changeStream = () => changes().pipe(filter(() => !muted));
        const query = instance.query.bind(instance);
        instance.query = async (prepared) => {
          const result = await query(prepared);
          reads.push({ index: [...prepared.queryPlan.index], rows: result.documents.length });
          return result;
        };
        return instance;
      },
    } as RxStorage<unknown, unknown>;
    db = await createRxDatabase({
      name,
      storage: wrappedVaultStorage({ storage: spying, sodium, keys: { vaultKey: () => key }, quarantine }),
      multiInstance: false,
    });
    const migrations = Object.fromEntries(
      Object.entries(collectionRegistry.auditEvents.migrations!).filter(([v]) => Number(v) <= version),
    );
    await db.addCollections({
      auditEvents: {
        schema: { ...auditEventSchema, version } as unknown as RxJsonSchema<AuditEvent>,
        migrationStrategies: migrations,
      },
    });
    return db;
  }

  /** The rows as the storage beneath the vault holds them (what IndexedDB would hold). */
  async function storedRows(version: number = auditEventSchema.version) {
    const prepared = db!.auditEvents.find().getPreparedQuery();
    const rows = await inner.get(`auditEvents@${version}`)!.query(prepared as never);
    return rows.documents;
  }

  const ids = (docs: { id: string }[]) => docs.map((d) => d.id).sort();

  /** Moves a row to another bucket beneath the vault, as an edit on disk would (the storage's index follows). */
  async function moveBucket(id: string) {
    const instance = inner.get(`auditEvents@${auditEventSchema.version}`)!;
    const [row] = await instance.findDocumentsById([id], true);
    const document = { ...row!, [BLIND]: row![BLIND] === '00' ? '01' : '00' };
    muted = true;
    const result = await instance.bulkWrite([{ previous: row!, document }], 'test');
    muted = false;
    expect(result.error).toEqual([]);
  }

  it('finds exactly the entries about a client, by index, among many clients and entries about no one', async () => {
    const key = newDataKey(sodium);
    await open(key);
    const all = [
      ...Array.from({ length: 600 }, (_, i) => entry(i % 300)),
      ...Array.from({ length: 40 }, () => entry(undefined)),
    ];
    await db!.auditEvents.bulkInsert(all);
    for (const n of [0, 7, 299]) {
      reads = [];
      const found = await db!.auditEvents.find({ selector: { clientId: clientOf(n) } }).exec();
      // Read by the bucket's index: a few rows of the 640 opened (640 / 256 buckets), not the whole log.
      expect(reads).toEqual([{ index: ['_deleted', BLIND, 'id'], rows: expect.any(Number) }]);
      expect(reads[0]!.rows).toBeLessThan(30);
      expect(ids(found)).toEqual(ids(all.filter((e) => e.clientId === clientOf(n))));
      expect(await db!.auditEvents.count({ selector: { clientId: clientOf(n) } }).exec()).toBe(2);
    }
    expect(await db!.auditEvents.find({ selector: { clientId: clientOf(4000) } }).exec()).toEqual([]);
    // Beside it any field may be used (the bucket's rows are opened), sorted and limited as asked.
    const first = await db!.auditEvents
      .find({
        selector: { clientId: { $eq: clientOf(7) }, kind: 'medical-unsealed' },
        sort: [{ at: 'desc' }],
        limit: 1,
      })
      .exec();
    expect(first.map((d) => d.at)).toEqual([
      Math.max(...all.filter((e) => e.clientId === clientOf(7)).map((e) => e.at)),
    ]);
    // The bucket never reaches the document (so never the sync nor the server).
    expect(Object.keys(first[0]!.toJSON())).not.toContain(BLIND);
  });

  it('finds the entries written before the migration to version 3 (the migration fills their index)', async () => {
    const key = newDataKey(sodium);
    const name = `blind-migrated-${++dbCount}`;
    await open(key, name, 2);
    const before = [entry(1), entry(2), entry(1, 'passport-viewed'), entry(undefined)];
    await db!.auditEvents.bulkInsert(before);
    // At version 2 the client is sealed and has no index: the query is refused, not answered wrongly.
    await expect(db!.auditEvents.find({ selector: { clientId: clientOf(1) } }).exec()).rejects.toThrow(
      SealedFieldQueryError,
    );
    expect(Object.keys((await storedRows(2))[0]!)).not.toContain(BLIND);
    await db!.close();

    await open(key, name);
    await db!.auditEvents.insert(entry(1));
    const found = await db!.auditEvents.find({ selector: { clientId: clientOf(1) } }).exec();
    expect(
      found.map((d) => d.toJSON() as AuditEvent).filter((e) => before.some((b) => b.id === e.id)),
    ).toEqual(before.filter((e) => e.clientId === clientOf(1)).map((e) => expect.objectContaining(e)));
    expect(found).toHaveLength(3);
    expect((await storedRows()).every((row) => typeof row[BLIND] === 'string')).toBe(true);
  });

  it('keeps a row held at version 2 through the migration to version 3, reported at every open (review16-s6 M2)', async () => {
    const key = newDataKey(sodium);
    const name = `blind-held-${++dbCount}`;
    await open(key, name, 2);
    const [a, b] = [entry(1), entry(2)];
    await db!.auditEvents.bulkInsert([a, b]);
    // a's envelope changed on disk: it does not open, so it is held.
    const v2 = inner.get('auditEvents@2')!;
    const [row] = await v2.findDocumentsById([a.id], true);
    const sealed = String(row!._sealed);
    const tampered = {
      ...row!,
      _sealed: `${sealed.slice(0, 40)}${sealed[40] === 'A' ? 'B' : 'A'}${sealed.slice(41)}`,
    };
    muted = true;
    expect((await v2.bulkWrite([{ previous: row!, document: tampered }], 'test')).error).toEqual([]);
    muted = false;
    await db!.close();

    await open(key, name);
    const held = [{ collection: 'auditEvents', id: a.id, reason: 'unreadable' }];
    expect(ids(await db!.auditEvents.find().exec())).toEqual([b.id]);
    expect(quarantine.list()).toEqual(held);
    await db!.close();
    // The old store is gone; the held row is kept, as it was on disk, and reported again.
    await open(key, name);
    expect(quarantine.list()).toEqual(held);
    const [kept] = await inner.get('auditEvents-3-vault-ledger@0')!.findDocumentsById(['kept'], false);
    const context = { collection: `${name}/auditEvents/ledger`, documentId: 'kept', fieldPath: 'state' };
    expect(openJson(sodium, key, String(kept!._sealed), context)).toEqual({
      [a.id]: {
        version: 2,
        reason: 'unreadable',
        row: expect.objectContaining({ _sealed: tampered._sealed }),
      },
    });

    // An erasure's purge finds it by a clear field and removes it (held-rows.ts): reported no more.
    const rows = heldRowsOf(db!.auditEvents.storageInstance)!;
    expect(await rows.find('id', [a.id, b.id])).toEqual([{ id: a.id, value: a.id }]);
    expect(await rows.remove([a.id])).toEqual([a.id]);
    expect(quarantine.list()).toEqual([]);
    await db!.close();
    await open(key, name);
    expect(quarantine.list()).toEqual([]);
    expect(ids(await db!.auditEvents.find().exec())).toEqual([b.id]);
  });

  it('counts the entries of a client with the ledger’s check: a row rolled back on disk is not counted (m2)', async () => {
    const key = newDataKey(sodium);
    await open(key);
    const a = entry(9);
    await db!.auditEvents.bulkInsert([a, entry(9), entry(10)]);
    const instance = inner.get(`auditEvents@${auditEventSchema.version}`)!;
    const [before] = await instance.findDocumentsById([a.id], true);
    await (await db!.auditEvents.findOne(a.id).exec())!.incrementalPatch({ at: a.at + 1 });
    // Put back beneath the vault to its earlier genuine envelope and revision.
    const [now] = await instance.findDocumentsById([a.id], true);
    muted = true;
    expect((await instance.bulkWrite([{ previous: now!, document: { ...before! } }], 'test')).error).toEqual(
      [],
    );
    muted = false;
    expect(await db!.auditEvents.count({ selector: { clientId: clientOf(9) } }).exec()).toBe(1);
    expect(quarantine.list()).toEqual([{ collection: 'auditEvents', id: a.id, reason: 'rolled-back' }]);
  });

  it('stores a keyed bucket: no unkeyed hash of the id, nothing of it in clear, another vault key another bucket', async () => {
    const key = newDataKey(sodium);
    await open(key);
    const clients = Array.from({ length: 64 }, (_, i) => i + 1);
    await db!.auditEvents.bulkInsert(clients.map((n) => entry(n)));
    const rows = await storedRows();
    const stored = new Map(rows.map((row) => [row.id as string, row]));
    const bucketOfClient = new Map<string, string>();
    for (const row of rows) {
      const raw = JSON.stringify(row);
      // The client's id is nowhere in the row in clear.
      for (const n of clients) expect(raw).not.toContain(clientOf(n));
      expect(row[BLIND]).toMatch(new RegExp(`^[0-9a-f]{${Math.ceil(BLIND_INDEX_BITS / 4)}}$`));
    }
    const all = await db!.auditEvents.find().exec();
    for (const doc of all) bucketOfClient.set(doc.clientId!, stored.get(doc.id)![BLIND] as string);

    // Unkeyed hashes of the id, cut to the bucket's width: a thief could compute these, so they must not be it.
    const cut = (hash: Uint8Array) =>
      (((hash[0]! << 8) | hash[1]!) >>> (16 - BLIND_INDEX_BITS))
        .toString(16)
        .padStart(Math.ceil(BLIND_INDEX_BITS / 4), '0');
    const plain = [
      (id: string) => sodium.crypto_generichash(32, sodium.from_string(id), null),
      (id: string) => sodium.crypto_hash_sha256(sodium.from_string(id)),
      (id: string) => sodium.crypto_generichash(16, sodium.from_string(id), null),
      (id: string) => sodium.from_string(id.replace(/-/g, '')),
    ];
    for (const hash of plain) {
      const same = clients.filter((n) => bucketOfClient.get(clientOf(n)) === cut(hash(clientOf(n))));
      // By chance 64 / 256 = 0.25 match; a bucket computable without the key would match all 64.
      expect(same.length).toBeLessThan(8);
    }
    // The same ids under another device's vault key fall in other buckets.
    const other = blindIndexOf(sodium, 'auditEvents', auditEventSchema.version)!;
    const otherKey = newDataKey(sodium);
    const moved = clients.filter(
      (n) => other.bucketOf(otherKey, clientOf(n), '') !== bucketOfClient.get(clientOf(n)),
    );
    expect(moved.length).toBeGreaterThan(48);
    // And under this one, the same bucket (what a query computes).
    expect(
      clients.every((n) => other.bucketOf(key, clientOf(n), '') === bucketOfClient.get(clientOf(n))),
    ).toBe(true);
  });

  it('holds a row whose bucket was moved on disk (which would hide it from its client)', async () => {
    const key = newDataKey(sodium);
    await open(key);
    const [a, b] = [entry(5), entry(6)];
    await db!.auditEvents.bulkInsert([a, b]);
    // The memory storage hands back the very row objects it holds: move one's bucket in place.
    const [row] = await inner.get(`auditEvents@${auditEventSchema.version}`)!.findDocumentsById([a.id], true);
    row![BLIND] = row![BLIND] === '00' ? '01' : '00';
    const wrapped = (
      db!.auditEvents.storageInstance as unknown as {
        originalStorageInstance: RxStorageInstance<AuditEvent, unknown, unknown>;
      }
    ).originalStorageInstance;
    expect(await wrapped.findDocumentsById([a.id], true)).toEqual([]);
    expect(quarantine.list()).toEqual([{ collection: 'auditEvents', id: a.id, reason: 'unreadable' }]);
  });

  it('holds and reports a row whose bucket was moved at rest, found by a query of its client (review16-s6 C1)', async () => {
    const key = newDataKey(sodium);
    const name = `blind-moved-${++dbCount}`;
    await open(key, name);
    const [a, b] = [entry(5), entry(5)];
    await db!.auditEvents.bulkInsert([a, b, entry(6)]);
    // Beneath the vault (as on disk): a's bucket moved to another one, its envelope untouched.
    await moveBucket(a.id);
    await db!.close();
    await open(key, name);
    const found = await db!.auditEvents.find({ selector: { clientId: clientOf(5) } }).exec();
    expect(ids(found)).toEqual([b.id]);
    expect(quarantine.list()).toEqual([{ collection: 'auditEvents', id: a.id, reason: 'unreadable' }]);
  });

  it('reports a row whose bucket was moved while the store is open, at the next query of its client', async () => {
    const key = newDataKey(sodium);
    await open(key);
    const [a, b] = [entry(7), entry(7)];
    await db!.auditEvents.bulkInsert([a, b, entry(8)]);
    await moveBucket(a.id);
    const found = await db!.auditEvents.find({ selector: { clientId: clientOf(7) } }).exec();
    expect(ids(found)).toEqual([b.id]);
    expect(quarantine.list()).toEqual([{ collection: 'auditEvents', id: a.id, reason: 'unreadable' }]);
  });

  it('reports an entry whose deletion flag was flipped on disk while the store is open, at the next query of its client (review16-s7 m-a)', async () => {
    const key = newDataKey(sodium);
    await open(key);
    const [a, b] = [entry(11), entry(11)];
    await db!.auditEvents.bulkInsert([a, b, entry(12)]);
    const instance = inner.get(`auditEvents@${auditEventSchema.version}`)!;
    const [row] = await instance.findDocumentsById([a.id], true);
    muted = true;
    const flipped = await instance.bulkWrite(
      [{ previous: row!, document: { ...row!, _deleted: true } }],
      'test',
    );
    muted = false;
    expect(flipped.error).toEqual([]);
    const found = await db!.auditEvents.find({ selector: { clientId: clientOf(11) } }).exec();
    expect(ids(found)).toEqual([b.id]);
    expect(quarantine.list()).toEqual([{ collection: 'auditEvents', id: a.id, reason: 'rolled-back' }]);
  });
});
