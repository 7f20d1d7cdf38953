import { clientSchema } from '../domain/client';
import { tripSchema } from '../domain/trip';

/**
 * Every collection that replicates between devices and the server. RxDB's free edition opens at most 13
 * collections, so this registry is the budget: docs/data-model.md plans the whole road within it.
 */
export const syncedCollections = {
  clients: clientSchema,
  trips: tripSchema,
} as const;

export type SyncedCollectionName = keyof typeof syncedCollections;

export const SYNCED_COLLECTION_NAMES = Object.keys(syncedCollections) as SyncedCollectionName[];

export function isSyncedCollectionName(name: string): name is SyncedCollectionName {
  return Object.prototype.hasOwnProperty.call(syncedCollections, name);
}

/**
 * What a device receives for a document it no longer may see (a client unassigned from a concierge): a tombstone
 * that carries none of the document's content, only what the schema needs for the device to store the deletion.
 */
export function accessRemovedStub(
  collection: SyncedCollectionName,
  doc: { id: string; updatedAt?: unknown },
): { id: string; _deleted: true } & Record<string, unknown> {
  const updatedAt = typeof doc.updatedAt === 'number' ? doc.updatedAt : 0;
  switch (collection) {
    case 'clients':
      return {
        id: doc.id,
        names: { latin: '-' },
        status: 'archived',
        assignedStaffIds: [],
        createdAt: 0,
        updatedAt,
        _deleted: true,
      };
    case 'trips':
      // Not even the client it belongs to: the nil uuid stands in.
      return {
        id: doc.id,
        clientId: '00000000-0000-0000-0000-000000000000',
        assignedStaffIds: [],
        title: '-',
        startDate: '1970-01-01',
        endDate: '1970-01-01',
        timeZone: 'UTC',
        items: [],
        createdAt: 0,
        updatedAt,
        _deleted: true,
      };
  }
}
