import { auditEventSchema } from '../domain/audit';
import { clientSchema } from '../domain/client';
import { consentSchema } from '../domain/consent';
import { keyWrapSchema } from '../domain/key-wraps';
import { medicalSectionSchema } from '../domain/medical';
import { tripSchema } from '../domain/trip';

/**
 * Every collection that replicates between devices and the server. RxDB's free edition opens at most 13
 * collections, so this registry is the budget: docs/data-model.md plans the whole road within it.
 *
 * Every document of every collection carries `assignedStaffIds` (the medical section, key wraps, consents and
 * audit events copy the client's): the server's scope filter reads `data->'assignedStaffIds'`.
 */
export const syncedCollections = {
  clients: clientSchema,
  trips: tripSchema,
  medical: medicalSectionSchema,
  keyWraps: keyWrapSchema,
  consents: consentSchema,
  auditEvents: auditEventSchema,
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
  // Placeholders where the schema needs a value: nothing in them comes from the document.
  const envelope = `1.-.${'A'.repeat(54)}`;
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
        clientId: NIL_UUID,
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
    case 'medical':
      return {
        id: doc.id,
        clientId: NIL_UUID,
        keyId: '-',
        history: envelope,
        currentMedications: envelope,
        allergies: envelope,
        conditions: envelope,
        documentNotes: envelope,
        plannedTreatments: envelope,
        consentId: NIL_UUID,
        assignedStaffIds: [],
        createdAt: 0,
        updatedAt,
        _deleted: true,
      };
    case 'keyWraps':
      // The id names client, key and recipient; the tombstone keeps it (the device must find its copy) and nothing
      // more: no wrap, no signature.
      return {
        id: doc.id,
        v: 1,
        keyId: '-',
        clientId: NIL_UUID,
        recipientId: NIL_UUID,
        granterId: NIL_UUID,
        sealed: 'A',
        signature: 'A'.repeat(86),
        assignedStaffIds: [],
        createdAt: 0,
        updatedAt,
        _deleted: true,
      };
    case 'consents':
      return {
        id: doc.id,
        clientId: NIL_UUID,
        purpose: 'marketing',
        policyVersion: '-',
        method: 'written',
        givenAt: 0,
        witnessStaffId: NIL_UUID,
        assignedStaffIds: [],
        createdAt: 0,
        updatedAt,
        _deleted: true,
      };
    case 'auditEvents':
      return {
        id: doc.id,
        kind: 'medical-unsealed',
        staffId: NIL_UUID,
        deviceId: NIL_UUID,
        clientId: NIL_UUID,
        fields: ['history'],
        at: 0,
        assignedStaffIds: [],
        _deleted: true,
      };
  }
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
