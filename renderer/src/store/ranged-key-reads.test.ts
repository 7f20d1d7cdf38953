import type { DBCoreCountRequest, DBCoreQueryRequest, DBCoreTable, DBCoreTransaction } from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangedKeyReads } from './ranged-key-reads';

/** A DBCore table over a sorted array of rows keyed by `id`, counting the IndexedDB requests it would make. */
function fakeTable(ids: string[]) {
  const rows = new Map(ids.map((id) => [id, { id, name: `row ${id}` }]));
  const sorted = [...rows.keys()].sort();
  const requests = { get: 0, count: 0, listKeys: 0 };
  const inRange = (query: DBCoreCountRequest['query']) =>
    sorted.filter((id) => id >= query.range.lower && id <= query.range.upper);
  const primaryKey = {
    name: null,
    isPrimaryKey: true,
    keyPath: 'id',
    extractKey: (row: { id: string }) => row.id,
  };
  const table = {
    name: 'docs',
    schema: { name: 'docs', primaryKey, indexes: [], getIndexByKeyPath: () => undefined },
    getMany: async ({ keys }: { keys: string[] }) => {
      requests.get += keys.length;
      return keys.map((key) => rows.get(key));
    },
    count: async (request: DBCoreCountRequest) => {
      requests.count += 1;
      return inRange(request.query).length;
    },
    query: async (request: DBCoreQueryRequest) => {
      if (request.values) throw new Error('only keys are listed');
      requests.listKeys += 1;
      return { result: inRange(request.query) };
    },
  } as unknown as DBCoreTable;
  return { table, requests };
}

const trans = {} as DBCoreTransaction;
const key = fc.stringMatching(/^[0-9a-f]{1,6}$/);

describe('rangedKeyReads', () => {
  it('answers exactly as one read per key would, whatever is stored and asked for', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(key, { maxLength: 300 }),
        fc.array(key, { maxLength: 200 }),
        async (stored, asked) => {
          const { table } = fakeTable(stored);
          const expected = await table.getMany({ trans, keys: asked });
          expect(await rangedKeyReads(table).getMany({ trans, keys: asked })).toEqual(expected);
        },
      ),
    );
  });

  it('reads a batch into an empty or sparse store with a few requests, and a dense one key by key', async () => {
    const batch = Array.from({ length: 1000 }, (_, n) => `doc-${String(n).padStart(5, '0')}`);
    const empty = fakeTable([]);
    await rangedKeyReads(empty.table).getMany({ trans, keys: batch });
    expect(empty.requests).toEqual({ get: 0, count: 1, listKeys: 0 });

    const sparse = fakeTable(batch.filter((_, n) => n % 100 === 0));
    const found = await rangedKeyReads(sparse.table).getMany({ trans, keys: batch });
    expect(found.filter(Boolean)).toHaveLength(10);
    expect(sparse.requests).toEqual({ get: 10, count: 1, listKeys: 1 });

    // Twenty times as many rows stored between the batch's keys as keys asked for: listing them would cost more.
    const dense = fakeTable(Array.from({ length: 20_000 }, (_, n) => `doc-${String(n).padStart(5, '0')}`));
    await rangedKeyReads(dense.table).getMany({ trans, keys: [batch[0]!, ...batch.slice(-20)] });
    expect(dense.requests).toEqual({ get: 21, count: 1, listKeys: 0 });
  });
});
