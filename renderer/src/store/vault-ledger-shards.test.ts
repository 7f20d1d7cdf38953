import {
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  loadSodium,
  newDataKey,
  sealJson,
  type Sodium,
  type SymmetricKey,
} from '../../../shared/crypto/index';
import { Quarantine } from './quarantine';
import { shardOf } from './vault-ledger';
import { wrappedVaultStorage } from './vault-storage';

/** The ledger's shards (vault-ledger.ts): a write's cost does not grow with the collection. */

interface Guest {
  id: string;
  name: string;
}
const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, name: { type: 'string' } },
  required: ['id', 'name'],
} as const;
type Row = { id: string; _sealed: string; _deleted: boolean; _rev: string } & Record<string, unknown>;

describe('the sealed ledger in shards', () => {
  let sodium: Sodium;
  let key: SymmetricKey;
  let memory: RxStorage<unknown, unknown>;
  let quarantine: Quarantine;
  let db: RxDatabase<{ guests: RxCollection<Guest> }> | undefined;
  let count = 0;
  let name: string;
  /** The ledger's storage instance parameters, and what each of its writes sealed (characters). */
  let ledgerParams: RxStorageInstanceCreationParams<unknown, unknown> | undefined;
  let sealedWritten: number[];
  /** Whether the ledger's next write fails (thrown, as a full disk), or writes its shards and refuses its head. */
  let failing: (() => boolean) | undefined;
  let partly: (() => boolean) | undefined;
  const times = (n: number) => () => n-- > 0;

  beforeAll(async () => {
    sodium = await loadSodium();
  });
  beforeEach(() => {
    memory = getRxStorageMemory();
    key = newDataKey(sodium);
    name = `ledger-shards-${++count}`;
    sealedWritten = [];
    failing = undefined;
    partly = undefined;
  });
  afterEach(async () => {
    await db?.remove();
    db = undefined;
  });

  async function open() {
    quarantine = new Quarantine();
    const spying = {
      ...memory,
      async createStorageInstance(params) {
        const instance = await memory.createStorageInstance(params);
        if (params.collectionName === 'guests-0-vault-ledger') {
          ledgerParams = params as never;
          const bulkWrite = instance.bulkWrite.bind(instance);
          instance.bulkWrite = async (rows, context) => {
            if (failing?.()) throw new Error('QuotaExceededError: the disk is full');
            if (partly?.()) {
              // The storage refuses each row apart: the shards are written, the head is refused.
              const [head, others] = [
                rows.filter((r) => (r.document as unknown as Row).id === 'head'),
                rows.filter((r) => (r.document as unknown as Row).id !== 'head'),
              ];
              const done = await bulkWrite(others, context);
              return {
                error: [
                  ...done.error,
                  ...head.map(
                    (writeRow) => ({ status: 409, isError: true, documentId: 'head', writeRow }) as never,
                  ),
                ],
              };
            }
            sealedWritten.push(
              rows.reduce((n, row) => n + String((row.document as unknown as Row)._sealed).length, 0),
            );
            return bulkWrite(rows, context);
          };
        }
        return instance;
      },
    } as RxStorage<unknown, unknown>;
    db = await createRxDatabase({
      name,
      storage: wrappedVaultStorage({ storage: spying, sodium, keys: { vaultKey: () => key }, quarantine }),
      multiInstance: false,
    });
    await db.addCollections({ guests: { schema: schema as unknown as RxJsonSchema<Guest> } });
    return db;
  }

  /** The ledger's rows on disk, the app closed: `work` reads and writes them. */
  async function ledgerOnDisk(
    work: (
      rows: Map<string, Row>,
      write: (prev: Row | undefined, next: Row) => Promise<void>,
    ) => Promise<void>,
  ) {
    await db!.close();
    const raw = await memory.createStorageInstance<Row>(ledgerParams as never);
    const ids = [
      'head',
      'state',
      ...Array.from({ length: 256 }, (_, n) => `s${n.toString(16).padStart(2, '0')}`),
    ];
    const rows = new Map((await raw.findDocumentsById(ids, true)).map((row) => [row.id, { ...row } as Row]));
    await work(rows, async (prev, next) => {
      const row = prev ? { previous: prev as never, document: next as never } : { document: next as never };
      expect((await raw.bulkWrite([row], 'test')).error).toEqual([]);
    });
    await raw.close();
  }

  it('reseals, per write, its rows’ shards and the head, not every row’s revision', async () => {
    await open();
    await db!.guests.bulkInsert(
      Array.from({ length: 3000 }, (_, i) => ({ id: `g${i}`, name: `Guest ${i}` })),
    );
    sealedWritten = [];
    await db!.guests.insert({ id: 'one-more', name: 'One more' });
    await db!.guests.findOne('one-more').exec();
    // Unsharded, each of the write's two seals held all 3,001 revisions (some 150,000 characters each).
    expect(sealedWritten.length).toBeGreaterThan(0);
    expect(Math.max(...sealedWritten)).toBeLessThan(12_000);
  });

  it('reads a ledger of the unsharded format once, then keeps it in shards', async () => {
    await open();
    await db!.guests.bulkInsert([
      { id: 'g1', name: 'One' },
      { id: 'g2', name: 'Two' },
    ]);
    const revs = Object.fromEntries(
      (await db!.guests.find().exec()).map((doc) => [doc.id, [doc.revision, 0]]),
    );
    await ledgerOnDisk(async (rows, write) => {
      // The state as the unsharded ledger sealed it, and no head nor shards.
      for (const row of rows.values()) await write(row, { ...row, _deleted: true, _rev: `99-${row.id}` });
      const sealed = sealJson(
        sodium,
        key,
        { revs, pending: {}, counter: 7 },
        { collection: `${name}/guests/ledger`, documentId: 'state', fieldPath: 'state' },
      );
      await write(undefined, {
        id: 'state',
        _sealed: sealed,
        _deleted: false,
        _rev: '7-ledger',
        _meta: { lwt: Date.now() },
        _attachments: {},
      } as never);
    });
    await open();
    expect(quarantine.list()).toEqual([]);
    expect((await db!.guests.find().exec()).map((doc) => doc.name).sort()).toEqual(['One', 'Two']);
    await ledgerOnDisk(async (rows) => {
      expect(rows.get('state')?._deleted).toBe(true);
      expect(rows.get('head')?._deleted).toBe(false);
    });
  });

  it('refuses shards of different times (one put back to an older genuine version)', async () => {
    await open();
    await db!.guests.insert({ id: 'g1', name: 'One' });
    let old: Map<string, Row> | undefined;
    await ledgerOnDisk(async (rows) => {
      old = rows;
    });
    await open();
    await (await db!.guests.findOne('g1').exec())!.incrementalPatch({ name: 'Uno' });
    await ledgerOnDisk(async (rows, write) => {
      const shard = [...rows.values()].find(
        (row) => row.id.startsWith('s') && row._rev !== old!.get(row.id)!._rev,
      )!;
      await write(shard, { ...old!.get(shard.id)!, _rev: `999-${shard.id}`, _meta: { lwt: Date.now() + 9 } });
    });
    await expect(open()).rejects.toThrow(/not the one its head recorded/);
    db = undefined; // closed; removing it would open the ledger again (the memory storage goes with the test)
  });

  /** Two ids in different shards of the ledger. */
  const apart = () => {
    const a = 'guest-a';
    let n = 0;
    while (shardOf(`guest-b${n}`) === shardOf(a)) n += 1;
    return [a, `guest-b${n}`] as const;
  };

  it('after failed ledger writes, takes the next write and opens again (review16-s6 M1)', async () => {
    await open();
    await db!.guests.insert({ id: 'g1', name: 'One' });
    const [a, b] = apart();
    // A's ledger write fails, then its record too; B's (another shard) then runs, and the store opens again.
    failing = times(2);
    await expect(db!.guests.insert({ id: a, name: 'A' })).rejects.toThrow();
    await db!.guests.insert({ id: b, name: 'B' });
    await db!.guests.insert({ id: 'g2', name: 'Two' });
    await db!.close();
    await open();
    expect(quarantine.list()).toEqual([]);
    expect((await db!.guests.find().exec()).map((doc) => doc.id).sort()).toEqual([b, 'g1', 'g2'].sort());
  });

  it('after a ledger write whose shards were stored and head refused, takes the next write and opens again', async () => {
    await open();
    await db!.guests.insert({ id: 'g1', name: 'One' });
    const [a, b] = apart();
    partly = times(1);
    await expect(db!.guests.insert({ id: a, name: 'A' })).rejects.toThrow();
    await db!.guests.insert({ id: b, name: 'B' });
    await db!.close();
    await open();
    expect(quarantine.list()).toEqual([]);
    expect((await db!.guests.find().exec()).map((doc) => doc.id).sort()).toEqual([b, 'g1'].sort());
  });
});
