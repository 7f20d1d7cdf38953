import { clientSchema } from '../domain/client';

/**
 * Every collection that replicates between devices and the server. RxDB's free edition opens at most 13
 * collections, so this registry is the budget: docs/data-model.md plans the whole road within it.
 */
export const syncedCollections = {
  clients: clientSchema,
} as const;

export type SyncedCollectionName = keyof typeof syncedCollections;

export const SYNCED_COLLECTION_NAMES = Object.keys(syncedCollections) as SyncedCollectionName[];

export function isSyncedCollectionName(name: string): name is SyncedCollectionName {
  return Object.prototype.hasOwnProperty.call(syncedCollections, name);
}
