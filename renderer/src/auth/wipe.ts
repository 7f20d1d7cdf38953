import { VAULT_STORAGE_KEY } from '../security/device-vault';
import { UNLOCK_FAILURES_STORAGE_KEY } from '../security/unlock-guard';
import { DEVICE_RECORD_STORAGE_KEY } from './device-record';
import { STAFF_DIRECTORY_STORAGE_KEY } from './staff-directory';
import { PARKED_CHANGES_STORAGE_KEY } from '../sync/parked-changes';

/**
 * What a wipe removes from local storage: the sealed vault key (without which the IndexedDB data is unreadable),
 * the enrolment record with the sealed device keys, the failed-unlock count and the sealed staff directory. The language and auto-lock
 * choices stay: they are settings of the machine, not data.
 */
export const WIPED_STORAGE_KEYS = [
  VAULT_STORAGE_KEY,
  DEVICE_RECORD_STORAGE_KEY,
  UNLOCK_FAILURES_STORAGE_KEY,
  STAFF_DIRECTORY_STORAGE_KEY,
  PARKED_CHANGES_STORAGE_KEY,
] as const;

export interface WipeTargets {
  storage: Pick<Storage, 'removeItem'>;
  indexedDB: Pick<IDBFactory, 'databases' | 'deleteDatabase'>;
}

/**
 * Erases this device's data: first the keys (instant, and enough on its own: what remains is ciphertext under
 * a key that no longer exists anywhere), then every IndexedDB database of the app's origin. Close the local
 * store before calling, or the deletions wait for it.
 */
export async function wipeLocalData(targets: WipeTargets): Promise<void> {
  for (const key of WIPED_STORAGE_KEYS) targets.storage.removeItem(key);
  const databases = await targets.indexedDB.databases();
  await Promise.all(
    databases
      .map((database) => database.name)
      .filter((name): name is string => typeof name === 'string' && name.length > 0)
      .map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const request = targets.indexedDB.deleteDatabase(name);
            request.onsuccess = () => resolve();
            request.onerror = () =>
              reject(request.error ?? new Error('a local database could not be deleted'));
          }),
      ),
  );
}
