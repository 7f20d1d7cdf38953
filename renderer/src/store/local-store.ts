import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Sodium } from '../../../shared/crypto/index';
import { clientSchema, type Client } from '../../../shared/index';
import { wrappedVaultStorage, type VaultKeyHolder } from './vault-storage';

export interface LocalCollections {
  clients: RxCollection<Client>;
}

export type LocalStore = RxDatabase<LocalCollections>;

export const LOCAL_STORE_NAME = 'lumina-vault';

/**
 * The device's local store: RxDB over Dexie (IndexedDB), every personal field sealed at rest with the device
 * vault key. Everything a concierge does is written here first and replicated when there is a network.
 */
export async function openLocalStore(
  sodium: Sodium,
  keys: VaultKeyHolder,
  name = LOCAL_STORE_NAME,
): Promise<LocalStore> {
  const db = await createRxDatabase<LocalCollections>({
    name,
    storage: wrappedVaultStorage({ storage: getRxStorageDexie(), sodium, keys }),
    multiInstance: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    clients: { schema: clientSchema as unknown as RxJsonSchema<Client> },
  });
  return db;
}
