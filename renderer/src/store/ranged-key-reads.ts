import type { DBCore, DBCoreGetManyRequest, DBCoreKeyRange, DBCoreTable, Middleware } from 'dexie';

/** Below this many keys, one read per key is as cheap as anything. */
const FEW_KEYS = 16;
/** A key range holding at most this many stored rows per requested key is listed (keys only) in one read. */
const LISTED_ROWS_PER_KEY = 16;
/** DBCoreRangeType.Range (a const enum, not importable under isolated modules). */
const RANGE = 2;

/**
 * Reads a batch of rows by primary key with a few IndexedDB requests instead of one per key. RxDB looks up every
 * document of a replicated batch several times before writing it (its current state, the replication's record of
 * the server's state, the storage's own check before the write), and IndexedDB charges per request: on a first
 * sync those lookups were most of the requests, and nearly all of them find nothing.
 *
 * For a batch of string keys it counts the rows between the smallest and the largest key; when that range is
 * sparse enough (always so on a store being filled by a first sync), it lists the range's keys in one request and
 * reads only the rows that exist, in one request per row. A dense range, or keys that are not all strings, are read
 * one per key as before. The answer is the same either way, read in the caller's transaction.
 */
export function rangedKeyReads(table: DBCoreTable): DBCoreTable {
  const primaryKey = table.schema.primaryKey;
  if (primaryKey.outbound || primaryKey.compound) return table;
  return {
    ...table,
    async getMany(request: DBCoreGetManyRequest) {
      const { keys } = request;
      if (keys.length < FEW_KEYS || !keys.every((key) => typeof key === 'string'))
        return table.getMany(request);
      let lower = keys[0] as string;
      let upper = lower;
      for (const key of keys as string[]) {
        if (key < lower) lower = key;
        if (key > upper) upper = key;
      }
      const range: DBCoreKeyRange = { type: RANGE, lower, upper, lowerOpen: false, upperOpen: false };
      const query = { index: primaryKey, range };
      const stored = await table.count({ trans: request.trans, query });
      if (stored > keys.length * LISTED_ROWS_PER_KEY) return table.getMany(request);
      const present = stored === 0 ? [] : (await table.query({ trans: request.trans, query })).result;
      if (present.length === 0) return keys.map(() => undefined);
      const existing = new Set(present as string[]);
      const wanted = keys.filter((key) => existing.has(key as string));
      const rows = await table.getMany({ ...request, keys: wanted });
      const byKey = new Map(wanted.map((key, i) => [key, rows[i]]));
      return keys.map((key) => byKey.get(key));
    },
  };
}

/** The Dexie middleware: every table of the database reads batches of keys as rangedKeyReads does. */
export const rangedKeyReadsMiddleware: Middleware<{ stack: 'dbcore' } & DBCore> = {
  stack: 'dbcore',
  name: 'RangedKeyReads',
  // Beneath Dexie's own middlewares, right above IndexedDB.
  level: -2,
  create: (down) => ({ ...down, table: (name: string) => rangedKeyReads(down.table(name)) }),
};
