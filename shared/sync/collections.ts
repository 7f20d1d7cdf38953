import { collectionRegistry, type DocumentOf, type SyncedCollectionName } from './registry';

/**
 * What the rest of the code reads of the collection registry (registry.ts), where each synced collection is
 * declared once.
 */
export type { DocumentOf, SyncedCollectionName };

export const SYNCED_COLLECTION_NAMES = Object.keys(collectionRegistry) as SyncedCollectionName[];

/** The JSON schema of each synced collection. */
export const syncedCollections = Object.fromEntries(
  SYNCED_COLLECTION_NAMES.map((name) => [name, collectionRegistry[name].schema]),
) as { [Name in SyncedCollectionName]: (typeof collectionRegistry)[Name]['schema'] };

export function isSyncedCollectionName(name: string): name is SyncedCollectionName {
  return Object.prototype.hasOwnProperty.call(collectionRegistry, name);
}

/**
 * The collections whose documents copy the assignees of the client they name (`clientId`): the server rewrites
 * their copy when a client's assignees change.
 */
export const CLIENT_DOCUMENT_COLLECTIONS = SYNCED_COLLECTION_NAMES.filter(
  (name) => collectionRegistry[name].assignees === 'client',
);

/**
 * What a device receives for a document it no longer may see (a client unassigned from a concierge): a tombstone
 * that carries none of the document's content, only what the schema needs for the device to store the deletion.
 */
export function accessRemovedStub(
  collection: SyncedCollectionName,
  doc: { id: string; updatedAt?: unknown },
): { id: string; _deleted: true } & Record<string, unknown> {
  const updatedAt = typeof doc.updatedAt === 'number' ? doc.updatedAt : 0;
  return { ...collectionRegistry[collection].removedStub(doc.id, updatedAt), id: doc.id, _deleted: true };
}
