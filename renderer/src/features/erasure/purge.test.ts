import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it, vi } from 'vitest';
import { loadSodium, newDataKey } from '../../../../shared/crypto/index';
import { newClient, type Client } from '../../../../shared/index';
import { collectionRegistry } from '../../../../shared/sync/registry';
import { openLocalStore } from '../../store/local-store';
import { purgeErased } from './erasure-data';

// The session module reads the host's bridge (a browser global); the purge needs neither.
vi.mock('../../session/index', () => ({ useSession: () => undefined }));

const ERASED = '00000000-0000-4000-8000-000000000001';
const KEPT = '00000000-0000-4000-8000-000000000002';

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
});
