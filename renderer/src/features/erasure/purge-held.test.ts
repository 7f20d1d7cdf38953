import type { RxStorage, RxStorageInstance } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it, vi } from 'vitest';
import { loadSodium, newDataKey } from '../../../../shared/crypto/index';
import { newClient } from '../../../../shared/index';
import { collectionRegistry } from '../../../../shared/sync/registry';
import type { Trip } from '../../../../shared/domain/trip';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { Quarantine } from '../../store/quarantine';
import { SEALED_FIELD } from '../../store/vault-storage';
import { purgeErased } from './purge';

// The session module reads the host's bridge (a browser global); the purge needs neither.
vi.mock('../../session/index', () => ({ useSession: () => undefined }));

const ERASED = '00000000-0000-4000-8000-000000000001';
const KEPT = '00000000-0000-4000-8000-000000000002';
const TRIP = '00000000-0000-4000-9000-000000000001';
const OTHER_TRIP = '00000000-0000-4000-9000-000000000002';
/** An id of the loose form only (written before ids were strict): never pushed, so never stubbed by the server. */
const LOOSE_TRIP = '0000000000000000000000000000000000a1';
const erasure = { id: 'e1', clientId: ERASED, dueAt: 1, executed: true };

const tripOf = (id: string, clientId: string, title: string) =>
  ({ ...collectionRegistry.trips.removedStub(id, 5), clientId, title }) as unknown as Trip;

/** A store over RxDB's memory storage (kept across close and open), with the raw rows beneath the vault. */
async function setUp() {
  const sodium = await loadSodium();
  const key = newDataKey(sodium);
  const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
  const raw = new Map<string, RxStorageInstance<Record<string, unknown>, unknown, unknown>>();
  const spying = {
    ...memory,
    async createStorageInstance(params: Parameters<RxStorage<unknown, unknown>['createStorageInstance']>[0]) {
      const instance = await memory.createStorageInstance(params);
      raw.set(params.collectionName, instance as never);
      return instance;
    },
  } as RxStorage<unknown, unknown>;
  const name = `purge-held-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const open = (quarantine: Quarantine) =>
    openLocalStore(sodium, { vaultKey: () => key }, name, spying, undefined, quarantine);
  const quarantine = new Quarantine();
  const store = await open(quarantine);
  await store.clients.insert(newClient(ERASED, { latin: 'Quillon Erasewell' }, 5));
  await store.clients.insert(newClient(KEPT, { latin: 'Ottilie Staywell' }, 5));
  const rawIds = async (collection: string, ids: string[]) =>
    (await raw.get(collection)!.findDocumentsById(ids, true)).map((row) => row.id);
  // The client's tombstone has arrived.
  const tombstone = async () => (await store.clients.findOne(ERASED).exec())!.remove();
  return { store, quarantine, raw, rawIds, open, tombstone };
}

const done = async () => undefined;

describe('purgeErased and the rows the server never stubs', () => {
  it('removes the client’s quarantined rows through the raw storage, and confirms only once none is left', async () => {
    const { store, quarantine, raw, rawIds, open, tombstone } = await setUp();
    let reopened: LocalStore | undefined;
    try {
      await store.trips.insert(tripOf(TRIP, ERASED, 'Kyoto with Quillon'));
      await store.trips.insert(tripOf(OTHER_TRIP, KEPT, 'Nara with Ottilie'));
      // The trip's row on disk does not open any more (another row's envelope): quarantined at its next read.
      const [trip, other] = await raw.get('trips')!.findDocumentsById([TRIP, OTHER_TRIP], true);
      trip![SEALED_FIELD] = other![SEALED_FIELD];
      expect(await store.trips.find().exec()).toHaveLength(1);
      expect(quarantine.list()).toEqual([{ collection: 'trips', id: TRIP, reason: 'unreadable' }]);
      await tombstone();

      // The trips have a change not sent yet: the held row waits (its removal cleans up tombstones), so the
      // purge does not confirm although every query of the client finds nothing.
      const confirm = vi.fn(done);
      const unsentTrips = async (collection: string) => (collection === 'trips' ? 1 : 0);
      expect(await purgeErased(store, [erasure], confirm, done, undefined, undefined, unsentTrips)).toEqual(
        [],
      );
      expect(confirm).not.toHaveBeenCalled();
      expect(await rawIds('trips', [TRIP])).toEqual([TRIP]);

      const forget = vi.fn(async () => 0);
      expect(await purgeErased(store, [erasure], confirm, done, undefined, forget, async () => 0)).toEqual([
        'e1',
      ]);
      // The replication's bookkeeping of the removed row goes too (a tombstone's state only, forget-meta.ts).
      expect(forget).toHaveBeenCalledWith('trips', [TRIP]);
      expect(await rawIds('trips', [TRIP, OTHER_TRIP])).toEqual([OTHER_TRIP]);
      expect(await rawIds('clients', [ERASED])).toEqual([]);
      expect(quarantine.list()).toEqual([]);

      // The removal is recorded in the store's sealed ledger: reopened, nothing is reported missing.
      await store.close();
      const after = new Quarantine();
      reopened = await open(after);
      expect((await reopened.trips.find().exec()).map((t) => t.id)).toEqual([OTHER_TRIP]);
      expect(after.list()).toEqual([]);
    } finally {
      await (reopened ?? store).close();
    }
  });

  it('removes the client’s own quarantined row (by id)', async () => {
    const { store, quarantine, raw, rawIds, tombstone } = await setUp();
    try {
      await tombstone();
      // Its tombstone rolled back on disk to the live row it replaced: held, hidden from every read.
      const rows = await raw.get('clients')!.findDocumentsById([ERASED], true);
      const live = { ...rows[0]!, _deleted: false };
      await raw.get('clients')!.bulkWrite([{ previous: rows[0]! as never, document: live as never }], 'test');
      expect(await store.clients.storageInstance.findDocumentsById([ERASED], true)).toEqual([]);
      expect(quarantine.list().map((row) => row.id)).toEqual([ERASED]);
      expect(await purgeErased(store, [erasure], done, done)).toEqual(['e1']);
      expect(await rawIds('clients', [ERASED])).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('deletes a row of the client that can never be pushed, confirms at the next run, and cleans up only when there are tombstones', async () => {
    const { store, rawIds, tombstone } = await setUp();
    try {
      await store.trips.insert(tripOf(LOOSE_TRIP, ERASED, 'Osaka with Quillon'));
      await tombstone();
      const confirm = vi.fn(done);
      // Deleted as its content-free stub; the tombstone goes at the next run (the push leaves it out first).
      expect(await purgeErased(store, [erasure], confirm, done)).toEqual([]);
      const [stub] = await store.trips.storageInstance.findDocumentsById([LOOSE_TRIP], true);
      expect(stub).toMatchObject({
        _deleted: true,
        clientId: collectionRegistry.trips.removedStub('x', 0).clientId,
      });
      expect(stub).not.toHaveProperty('title', 'Osaka with Quillon');
      expect(await purgeErased(store, [erasure], confirm, done)).toEqual(['e1']);
      expect(await rawIds('trips', [LOOSE_TRIP])).toEqual([]);

      // Another erasure whose stubs have not come: each run reads, and cleans up nothing, as there is no tombstone.
      const cleanups = vi.spyOn(store.trips.storageInstance, 'cleanup');
      const waiting = { id: 'e2', clientId: KEPT, dueAt: 1, executed: true };
      await (await store.clients.findOne(KEPT).exec())!.remove();
      await store.trips.insert(tripOf(OTHER_TRIP, KEPT, 'Nara with Ottilie'));
      expect(await purgeErased(store, [waiting], confirm, done)).toEqual([]);
      expect(await purgeErased(store, [waiting], confirm, done)).toEqual([]);
      expect(cleanups).not.toHaveBeenCalled();
    } finally {
      await store.close();
    }
  });

  it('stops before a cleanup that would sweep away a change not sent yet', async () => {
    const { store, rawIds, tombstone } = await setUp();
    try {
      await tombstone();
      // A local deletion of another client's trip made during the purge: not pushed yet.
      await store.trips.insert(tripOf(OTHER_TRIP, KEPT, 'Nara with Ottilie'));
      await (await store.trips.findOne(OTHER_TRIP).exec())!.remove();
      const unsent = async (collection: string) => (collection === 'trips' ? 1 : 0);
      expect(await purgeErased(store, [erasure], done, done, undefined, undefined, unsent)).toEqual([]);
      expect(await rawIds('trips', [OTHER_TRIP])).toEqual([OTHER_TRIP]);
      expect(await purgeErased(store, [erasure], done, done, undefined, undefined, async () => 0)).toEqual([
        'e1',
      ]);
      expect(await rawIds('trips', [OTHER_TRIP])).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
