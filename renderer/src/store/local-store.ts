import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { DexieSettings } from 'rxdb';
import type { Sodium } from '../../../shared/crypto/index';
import { clientSchema, tripSchema, type Client, type Trip } from '../../../shared/index';
import { mergingConflictHandler } from '../sync/conflict-handler';
import { rangedKeyReadsMiddleware } from './ranged-key-reads';
import { wrappedVaultStorage, type VaultKeyHolder } from './vault-storage';

addRxPlugin(RxDBMigrationSchemaPlugin);

export interface LocalCollections {
  clients: RxCollection<Client>;
  trips: RxCollection<Trip>;
}

export type LocalStore = RxDatabase<LocalCollections>;

export const LOCAL_STORE_NAME = 'lumina-vault';

/** Every replicated collection merges conflicting edits field by field instead of dropping the device's. */
export const clientsConflictHandler = mergingConflictHandler<Client>('id');
/** An itinerary's items are one field to the merge: two edits of it at once become a conflict a person settles. */
export const tripsConflictHandler = mergingConflictHandler<Trip>('id');

/**
 * The collections of the local store. Client schema version 1 added the optional `conflicts` field and version 2
 * the full record's optional sections; earlier documents need no change to be valid, so the migrations keep them
 * as they are.
 */
export async function addLocalCollections(db: RxDatabase): Promise<void> {
  await db.addCollections({
    clients: {
      schema: clientSchema as unknown as RxJsonSchema<Client>,
      conflictHandler: clientsConflictHandler,
      migrationStrategies: { 1: (doc: Client) => doc, 2: (doc: Client) => doc },
    },
    trips: {
      schema: tripSchema as unknown as RxJsonSchema<Trip>,
      conflictHandler: tripsConflictHandler,
    },
  });
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
 * `storage` is for tests in Node, which use RxDB's memory storage beneath the same vault wrapper.
 */
export async function openLocalStore(
  sodium: Sodium,
  keys: VaultKeyHolder,
  name = LOCAL_STORE_NAME,
  storage: RxStorage<unknown, unknown> = localDexieStorage(),
): Promise<LocalStore> {
  const db = await createRxDatabase<LocalCollections>({
    name,
    storage: wrappedVaultStorage({ storage, sodium, keys }),
    multiInstance: true,
    closeDuplicates: true,
  });
  await addLocalCollections(db as unknown as RxDatabase);
  return db;
}
