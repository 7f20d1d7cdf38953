import {
  createRxDatabase,
  type RxCollection,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey, type Sodium } from '../../../shared/crypto/index';
import { clientSchema, newClient, type Client, type Trip } from '../../../shared/index';
import { fullClient } from '../../../tests/support/wire-schema';
import { openLocalStore } from './local-store';
import { SEALED_FIELD, SealedFieldQueryError, wrappedVaultStorage } from './vault-storage';

describe('openLocalStore', () => {
  let sodium: Sodium;
  beforeAll(async () => {
    sodium = await loadSodium();
  });

  it('migrates a store written with client schema 0 (no conflicts field), keeping every client', async () => {
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const keys = { vaultKey: () => key };
    const name = `migration-test-${Date.now()}`;
    const { conflicts, ...propertiesV0 } = clientSchema.properties;
    expect(conflicts).toBeDefined();
    // Versions 0 to 2 indexed `updatedAt`, so it was kept in clear.
    const schemaV0 = { ...clientSchema, version: 0, properties: propertiesV0, indexes: ['updatedAt'] };

    const old = await createRxDatabase<{ clients: RxCollection<Client> }>({
      name,
      storage: wrappedVaultStorage({ storage: memory, sodium, keys }),
    });
    await old.addCollections({ clients: { schema: schemaV0 as unknown as RxJsonSchema<Client> } });
    await old.clients.insert(
      newClient('00000000-0000-4000-8000-000000000001', { latin: 'Amelia Hartley' }, 5),
    );
    await old.close();

    const store = await openLocalStore(sodium, keys, name, memory);
    try {
      const docs = await store.clients.find().exec();
      expect(docs.map((doc) => doc.toJSON())).toEqual([
        newClient('00000000-0000-4000-8000-000000000001', { latin: 'Amelia Hartley' }, 5),
      ]);
      // The new field is usable at once.
      await docs[0]!.incrementalPatch({
        conflicts: [{ path: ['status'], values: [{ value: 'active' }, {}] }],
      });
      expect((await store.clients.findOne(docs[0]!.id).exec())!.conflicts).toHaveLength(1);
    } finally {
      await store.remove();
    }
  });

  it('migrates a store written with client schema 1 to the current one, keeping its clients, and stores full records', async () => {
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const keys = { vaultKey: () => key };
    const name = `migration-v1-test-${Date.now()}`;
    const { names, status, assignedStaffIds, createdAt, updatedAt, conflicts, id } = clientSchema.properties;
    const schemaV1 = {
      ...clientSchema,
      version: 1,
      properties: { id, names, status, assignedStaffIds, createdAt, updatedAt, conflicts },
      indexes: ['updatedAt'],
    };
    const before = newClient('00000000-0000-4000-8000-000000000002', { latin: 'Kenji Sato' }, 7);

    const old = await createRxDatabase<{ clients: RxCollection<Client> }>({
      name,
      storage: wrappedVaultStorage({ storage: memory, sodium, keys }),
    });
    await old.addCollections({
      clients: {
        schema: schemaV1 as unknown as RxJsonSchema<Client>,
        migrationStrategies: { 1: (doc: Client) => doc },
      },
    });
    await old.clients.insert(before);
    await old.close();

    const store = await openLocalStore(sodium, keys, name, memory);
    try {
      expect((await store.clients.find().exec()).map((doc) => doc.toJSON())).toEqual([before]);
      const full = fullClient();
      await store.clients.insert(full);
      expect((await store.clients.findOne(full.id).exec())!.toJSON()).toEqual(full);
    } finally {
      await store.remove();
    }
  });

  it('keeps trips with their itinerary, findable by client, the itinerary and dates sealed at rest', async () => {
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const inner = new Map<string, RxStorageInstance<Record<string, unknown>, unknown, unknown>>();
    const spying = {
      ...memory,
      async createStorageInstance(params) {
        const instance = await memory.createStorageInstance(params);
        inner.set(params.collectionName, instance as never);
        return instance;
      },
    } as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const store = await openLocalStore(sodium, { vaultKey: () => key }, `trips-test-${Date.now()}`, spying);
    const trip: Trip = {
      id: '00000000-0000-4000-9000-000000000001',
      clientId: '00000000-0000-4000-8000-000000000001',
      assignedStaffIds: [],
      title: 'Cardiac check-up week',
      startDate: '2026-04-01',
      endDate: '2026-04-08',
      timeZone: 'Asia/Tokyo',
      items: [
        {
          id: '00000000-0000-4000-a000-000000000001',
          kind: 'procedure',
          start: '2026-04-02T09:30:00+09:00',
          end: '2026-04-02T11:00:00+09:00',
          title: 'Echocardiogram',
          location: 'Toranomon Hospital',
        },
      ],
      createdAt: 1,
      updatedAt: 1,
    };
    try {
      await store.trips.insert(trip);
      const found = await store.trips.find({ selector: { clientId: trip.clientId } }).exec();
      expect(found.map((doc) => doc.toJSON())).toEqual([trip]);
      // Its dates are sealed: the store cannot select by them.
      await expect(
        store.trips.find({ selector: { startDate: { $gte: '2026-03-01' } } }).exec(),
      ).rejects.toThrow(SealedFieldQueryError);
      const prepared = store.trips.find().getPreparedQuery();
      const [row] = (await inner.get('trips')!.query(prepared as never)).documents;
      expect(Object.keys(row!).sort()).toEqual(
        ['_attachments', '_deleted', '_meta', '_rev', SEALED_FIELD, 'clientId', 'id'].sort(),
      );
      expect(JSON.stringify(row)).not.toContain('Echocardiogram');
      expect(JSON.stringify(row)).not.toContain('Toranomon');
    } finally {
      await store.remove();
    }
  });
});
