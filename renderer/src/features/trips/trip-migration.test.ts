import { createRxDatabase, type RxCollection, type RxJsonSchema, type RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import { tripSchema, type Trip } from '../../../../shared/index';
import { openLocalStore } from '../../store/local-store';
import { wrappedVaultStorage } from '../../store/vault-storage';

const tripV0: Trip = {
  id: '00000000-0000-4000-8000-000000000001',
  clientId: '00000000-0000-4000-8000-000000000002',
  assignedStaffIds: [],
  title: 'Spring in Tokyo',
  startDate: '2026-04-01',
  endDate: '2026-04-08',
  timeZone: 'Europe/London',
  items: [
    {
      id: '00000000-0000-4000-8000-000000000003',
      kind: 'hotel',
      title: 'Hotel Okura Tokyo',
      start: '2026-04-02T17:00:00+09:00',
      end: '2026-04-06T11:00:00+09:00',
    },
  ],
  createdAt: 1,
  updatedAt: 2,
};

describe('the trips collection', () => {
  let sodium: Sodium;
  beforeAll(async () => {
    sodium = await loadSodium();
  });

  it('migrates trips written with schema 0 (items without cost or entry zones) unchanged, and takes costs after', async () => {
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const keys = { vaultKey: () => key };
    const name = `trip-migration-test-${Date.now()}`;
    const itemsV1 = tripSchema.properties.items;
    const { cost, startTimeZone, endTimeZone, ...itemPropertiesV0 } = itemsV1.items.properties;
    expect([cost, startTimeZone, endTimeZone].every(Boolean)).toBe(true);
    const schemaV0 = {
      ...tripSchema,
      version: 0,
      properties: {
        ...tripSchema.properties,
        items: { ...itemsV1, items: { ...itemsV1.items, properties: itemPropertiesV0 } },
      },
    };

    const old = await createRxDatabase<{ trips: RxCollection<Trip> }>({
      name,
      storage: wrappedVaultStorage({ storage: memory, sodium, keys }),
    });
    await old.addCollections({ trips: { schema: schemaV0 as unknown as RxJsonSchema<Trip> } });
    await old.trips.insert(tripV0);
    await old.close();

    const store = await openLocalStore(sodium, keys, name, memory);
    try {
      const doc = await store.trips.findOne(tripV0.id).exec();
      expect(doc?.toJSON()).toEqual(tripV0);
      const priced = { ...tripV0.items[0]!, cost: { amount: 180000, currency: 'JPY' } };
      await doc!.incrementalPatch({ items: [priced] });
      expect((await store.trips.findOne(tripV0.id).exec())!.toJSON().items).toEqual([priced]);
    } finally {
      await store.remove();
    }
  });

  it('keeps a medical item written with schema 2 as it was, details in clear, for a holder to seal (nothing lost)', async () => {
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const keys = { vaultKey: () => key };
    const name = `trip-migration-v2-test-${Date.now()}`;
    const itemsV3 = tripSchema.properties.items;
    const { sealedDetails, ...itemPropertiesV2 } = itemsV3.items.properties;
    // Version 2's item schema: without the conditions version 3 added.
    const itemSchemaV2 = Object.fromEntries(
      Object.entries(itemsV3.items).filter(([keyword]) => !['if', 'then', 'else'].includes(keyword)),
    );
    expect(sealedDetails).toBeDefined();
    const schemaV2 = {
      ...tripSchema,
      version: 2,
      properties: {
        ...tripSchema.properties,
        items: {
          ...itemsV3,
          items: {
            ...itemSchemaV2,
            properties: itemPropertiesV2,
            required: [...itemsV3.items.required, 'title'],
          },
        },
      },
    };
    const tripV2: Trip = {
      ...tripV0,
      items: [
        ...tripV0.items,
        {
          id: '00000000-0000-4000-8000-000000000004',
          kind: 'procedure',
          title: 'Knee arthroscopy',
          location: 'St Luke’s International Hospital',
          notes: 'Fasting from midnight',
          start: '2026-04-03T09:00:00+09:00',
          end: '2026-04-03T12:00:00+09:00',
        },
      ],
    };
    const old = await createRxDatabase<{ trips: RxCollection<Trip> }>({
      name,
      storage: wrappedVaultStorage({ storage: memory, sodium, keys }),
    });
    await old.addCollections({ trips: { schema: schemaV2 as unknown as RxJsonSchema<Trip> } });
    await old.trips.insert(tripV2);
    await old.close();

    const store = await openLocalStore(sodium, keys, name, memory);
    try {
      expect((await store.trips.findOne(tripV2.id).exec())?.toJSON()).toEqual(tripV2);
    } finally {
      await store.remove();
    }
  });
});
