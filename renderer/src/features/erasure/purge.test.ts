import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it, vi } from 'vitest';
import { loadSodium, newDataKey } from '../../../../shared/crypto/index';
import { newClient, type Client } from '../../../../shared/index';
import { collectionRegistry } from '../../../../shared/sync/registry';
import { openLocalStore } from '../../store/local-store';
import { reducedProvision, reducedRequest } from '../../../../shared/domain/erasure';
import type { Provision } from '../../../../shared/domain/provision';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import type { Trip } from '../../../../shared/domain/trip';
import { ERASED_CLIENT_COLLECTIONS, purgeErased } from './purge';

// The session module reads the host's bridge (a browser global); the purge needs neither.
vi.mock('../../session/index', () => ({ useSession: () => undefined }));

const ERASED = '00000000-0000-4000-8000-000000000001';
const KEPT = '00000000-0000-4000-8000-000000000002';
const OTHER = '00000000-0000-4000-8000-000000000003';
const TRIP = '00000000-0000-4000-9000-000000000001';
const REQUEST = '00000000-0000-4000-8100-000000000001';
const PROVISION = '00000000-0000-4000-8300-000000000001';

describe('purgeErased', () => {
  it('removes the tombstones of an executed erasure from storage, then logs and confirms; waits for the tombstone', async () => {
    const sodium = await loadSodium();
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const store = await openLocalStore(sodium, { vaultKey: () => key }, `purge-${Date.now()}`, memory);
    try {
      await store.clients.insert(newClient(ERASED, { latin: 'Quillon Erasewell' }, 5));
      await store.clients.insert(newClient(KEPT, { latin: 'Ottilie Staywell' }, 5));
      const confirm = vi.fn(async () => undefined);
      const log = vi.fn(async () => undefined);
      const erasure = { id: 'e1', clientId: ERASED, dueAt: 1, executed: true };
      // Not yet pulled: the client is still live here, so nothing is purged or confirmed.
      expect(await purgeErased(store, [erasure], confirm, log)).toEqual([]);
      expect(await purgeErased(store, [{ ...erasure, executed: false }], confirm, log)).toEqual([]);

      // The server's tombstone lands as a pull would write it: the content-free stub, deleted.
      const doc = await store.clients.findOne(ERASED).exec();
      await doc!.incrementalModify(
        () => collectionRegistry.clients.removedStub(ERASED, 9) as unknown as Client,
      );
      await (await store.clients.findOne(ERASED).exec())!.remove();
      const before = await store.clients.storageInstance.findDocumentsById([ERASED], true);
      expect(before).toHaveLength(1);

      // A refused edit of the erased client parked on this device goes too (issue 17 review).
      const parked = { forgetClient: vi.fn() };
      expect(await purgeErased(store, [erasure], confirm, log, parked)).toEqual(['e1']);
      expect(parked.forgetClient).toHaveBeenCalledWith(ERASED);
      expect(await store.clients.storageInstance.findDocumentsById([ERASED], true)).toEqual([]);
      expect(confirm).toHaveBeenCalledWith('e1');
      expect(log).toHaveBeenCalledWith(erasure);
      expect((await store.clients.find().exec()).map((c) => c.id)).toEqual([KEPT]);
    } finally {
      await store.close();
    }
  });

  it('confirms only once no row of the client is left in any collection, its stubs pulled after its tombstone', async () => {
    expect([...ERASED_CLIENT_COLLECTIONS].sort()).toEqual([
      'consents',
      'keyWraps',
      'medical',
      'provisions',
      'requests',
      'trips',
    ]);
    const sodium = await loadSodium();
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const store = await openLocalStore(sodium, { vaultKey: () => key }, `purge-rows-${Date.now()}`, memory);
    try {
      await store.clients.insert(newClient(ERASED, { latin: 'Quillon Erasewell' }, 5));
      // A trip and a request of the client, as valid documents (the stubs' shapes, naming the client).
      const trip = {
        ...collectionRegistry.trips.removedStub(TRIP, 5),
        clientId: ERASED,
        title: 'Kyoto with Quillon',
      };
      await store.trips.insert(trip as unknown as Trip);
      const request = {
        ...collectionRegistry.requests.removedStub(REQUEST, 5),
        clientId: ERASED,
        details: 'Quillon asks for every copy',
      } as unknown as DataSubjectRequest;
      await store.requests.insert(request);
      // A provision record (kept three years by law) whose staff note names the client.
      const provision: Provision = {
        id: PROVISION,
        clientId: ERASED,
        kind: 'received',
        partnerId: KEPT,
        at: 5,
        items: [{ key: 'test-results', label: { en: 'Test results', ja: '検査結果' } }],
        obtainedHow: 'Tests the clinic ran',
        notes: 'Faxed for Quillon',
        recordedBy: KEPT,
        recordedAt: 5,
        assignedStaffIds: [KEPT],
      };
      await store.provisions.insert(provision);
      const confirm = vi.fn(async () => undefined);
      const log = vi.fn(async () => undefined);
      const erasure = { id: 'e2', clientId: ERASED, dueAt: 1, executed: true };

      // The client's tombstone arrives first: its trip and its request as they were are still here. Another client
      // erased in the same run, of which nothing else is here, is confirmed all the same (one query for both).
      await store.clients.insert(newClient(OTHER, { latin: 'Ottavia Gonewell' }, 5));
      await (await store.clients.findOne(OTHER).exec())!.remove();
      await (await store.clients.findOne(ERASED).exec())!.remove();
      const other = { id: 'e3', clientId: OTHER, dueAt: 1, executed: true };
      expect(await purgeErased(store, [erasure, other], confirm, log)).toEqual(['e3']);
      expect(confirm).toHaveBeenCalledTimes(1);
      expect(log).toHaveBeenCalledWith(other);
      confirm.mockClear();
      log.mockClear();

      // The trip's stub arrives: the request, not yet reduced, still holds the client's words.
      const storedTrip = await store.trips.findOne(TRIP).exec();
      await storedTrip!.incrementalModify(
        () => collectionRegistry.trips.removedStub(TRIP, 9) as unknown as Trip,
      );
      await (await store.trips.findOne(TRIP).exec())!.remove();
      expect(await purgeErased(store, [erasure], confirm, log)).toEqual([]);
      expect(confirm).not.toHaveBeenCalled();

      // The request comes back reduced, as the erasure keeps it: now the device holds nothing of the client.
      const storedRequest = await store.requests.findOne(REQUEST).exec();
      await storedRequest!.incrementalModify(() => reducedRequest(request, 9));
      // The provision record, not yet reduced, still holds the note.
      expect(await purgeErased(store, [erasure], confirm, log)).toEqual([]);
      expect(confirm).not.toHaveBeenCalled();

      // It comes back reduced: now the device holds nothing of the client but what the law keeps.
      const storedProvision = await store.provisions.findOne(PROVISION).exec();
      await storedProvision!.incrementalModify(() => reducedProvision(provision));
      expect(await purgeErased(store, [erasure], confirm, log)).toEqual(['e2']);
      expect(await store.provisions.storageInstance.findDocumentsById([PROVISION], true)).toHaveLength(1);
      expect(confirm).toHaveBeenCalledWith('e2');
      expect(await store.trips.storageInstance.findDocumentsById([TRIP], true)).toEqual([]);
      expect(await store.clients.storageInstance.findDocumentsById([ERASED], true)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
