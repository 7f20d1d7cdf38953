import {
  createRxDatabase,
  getChangedDocumentsSince,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  loadSodium,
  newDataKey,
  openJson,
  sealJson,
  type Sodium,
  type SymmetricKey,
} from '../../../shared/crypto/index';
import { Quarantine } from './quarantine';
import { boundValuesJson, wrappedVaultStorage } from './vault-storage';

/** Issue 22, findings 9 and 10b: what an attacker (or a bug) does to the rows on disk while the app is closed. */

interface Guest {
  id: string;
  status: string;
  name: string;
}

const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    status: { type: 'string', maxLength: 16 },
    name: { type: 'string' },
  },
  required: ['id', 'status', 'name'],
  indexes: ['status'],
} as const;

type Row = Record<string, unknown>;

describe('the sealed ledger of a collection', () => {
  let sodium: Sodium;
  let key: SymmetricKey;
  let memory: RxStorage<unknown, unknown>;
  let quarantine: Quarantine;
  let db: RxDatabase<{ guests: RxCollection<Guest> }> | undefined;
  let count = 0;
  let name: string;

  beforeAll(async () => {
    sodium = await loadSodium();
  });
  beforeEach(() => {
    memory = getRxStorageMemory();
    key = newDataKey(sodium);
    name = `ledger-test-${++count}`;
  });
  afterEach(async () => {
    await db?.remove();
    db = undefined;
  });

  async function open(storage: RxStorage<unknown, unknown> = memory) {
    quarantine = new Quarantine();
    db = await createRxDatabase({
      name,
      storage: wrappedVaultStorage({ storage, sodium, keys: { vaultKey: () => key }, quarantine }),
      multiInstance: false,
    });
    await db.addCollections({ guests: { schema: schema as unknown as RxJsonSchema<Guest> } });
    return db;
  }

  /** The raw rows of the guests collection, as they are on disk (the app closed). */
  async function onDisk(
    work: (
      rows: Map<string, Row>,
      write: (prev: Row | undefined, next: Row) => Promise<void>,
      purge: () => Promise<void>,
    ) => Promise<void>,
  ) {
    await db!.close();
    const params = {
      databaseInstanceToken: 'attacker',
      databaseName: name,
      collectionName: 'guests',
      schema: rawSchema,
      options: {},
      multiInstance: false,
      devMode: false,
    };
    const raw = await memory.createStorageInstance<Row>(params as never);
    const found = await raw.findDocumentsById(['g1', 'g2', 'g3'], true);
    const rows = new Map(found.map((row) => [String(row.id), { ...row } as Row]));
    await work(
      rows,
      async (prev, next) => {
        const row = prev ? { previous: prev as never, document: next as never } : { document: next as never };
        const result = await raw.bulkWrite([row], 'attacker');
        expect(result.error).toEqual([]);
      },
      async () => {
        await raw.cleanup(0);
      },
    );
    await raw.close();
  }
  let rawSchema: unknown;

  function capturing(): RxStorage<unknown, unknown> {
    return {
      ...memory,
      async createStorageInstance(params) {
        if (params.collectionName === 'guests') rawSchema = params.schema;
        return memory.createStorageInstance(params);
      },
    } as RxStorage<unknown, unknown>;
  }

  it('finds a row rolled back to an older genuine envelope, and neither shows nor pushes it', async () => {
    await open(capturing());
    await db!.guests.insert({ id: 'g1', status: 'active', name: 'Old name' });
    await db!.guests.insert({ id: 'g2', status: 'active', name: 'Two' });
    let old: Row | undefined;
    await onDisk(async (rows) => {
      old = rows.get('g1');
    });
    await open(capturing());
    await (await db!.guests.findOne('g1').exec())!.incrementalPatch({ name: 'New name' });
    await onDisk(async (rows, write) => {
      await write(rows.get('g1')!, { ...old!, _meta: { lwt: Date.now() + 5 } });
    });

    await open(capturing());
    expect(quarantine.list()).toEqual([{ collection: 'guests', id: 'g1', reason: 'rolled-back' }]);
    expect((await db!.guests.find().exec()).map((doc) => doc.name)).toEqual(['Two']);
    expect(await db!.guests.count().exec()).toBe(1);
    expect(await db!.guests.count({ selector: { status: 'active' } }).exec()).toBe(1);
    // What replication's upstream reads: the rolled-back row is not among the changes to push.
    const changed = await getChangedDocumentsSince(db!.guests.storageInstance, 100);
    expect(changed.documents.map((doc) => doc.id)).toEqual(['g2']);
  });

  it('finds a row deleted at rest, a flipped deletion flag, and a deleted row put back', async () => {
    await open(capturing());
    await db!.guests.bulkInsert([
      { id: 'g1', status: 'active', name: 'One' },
      { id: 'g2', status: 'active', name: 'Two' },
      { id: 'g3', status: 'active', name: 'Three' },
    ]);
    let beforeDeletion: Row | undefined;
    await onDisk(async (rows) => {
      beforeDeletion = rows.get('g3');
    });
    await open(capturing());
    await (await db!.guests.findOne('g3').exec())!.remove();
    await onDisk(async (rows, write, purge) => {
      // g1 vanishes, g2 looks deleted, g3 (deleted) comes back as it was.
      await write(rows.get('g3')!, { ...beforeDeletion!, _meta: { lwt: Date.now() + 7 } });
      await write(rows.get('g1')!, {
        ...rows.get('g1')!,
        _deleted: true,
        _meta: { lwt: Date.now() - 60_000 },
      });
      await purge();
      await write(rows.get('g2')!, { ...rows.get('g2')!, _deleted: true, _meta: { lwt: Date.now() + 6 } });
    });
    await open(capturing());
    const reasons = Object.fromEntries(quarantine.list().map((row) => [row.id, row.reason]));
    expect(reasons).toEqual({ g1: 'missing', g2: 'rolled-back', g3: 'rolled-back' });
    expect(await db!.guests.find().exec()).toEqual([]);
  });

  it('trusts rows sealed before revisions were bound and the ledger existed, once, and keeps working on them', async () => {
    await open(capturing());
    await db!.guests.bulkInsert([
      { id: 'g1', status: 'active', name: 'One' },
      { id: 'g2', status: 'active', name: 'Two' },
    ]);
    await onDisk(async (rows, write) => {
      // As the previous version sealed them: the envelope bound to the id, deletion flag and indexed fields only.
      for (const row of rows.values()) {
        const legacyContext = {
          collection: `${name}/guests`,
          documentId: String(row.id),
          fieldPath: `_sealed:${boundValuesJson(row, ['_deleted', 'id', 'status'], ['"_deleted"', '"id"', '"status"'])}`,
        };
        const personal = openJson(sodium, key, String(row._sealed), {
          ...legacyContext,
          fieldPath: `_sealed:${boundValuesJson(row, ['_deleted', '_rev', 'id', 'status'], ['"_deleted"', '"_rev"', '"id"', '"status"'])}`,
        });
        await write(row, { ...row, _sealed: sealJson(sodium, key, personal, legacyContext) });
      }
    });
    const ledger = await memory.createStorageInstance({
      databaseInstanceToken: 'attacker',
      databaseName: name,
      collectionName: 'guests-0-vault-ledger',
      schema: {
        version: 0,
        primaryKey: 'id',
        type: 'object',
        properties: { id: { type: 'string', maxLength: 16 } },
      },
      options: {},
      multiInstance: false,
      devMode: false,
    } as never);
    await ledger.remove();

    await open(capturing());
    expect(quarantine.list()).toEqual([]);
    expect((await db!.guests.find().exec()).map((doc) => doc.name).sort()).toEqual(['One', 'Two']);
    await (await db!.guests.findOne('g1').exec())!.incrementalPatch({ name: 'One again' });
    await db!.close();
    await open(capturing());
    expect(quarantine.list()).toEqual([]);
    expect((await db!.guests.find().exec()).map((doc) => doc.name).sort()).toEqual(['One again', 'Two']);
  });
});
