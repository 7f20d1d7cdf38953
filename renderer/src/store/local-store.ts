/// <reference types="vite/client" />
import {
  addRxPlugin,
  createRxDatabase,
  defaultConflictHandler,
  type RxCollectionCreator,
  type RxConflictHandler,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { DexieSettings } from 'rxdb';
import type { Sodium } from '../../../shared/crypto/index';
import {
  SYNCED_COLLECTION_NAMES,
  type DocumentOf,
  type SyncedCollectionName,
} from '../../../shared/sync/collections';
import { collectionRegistry, type SyncedCollection } from '../../../shared/sync/registry';
import { mergingConflictHandler } from '../sync/conflict-handler';
import { withParkedResets } from '../sync/refusals';
import { rangedKeyReadsMiddleware } from './ranged-key-reads';
import type { Quarantine } from './quarantine';
import { browserLocks, holdStoreLock } from './store-lock';
import { wrappedVaultStorage, type VaultKeyHolder } from './vault-storage';

addRxPlugin(RxDBMigrationSchemaPlugin);

// RxDB's Dexie storage advertises its paid storages in the console on the first write of each run; its only
// switch is setPremiumFlag() from the paid package. Shipped builds drop that one banner; other warnings pass.
// `?.`: outside Vite (the fault suite runs under tsx) there is no import.meta.env.
if (import.meta.env?.PROD) {
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('-------------- RxDB Open Core RxStorage')) return;
    warn(...args);
  };
}

/** One RxDB collection per synced collection of the registry (shared/sync/registry.ts). */
export type LocalCollections = { [Name in SyncedCollectionName]: RxCollection<DocumentOf<Name>> };

export type LocalStore = RxDatabase<LocalCollections>;

export const LOCAL_STORE_NAME = 'lumina-vault';

/**
 * A collection's merge policy as RxDB's conflict handler: 'fields' merges conflicting edits field by field instead
 * of dropping the device's; 'server-wins' takes the server's version.
 */
export function conflictHandlerOf<Doc extends { id: string }>(
  entry: Pick<SyncedCollection<Doc>, 'merge' | 'beforeMerge'>,
): RxConflictHandler<Doc> {
  // A change the server refused for good goes back to the server's version (renderer/src/sync/refusals.ts).
  return withParkedResets(
    entry.merge === 'fields'
      ? mergingConflictHandler<Doc>('id', entry.beforeMerge)
      : (defaultConflictHandler as RxConflictHandler<Doc>),
  );
}

/** The conflict handler of each replicated collection (the pending-changes count compares with it too). */
export const conflictHandlers = Object.fromEntries(
  SYNCED_COLLECTION_NAMES.map((name) => [name, conflictHandlerOf(collectionRegistry[name])]),
) as { [Name in SyncedCollectionName]: RxConflictHandler<DocumentOf<Name>> };

export const clientsConflictHandler = conflictHandlers.clients;

/** How RxDB creates the collection a registry entry declares. */
export function collectionCreatorOf<Doc extends { id: string }>(
  entry: SyncedCollection<Doc>,
  conflictHandler: RxConflictHandler<Doc> = conflictHandlerOf(entry),
): RxCollectionCreator {
  return {
    schema: entry.schema as unknown as RxJsonSchema<Doc>,
    conflictHandler,
    ...(entry.migrations ? { migrationStrategies: { ...entry.migrations } } : {}),
  };
}

/** The collections of the local store: every collection of the registry, or those named in `only`. */
export async function addLocalCollections(
  db: RxDatabase,
  only: readonly SyncedCollectionName[] = SYNCED_COLLECTION_NAMES,
): Promise<void> {
  await db.addCollections(
    Object.fromEntries(
      only.map((name) => [
        name,
        collectionCreatorOf(
          collectionRegistry[name] as SyncedCollection<{ id: string }>,
          conflictHandlers[name] as unknown as RxConflictHandler<{ id: string }>,
        ),
      ]),
    ),
  );
}

/**
 * RxDB over Dexie as the local store uses it: batches of rows are read by key range (ranged-key-reads.ts), which
 * spares IndexedDB most of the requests of a first sync.
 */
export function localDexieStorage(settings: DexieSettings = {}): RxStorage<unknown, unknown> {
  return getRxStorageDexie({
    ...settings,
    onCreate: (dexie) => {
      dexie.use(rangedKeyReadsMiddleware);
    },
  }) as RxStorage<unknown, unknown>;
}

/**
 * The device's local store: RxDB over Dexie (IndexedDB), every personal field sealed at rest with the device
 * vault key. Everything a concierge does is written here first and replicated when there is a network.
 * `storage` is for tests in Node, which use RxDB's memory storage beneath the same vault wrapper; `only`, for tests
 * that open several stores in one process (RxDB's free edition holds at most 13 collections open at once): the
 * store then has those collections alone. `quarantine` is told of every row that cannot be trusted (quarantine.ts).
 * Throws StoreInUseError when the store is open in another window or tab of the browser (store-lock.ts).
 */
export async function openLocalStore(
  sodium: Sodium,
  keys: VaultKeyHolder,
  name = LOCAL_STORE_NAME,
  storage: RxStorage<unknown, unknown> = localDexieStorage(),
  only?: readonly SyncedCollectionName[],
  quarantine?: Quarantine,
): Promise<LocalStore> {
  // One writer per browser profile: a second window or tab is refused here (store-lock.ts). Where the lock is
  // held no other instance can exist, so RxDB need not watch for one; without Web Locks (Node), as before.
  const locks = browserLocks();
  const release = await holdStoreLock(name, locks);
  let db: LocalStore | undefined;
  try {
    db = await createRxDatabase<LocalCollections>({
      name,
      storage: wrappedVaultStorage({ storage, sodium, keys, ...(quarantine ? { quarantine } : {}) }),
      multiInstance: locks === undefined,
      closeDuplicates: true,
    });
    await addLocalCollections(db as unknown as RxDatabase, only);
  } catch (error) {
    await db?.close().catch(() => undefined);
    release();
    throw error;
  }
  // The lock is given back once the store has closed completely (RxDB's onClose hooks run before its collections
  // close); remove() closes through this too.
  const close = db.close.bind(db);
  db.close = () => close().finally(release);
  return db;
}
