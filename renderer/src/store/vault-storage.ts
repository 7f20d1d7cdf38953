import type {
  FilledMangoQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageInstance,
  RxStorageInstanceCreationParams,
} from 'rxdb';
import { wrapRxStorageInstance } from 'rxdb/plugins/core';
import {
  CryptoError,
  openJson,
  sealJson,
  type FieldContext,
  type Sodium,
  type SymmetricKey,
} from '../../../shared/crypto/index';
import { hideQuarantined, QUARANTINED, trusted, type Hold } from './ledger-guard';
import { attachHeldRows } from './held-rows';
import { keepHeldThroughMigration, type OpenLedgers } from './kept-rows';
import type { Quarantine, QuarantineReason } from './quarantine';
import type { VaultKeyHolder } from './vault-key';
import { VaultLedger } from './vault-ledger';
import { boundValuesJson, fieldsOfQuery } from './vault-fields';

export { boundValuesJson, fieldsOfQuery } from './vault-fields';
import {
  blindIndexOf,
  blindValueOf,
  bucketQuery,
  finishBlindQuery,
  withBlindIndex,
  type BlindIndexSpec,
} from './blind-index';

/** Where a document's sealed personal data is kept in IndexedDB. */
export const SEALED_FIELD = '_sealed';

/** RxDB's own bookkeeping fields: never personal, needed in clear by the storage. */
const RXDB_INTERNAL_FIELDS = ['_deleted', '_rev', '_meta', '_attachments'];

export type { VaultKeyHolder } from './vault-key';

export class SealedFieldQueryError extends Error {
  constructor(collection: string, field: string) {
    super(
      `the ${collection} query uses "${field}", which is sealed at rest; query only ids, indexed fields and ` +
        'timestamps, and search personal fields in the decrypted in-memory index',
    );
  }
}

/**
 * The fields a document keeps in clear: its primary key, every indexed field (IndexedDB must see them to
 * index them) and RxDB's internals. Everything else is personal and sealed, so a field added to a schema
 * later is encrypted unless someone deliberately indexes it.
 */
export function clearFieldsOf(schema: RxJsonSchema<unknown>): Set<string> {
  // A composite primary key (RxDB's internal and replication-meta collections) is built from its fields.
  const primary =
    typeof schema.primaryKey === 'string'
      ? [schema.primaryKey]
      : [schema.primaryKey.key, ...schema.primaryKey.fields];
  const indexed = (schema.indexes ?? []).flatMap((index) => (Array.isArray(index) ? index : [index]));
  return new Set(
    [...primary, ...indexed.map((field) => field.split('.')[0]!), ...RXDB_INTERNAL_FIELDS].map(String),
  );
}

function storedSchemaOf<T>(
  schema: RxJsonSchema<RxDocumentData<T>>,
  clear: Set<string>,
): RxJsonSchema<RxDocumentData<T>> {
  const properties: Record<string, unknown> = { [SEALED_FIELD]: { type: 'string' } };
  for (const [name, definition] of Object.entries(schema.properties)) {
    if (clear.has(name)) properties[name] = definition;
  }
  return {
    ...schema,
    properties,
    required: [
      ...((schema.required as string[] | undefined) ?? []).filter((f) => clear.has(f)),
      SEALED_FIELD,
    ],
  } as unknown as RxJsonSchema<RxDocumentData<T>>;
}

/**
 * Schemas this wrapper cannot yet protect fully are refused rather than half-sealed: attachments (their data would
 * be stored in clear) and indexes on nested paths (the whole parent object would have to stay in clear).
 */
export function refuseUnsealableSchema(collection: string, schema: RxJsonSchema<unknown>): void {
  if (schema.attachments) {
    throw new Error(`the ${collection} schema has attachments, which the encrypted store does not seal yet`);
  }
  // RxDB indexes its own `_meta.lwt`; that object is bookkeeping and in clear anyway.
  const nested = (schema.indexes ?? [])
    .flat()
    .map(String)
    .find((field) => field.includes('.') && !RXDB_INTERNAL_FIELDS.includes(field.split('.')[0]!));
  if (nested) {
    throw new Error(
      `the ${collection} schema indexes the nested path "${String(nested)}", which would leave its parent in clear`,
    );
  }
}

/**
 * An RxDB storage that seals every personal field at rest with the device vault key (XChaCha20-Poly1305 via
 * libsodium, see docs/crypto-spec.md), one envelope per document whose associated data binds it to its
 * collection, document id, revision and deletion flag. Only what must be indexed stays in clear. Rows that do
 * not open, or that are not what the collection's sealed ledger recorded, are quarantined (quarantine.ts).
 */
export function wrappedVaultStorage<Internals, Options>(args: {
  storage: RxStorage<Internals, Options>;
  sodium: Sodium;
  keys: VaultKeyHolder;
  /** Told of every row that cannot be trusted (quarantine.ts); such rows are hidden and never pushed. */
  quarantine?: Quarantine;
  /** The sealed fields found through a blind index (blind-index.ts); the device's by default. */
  blindIndexes?: Readonly<Record<string, BlindIndexSpec>>;
}): RxStorage<Internals, Options> {
  const { sodium, keys } = args;
  const openLedgers: OpenLedgers = new Map();
  return {
    ...args.storage,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, Options>) {
      const schema = params.schema;
      refuseUnsealableSchema(params.collectionName, schema as RxJsonSchema<unknown>);
      const clear = clearFieldsOf(schema as RxJsonSchema<unknown>);
      const primary = typeof schema.primaryKey === 'string' ? schema.primaryKey : schema.primaryKey.key;
      // A sealed field found by its keyed bucket (blind-index.ts): stored in clear and indexed, never in the document.
      const blind =
        typeof schema.primaryKey === 'string'
          ? blindIndexOf(sodium, params.collectionName, schema.version, args.blindIndexes)
          : undefined;
      const blindStored = blind?.stored;
      // The row's clear fields that carry meaning (deletion flag, indexed values) are bound into the associated
      // data too, so flipping `_deleted` or an indexed status on disk makes the row fail to open instead of
      // syncing a forged tombstone. `_meta` (RxDB's last write time) stays outside on purpose: it orders the change
      // feed and dates tombstones for cleanup, is never pushed or shown, and decides no value, so changing it on
      // disk can only withhold a change, which deleting the store does as well (docs/crypto-spec.md, local store).
      // The synced collections (a plain primary key; not RxDB's internal and replication-meta ones) also bind the
      // revision and keep a sealed ledger of every row's revision (vault-ledger.ts), which finds rollbacks at rest.
      const guarded = typeof schema.primaryKey === 'string';
      const legacyBound = [...clear]
        .filter((field) => field !== '_rev' && field !== '_meta' && field !== '_attachments')
        .sort();
      const bound = guarded ? [...legacyBound, '_rev'].sort() : legacyBound;
      const collection = `${params.databaseName}/${params.collectionName}`;
      const boundKeys = bound.map((field) => JSON.stringify(field));
      const legacyKeys = legacyBound.map((field) => JSON.stringify(field));
      const contextOf = (doc: Record<string, unknown>, legacy = false): FieldContext => ({
        collection,
        documentId: String(doc[primary as string]),
        fieldPath: `${SEALED_FIELD}:${legacy ? boundValuesJson(doc, legacyBound, legacyKeys) : boundValuesJson(doc, bound, boundKeys)}`,
      });

      const storedSchema = blind
        ? withBlindIndex(storedSchemaOf(schema, clear), blind, primary as string)
        : storedSchemaOf(schema, clear);
      const inner = await args.storage.createStorageInstance<T>({
        ...params,
        schema: storedSchema,
      } as RxStorageInstanceCreationParams<T, Options>);
      // The bucket a raw row's sealed value gives (for the ledger's entries that have none recorded yet).
      const verify = (row: Record<string, unknown>) => {
        for (const legacy of [false, true]) {
          try {
            const doc = openJson(
              sodium,
              keys.vaultKey(),
              row[SEALED_FIELD] as string,
              contextOf(row, legacy),
            );
            return blind!.bucketOf(
              keys.vaultKey(),
              (doc as Record<string, unknown>)[blind!.field],
              String(row[primary]),
            );
          } catch {
            // not sealed that way
          }
        }
        return undefined;
      };
      const check = guarded
        ? await VaultLedger.open({
            storage: args.storage,
            params: params as unknown as RxStorageInstanceCreationParams<unknown, Options>,
            inner: inner as unknown as RxStorageInstance<unknown, unknown, unknown>,
            primary: primary as string,
            sodium,
            keys,
            ...(blind ? { buckets: { field: blind.stored, verify } } : {}),
          })
        : undefined;
      const ledger = check?.ledger;
      // Ids of rows not to be trusted: hidden from every read (so never pushed), reported once.
      const held = new Set<string>();
      /** Every row held or reported missing in this instance: kept through a migration (kept-rows.ts). */
      const reported = new Map<string, QuarantineReason>();
      const hold: Hold = (id, reason) => {
        if (reason !== 'missing') held.add(id);
        if (!reported.has(id)) reported.set(id, reason);
        args.quarantine?.report({ collection: params.collectionName, id, reason });
      };
      for (const [id, reason] of check?.tampered ?? []) hold(id, reason);
      // Rows held in an earlier version, kept through its migration: reported at every open.
      for (const [id, { reason }] of Object.entries(check?.kept ?? {}))
        args.quarantine?.report({ collection: params.collectionName, id, reason });

      // The document each row this wrapper sealed was sealed from. The storage announces a write with the very
      // row objects it was given, and RxDB opens every announced row (once per listener: the collection and each
      // replication); those rows need no opening, their document is here. Rows read back from IndexedDB are new
      // objects and are always opened, and so is a row changed since it was sealed (its fields are compared with
      // a copy taken then). Weak, so a row's document is held no longer than the row itself.
      const sealedFrom = new WeakMap<object, { doc: RxDocumentData<T>; row: Record<string, unknown> }>();
      const unchanged = (row: Record<string, unknown>, then: Record<string, unknown>) => {
        for (const field in row) if (row[field] !== then[field]) return false;
        for (const field in then) if (!(field in row)) return false;
        return true;
      };
      const toStorage = (doc: RxDocumentData<T>) => {
        const stored: Record<string, unknown> = {};
        const personal: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(doc)) {
          if (clear.has(name)) stored[name] = value;
          else personal[name] = value;
        }
        const key = keys.vaultKey();
        stored[SEALED_FIELD] = sealJson(sodium, key, personal, contextOf(doc));
        if (blind) stored[blind.stored] = blind.bucketOf(key, personal[blind.field], String(doc[primary]));
        sealedFrom.set(stored, { doc, row: { ...stored } });
        return stored as RxDocumentData<unknown>;
      };
      // Runs for every document read, so it copies as little as it can: the opened object becomes the document.
      const fromStorage = (stored: RxDocumentData<unknown>) => {
        const row = stored as Record<string, unknown>;
        const written = sealedFrom.get(row);
        if (written && unchanged(row, written.row)) {
          keys.vaultKey(); // a locked store opens nothing, not even what it wrote a moment ago
          return written.doc;
        }
        const key = keys.vaultKey();
        if (!guarded) {
          const doc = openJson(sodium, key, row[SEALED_FIELD] as string, contextOf(row)) as Record<
            string,
            unknown
          >;
          for (const field in row) if (field !== SEALED_FIELD) doc[field] = row[field];
          return doc as RxDocumentData<T>;
        }
        const id = String(row[primary as string]);
        if (held.size > 0 && held.has(id)) return QUARANTINED as RxDocumentData<T>;
        let doc: Record<string, unknown>;
        try {
          doc = openJson(sodium, key, row[SEALED_FIELD] as string, contextOf(row)) as Record<string, unknown>;
        } catch (error) {
          const legacy = ledger?.isLegacy(id, String(row._rev)) ?? false;
          const opened = legacy ? tryOpen(row, key) : undefined;
          if (opened) doc = opened;
          else if (error instanceof CryptoError && error.code !== 'wrong-key') {
            hold(id, 'unreadable');
            return QUARANTINED as RxDocumentData<T>;
          } else throw error;
        }
        // The bucket is the sealed value's and the one the ledger recorded: one moved on disk (to hide the row from
        // its value's queries) is held.
        const recorded = blind && ledger?.bucketOf(id, String(row._rev));
        if (
          blind &&
          (row[blind.stored] !== blind.bucketOf(key, doc[blind.field], id) ||
            (recorded !== undefined && row[blind.stored] !== recorded))
        ) {
          hold(id, 'unreadable');
          return QUARANTINED as RxDocumentData<T>;
        }
        for (const field in row) if (field !== SEALED_FIELD && field !== blindStored) doc[field] = row[field];
        return doc as RxDocumentData<T>;
      };
      /** A row sealed before revisions were bound, adopted by the ledger at the first open after the update. */
      const tryOpen = (row: Record<string, unknown>, key: SymmetricKey) => {
        try {
          return openJson(sodium, key, row[SEALED_FIELD] as string, contextOf(row, true)) as Record<
            string,
            unknown
          >;
        } catch {
          return undefined;
        }
      };

      const wrapped = wrapRxStorageInstance(
        schema,
        inner as RxStorageInstance<T, unknown, unknown>,
        toStorage,
        fromStorage,
      );
      // Queries run inside the storage, on what is stored: a selector on a sealed field would silently match
      // nothing, so it is refused with the reason instead.
      // A query naming the blind-indexed field's value reads that value's bucket by index instead (blind-index.ts);
      // its rows are opened and held to the whole query, so any field may then be used beside it.
      const guard = (query: { query: FilledMangoQuery<T> }) => {
        for (const field of fieldsOfQuery(query.query as FilledMangoQuery<unknown>)) {
          if (!clear.has(field)) throw new SealedFieldQueryError(params.collectionName, field);
        }
      };
      const query = wrapped.query.bind(wrapped);
      const count = wrapped.count.bind(wrapped);
      const blindQuery = async (prepared: { query: FilledMangoQuery<T> }) => {
        const value = blind && blindValueOf(prepared.query.selector as Record<string, unknown>, blind.field);
        if (!blind || value === undefined) return undefined;
        const bucket = blind.bucketOf(keys.vaultKey(), value, '');
        const since = ledger?.mark ?? 0;
        const opened = await query(
          bucketQuery(storedSchema, prepared.query, blind, bucket, clear, primary as string),
        );
        if (ledger) await movedOut(bucket, opened.documents, since);
        return finishBlindQuery(schema, prepared.query, trusted(opened.documents));
      };
      /**
       * The rows the ledger records alive in the bucket that its read did not return: each is read raw by id, and
       * one stored under another bucket (moved on disk while the store was open) or in a state the ledger did not
       * record (a deletion flag flipped on disk) is held; one gone is missing.
       */
      const movedOut = async (bucket: string, read: unknown[], since: number) => {
        const returned = new Set(
          trusted(read).map((doc) => String((doc as Record<string, unknown>)[primary as string])),
        );
        const absent = ledger!.aliveIn(bucket, since).filter((id) => !returned.has(id) && !held.has(id));
        if (absent.length === 0) return;
        const raw = await inner.findDocumentsById(absent, true);
        const found = new Map(
          raw.map((row) => [String((row as Record<string, unknown>)[primary as string]), row]),
        );
        for (const id of absent) {
          const row = found.get(id) as Record<string, unknown> | undefined;
          if (!row) {
            if (ledger!.vanished(id, since)) hold(id, 'missing');
          } else if (row[blind!.stored] !== bucket) hold(id, 'unreadable');
          else if (!ledger!.trusts(id, String(row._rev), Boolean(row._deleted), since))
            hold(id, 'rolled-back');
        }
      };
      wrapped.query = async (prepared) => {
        const found = await blindQuery(prepared);
        if (found) return { documents: found };
        guard(prepared);
        const { limit, skip = 0 } = prepared.query;
        if (held.size === 0 || typeof limit !== 'number') {
          return { documents: trusted((await query(prepared)).documents) };
        }
        // Held rows are dropped after the storage applied skip and limit: as many more are read, and the skip and
        // limit applied to the trusted ones, so a limited read is not cut short by a held row.
        const widened = {
          ...prepared,
          query: { ...prepared.query, skip: 0, limit: skip + limit + held.size },
        };
        const documents = trusted((await query(widened)).documents);
        return { documents: documents.slice(skip, skip + limit) };
      };
      wrapped.count = async (prepared) => {
        // A count of a blind-indexed value counts the rows the query returns, the ledger's check applied (the
        // query as wrapped below by hideQuarantined), not the bucket's rows as read.
        if (
          blind &&
          blindValueOf(prepared.query.selector as Record<string, unknown>, blind.field) !== undefined
        )
          return { count: (await wrapped.query(prepared)).documents.length, mode: 'fast' };
        guard(prepared);
        if (held.size === 0) return count(prepared);
        // Quarantined rows are hidden from every read, so from counts too: the storage's own count would include
        // them, so the rows are read and the trusted ones counted. Only while some row is quarantined (rare), so
        // it still reports 'fast': RxDB refuses a 'slow' count unless the collection allows slow counts.
        return { count: (await wrapped.query(prepared)).documents.length, mode: 'fast' };
      };
      const bucketOfDoc = blind
        ? (doc: Record<string, unknown>) =>
            blind.bucketOf(keys.vaultKey(), doc[blind.field], String(doc[primary]))
        : undefined;
      if (ledger) {
        hideQuarantined(wrapped, ledger, primary as string, hold, held, bucketOfDoc);
        const rows = {
          wrapped,
          inner: inner as never,
          ledger,
          primary: primary as string,
          reported,
        };
        keepHeldThroughMigration({ ...rows, open: openLedgers, name: collection, version: schema.version });
        attachHeldRows({
          ...rows,
          held,
          forget: (id) => args.quarantine?.forget(params.collectionName, [id]),
        });
      }
      return wrapped as unknown as RxStorageInstance<T, Internals, Options>;
    },
  };
}
