import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { clientSchema, type Client } from '../../../shared/index';

export interface LocalCollections {
  clients: RxCollection<Client>;
}

export type LocalStore = RxDatabase<LocalCollections>;

/**
 * The device's local store: RxDB over Dexie (IndexedDB). Everything a concierge does is written here first
 * and replicated to the server when there is a network.
 */
export async function openLocalStore(name = 'lumina'): Promise<LocalStore> {
  const db = await createRxDatabase<LocalCollections>({
    name,
    storage: getRxStorageDexie(),
    multiInstance: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    clients: { schema: clientSchema as unknown as RxJsonSchema<Client> },
  });
  return db;
}
