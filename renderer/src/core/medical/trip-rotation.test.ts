import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey, sealField, type Sodium } from '../../../../shared/crypto/index';
import type { Trip, TripItem } from '../../../../shared/domain/trip';
import { openTripItemDetails, sealTripItem } from '../../../../shared/domain/trip-medical';
import { springTrip, uuid } from '../../../../tests/support/trip-fixtures';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import type { MedicalContext } from './context';
import { isTripField, putRotatedTripFields, tripFieldsUnderKey } from './trip-rotation';

const procedure: TripItem = {
  id: uuid(20),
  kind: 'procedure',
  start: '2026-04-03T09:00:00+09:00',
  end: '2026-04-03T12:00:00+09:00',
  title: 'Knee arthroscopy',
  notes: 'Fasting from midnight',
};

describe('medical trip details in a key rotation', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  it('takes the details sealed under the old key and writes the re-sealed ones back into their trips', async () => {
    const vault = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => vault },
      `trip-rotation-test-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    const oldKey = newDataKey(sodium);
    const otherKey = newDataKey(sodium);
    const trip: Trip = springTrip([
      sealTripItem(sodium, oldKey, springTrip().id, procedure),
      sealTripItem(sodium, otherKey, springTrip().id, { ...procedure, id: uuid(21), title: 'MRI' }),
    ]);
    await store.trips.insert(trip);
    const ctx = { sodium, collections: store } as unknown as MedicalContext;

    const taken = await tripFieldsUnderKey(ctx, trip.clientId, oldKey.id);
    // Only the details under the key being rotated: another key's envelope would abort revokeAndRotate.
    expect(taken).toEqual([
      { tripId: trip.id, fields: [expect.objectContaining({ envelope: trip.items[0]!.sealedDetails })] },
    ]);
    expect(taken[0]!.fields.every(isTripField)).toBe(true);

    const newKey = newDataKey(sodium);
    const rotated = taken[0]!.fields.map(({ context }) => ({
      context,
      envelope: sealField(
        sodium,
        newKey,
        new TextEncoder().encode(
          JSON.stringify({ title: 'Knee arthroscopy', notes: 'Fasting from midnight' }),
        ),
        context,
      ),
    }));
    await putRotatedTripFields(ctx, taken, rotated);
    const stored = (await store.trips.findOne(trip.id).exec())!.toJSON() as Trip;
    expect(openTripItemDetails(sodium, newKey, trip.id, stored.items[0]!)).toEqual({
      title: 'Knee arthroscopy',
      notes: 'Fasting from midnight',
    });
    expect(stored.items[1]!.sealedDetails).toBe(trip.items[1]!.sealedDetails);
  });

  it('does nothing without a trips collection in the context', async () => {
    const ctx = { sodium, collections: {} } as unknown as MedicalContext;
    expect(await tripFieldsUnderKey(ctx, uuid(2), 'k1')).toEqual([]);
    await expect(putRotatedTripFields(ctx, [], [])).resolves.toBeUndefined();
  });
});
