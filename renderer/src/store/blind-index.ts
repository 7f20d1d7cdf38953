import {
  getQueryMatcher,
  getQueryPlan,
  getSortComparator,
  type FilledMangoQuery,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import type { Sodium, SymmetricKey } from '../../../shared/crypto/index';
import { asciiBytes, frame } from '../../../shared/crypto/encoding';

/**
 * Keyed, truncated blind indexes of sealed fields (docs/client-export.md, "Finding a client's access-log entries").
 *
 * A field sealed at rest cannot be indexed, so a query on it would have to open every row. For a field named here,
 * the vault wrapper (vault-storage.ts) stores beside each row, in clear and indexed, a *bucket* of the field's value:
 * the first BLIND_INDEX_BITS bits of BLAKE2b(value) keyed by a key derived from the device vault key (which never
 * leaves the device unwrapped). A query `{ field: value }` reads the rows of the value's bucket by index, opens them
 * and keeps those whose sealed value matches. The bucket is never part of the document: RxDB, the sync and the
 * server never see it.
 *
 * Truncation is deliberate (as CipherSweet's blind indexes): with 256 buckets and thousands of clients, each bucket
 * mixes many clients' entries, so a stolen store does not even tell which entries are about the same client, let
 * alone which client (computing a bucket needs the vault key). A row without the field (an entry about no client)
 * is placed in a bucket drawn from its own id, so those rows look like any other.
 */

export interface BlindIndexSpec {
  /** The sealed field found through the index. */
  field: string;
  /** The first schema version whose stored rows carry the bucket (the migration to it fills every row's). */
  sinceVersion: number;
}

/**
 * The blind indexes of the device's store, by collection. auditEvents v3: the client an access-log entry is about
 * (the export and "who has seen this client's medical data" read one client's entries).
 */
export const BLIND_INDEXES: Readonly<Record<string, BlindIndexSpec>> = {
  auditEvents: { field: 'clientId', sinceVersion: 3 },
};

/** 256 buckets. Changing it changes every bucket: it needs a schema version of each collection above. */
export const BLIND_INDEX_BITS = 8;
const HEX_DIGITS = Math.ceil(BLIND_INDEX_BITS / 4);
const LABEL = asciiBytes('lumina/blind-index/v1');
/** What is hashed: the field's value, or for a row without one its id (so it lands in a random-looking bucket). */
const OF_VALUE = asciiBytes('value');
const OF_ROW = asciiBytes('row-without-value');

/** The stored (clear, indexed) field holding the bucket of `field`. */
export const blindFieldOf = (field: string) => `_blind_${field}`;

export interface BlindIndex {
  field: string;
  /** The stored field, e.g. `_blind_clientId`. */
  stored: string;
  /** The bucket of a value (or of a row without one, by its id), as stored: lower-case hex. */
  bucketOf(vaultKey: SymmetricKey, value: unknown, id: string): string;
}

/** The keys derived from each vault key, by collection and field. */
const derivedKeys = new WeakMap<SymmetricKey, Map<string, Uint8Array>>();

/** Wipes the keys derived from a vault key (review16-s6 m3): the keyring calls it when it locks and wipes the key. */
export function forgetBlindKeys(sodium: Sodium, vaultKey: SymmetricKey): void {
  for (const key of derivedKeys.get(vaultKey)?.values() ?? []) sodium.memzero(key);
  derivedKeys.delete(vaultKey);
}

/** The blind index of a collection's storage instance at that schema version, if it has one. */
export function blindIndexOf(
  sodium: Sodium,
  collection: string,
  version: number,
  indexes: Readonly<Record<string, BlindIndexSpec>> = BLIND_INDEXES,
): BlindIndex | undefined {
  const spec = Object.prototype.hasOwnProperty.call(indexes, collection) ? indexes[collection] : undefined;
  if (!spec || version < spec.sinceVersion) return undefined;
  // One key per collection and field, derived from the vault key (BLAKE2b keyed by it: a PRF), kept per key object
  // until the vault locks (forgetBlindKeys).
  const context = frame([LABEL, asciiBytes(collection), asciiBytes(spec.field)]);
  const name = `${collection}\u0000${spec.field}`;
  const keyOf = (vaultKey: SymmetricKey) => {
    let keys = derivedKeys.get(vaultKey);
    if (!keys) derivedKeys.set(vaultKey, (keys = new Map()));
    let key = keys.get(name);
    if (!key) {
      key = sodium.crypto_generichash(32, context, vaultKey.bytes);
      keys.set(name, key);
    }
    return key;
  };
  return {
    field: spec.field,
    stored: blindFieldOf(spec.field),
    bucketOf(vaultKey, value, id) {
      const input =
        typeof value === 'string'
          ? frame([OF_VALUE, sodium.from_string(value)])
          : frame([OF_ROW, sodium.from_string(id)]);
      const hash = sodium.crypto_generichash(16, input, keyOf(vaultKey));
      const bucket = ((hash[0]! << 8) | hash[1]!) >>> (16 - BLIND_INDEX_BITS);
      return bucket.toString(16).padStart(HEX_DIGITS, '0');
    },
  };
}

/** The stored schema with the bucket field, required (Dexie indexes only required fields) and indexed. */
export function withBlindIndex<T>(
  stored: RxJsonSchema<RxDocumentData<T>>,
  blind: BlindIndex,
  primary: string,
): RxJsonSchema<RxDocumentData<T>> {
  return {
    ...stored,
    properties: { ...stored.properties, [blind.stored]: { type: 'string', maxLength: HEX_DIGITS } },
    required: [...((stored.required as string[] | undefined) ?? []), blind.stored],
    indexes: [...(stored.indexes ?? []), ['_deleted', blind.stored, primary]],
  } as unknown as RxJsonSchema<RxDocumentData<T>>;
}

/** The value a query asks of the blind-indexed field (`{ field: value }` or `{ field: { $eq: value } }`), if any. */
export function blindValueOf(
  selector: Record<string, unknown> | undefined,
  field: string,
): string | undefined {
  const condition = selector?.[field];
  if (typeof condition === 'string') return condition;
  if (condition && typeof condition === 'object') {
    const keys = Object.keys(condition);
    const value = (condition as { $eq?: unknown }).$eq;
    if (keys.length === 1 && typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * The storage query that reads the value's bucket by index, keeping the selector's conditions on clear fields
 * (`_deleted` above all): the rows it returns are then opened and held to the whole query (`finishBlindQuery`).
 */
export function bucketQuery<T>(
  storedSchema: RxJsonSchema<RxDocumentData<T>>,
  query: FilledMangoQuery<T>,
  blind: BlindIndex,
  bucket: string,
  clear: ReadonlySet<string>,
  primary: string,
) {
  const selector: Record<string, unknown> = {};
  for (const [name, condition] of Object.entries(query.selector ?? {})) {
    if (!name.startsWith('$') && clear.has(name)) selector[name] = condition;
  }
  selector[blind.stored] = { $eq: bucket };
  const bucketed = {
    selector,
    sort: [{ [primary]: 'asc' }],
    skip: 0,
    index: ['_deleted', blind.stored, primary],
  } as unknown as FilledMangoQuery<T>;
  return { query: bucketed, queryPlan: getQueryPlan(storedSchema, bucketed) };
}

/** The opened rows of a bucket held to the original query: its selector, its sort, its skip and limit. */
export function finishBlindQuery<T>(
  schema: RxJsonSchema<RxDocumentData<T>>,
  query: FilledMangoQuery<T>,
  opened: RxDocumentData<T>[],
): RxDocumentData<T>[] {
  const matches = getQueryMatcher(schema, query);
  const found = opened.filter((doc) => matches(doc)).sort(getSortComparator(schema, query));
  const skip = query.skip ?? 0;
  return typeof query.limit === 'number' ? found.slice(skip, skip + query.limit) : found.slice(skip);
}
