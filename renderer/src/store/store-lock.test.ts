import { type RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSodium, newDataKey, type Sodium } from '../../../shared/crypto/index';
import { newClient } from '../../../shared/index';
import { openLocalStore } from './local-store';
import { Quarantine } from './quarantine';
import { holdStoreLock, StoreInUseError, type StoreLocks } from './store-lock';

/** Web Locks as a browser profile has them, for the documents of one process: exclusive, by name. */
class EmulatedLocks {
  readonly held = new Set<string>();
  async request(
    name: string,
    options: LockOptions,
    callback: (lock: Lock | null) => unknown,
  ): Promise<unknown> {
    if (this.held.has(name)) {
      if (options.ifAvailable) return callback(null);
      throw new Error('the emulation only answers ifAvailable requests');
    }
    this.held.add(name);
    try {
      return await callback({ name, mode: 'exclusive' });
    } finally {
      this.held.delete(name);
    }
  }
}

const clientId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('one writer per store (Web Locks)', () => {
  let sodium: Sodium;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('refuses a second instance while the first is open; the first keeps writing and its ledger stays whole', async () => {
    const locks = new EmulatedLocks();
    vi.stubGlobal('navigator', { locks });
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const keys = { vaultKey: () => key };
    const name = `single-writer-${Date.now()}`;

    const first = await openLocalStore(sodium, keys, name, memory, ['clients']);
    expect(locks.held.has(name)).toBe(true);
    await first.clients.insert(newClient(clientId(1), { latin: 'Amelia Hartley' }, 1));
    // A second window: refused before it opens anything, so it cannot write a ledger over the first's.
    await expect(openLocalStore(sodium, keys, name, memory, ['clients'])).rejects.toThrow(StoreInUseError);
    expect(first.closed).toBe(false);
    await first.clients.insert(newClient(clientId(2), { latin: 'Kenji Sato' }, 2));
    await first.close();
    expect(locks.held.has(name)).toBe(false);

    // Once the first has closed, the store opens again, with every row trusted by the ledger.
    const quarantine = new Quarantine();
    const again = await openLocalStore(sodium, keys, name, memory, ['clients'], quarantine);
    try {
      const ids = (await again.clients.find().exec()).map((doc) => doc.id).sort();
      expect(ids).toEqual([clientId(1), clientId(2)]);
      expect(quarantine.list()).toEqual([]);
    } finally {
      await again.remove();
    }
    expect(locks.held.has(name)).toBe(false);
  });

  it('gives the lock back when opening fails', async () => {
    const locks = new EmulatedLocks();
    vi.stubGlobal('navigator', { locks });
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const broken = {
      ...memory,
      createStorageInstance: () => Promise.reject(new Error('disk gone')),
    } as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const name = `single-writer-failed-${Date.now()}`;
    await expect(openLocalStore(sodium, { vaultKey: () => key }, name, broken, ['clients'])).rejects.toThrow(
      'disk gone',
    );
    expect(locks.held.has(name)).toBe(false);
  });

  it('holdStoreLock takes nothing without Web Locks (Node), as before, and is exclusive by name with them', async () => {
    expect(await holdStoreLock('anything', undefined)).toBeTypeOf('function');
    const locks = new EmulatedLocks();
    const release = await holdStoreLock('lumina-vault', locks as unknown as StoreLocks);
    await expect(holdStoreLock('lumina-vault', locks as unknown as StoreLocks)).rejects.toThrow(
      StoreInUseError,
    );
    release();
    await vi.waitFor(() => expect(locks.held.size).toBe(0));
    (await holdStoreLock('lumina-vault', locks as unknown as StoreLocks))();
  });
});
