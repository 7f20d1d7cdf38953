import { describe, expect, it } from 'vitest';
import { DEVICE_RECORD_STORAGE_KEY } from './device-record';
import { wipeLocalData, WIPED_STORAGE_KEYS } from './wipe';

function fakeIndexedDb(names: string[]) {
  const existing = new Set(names);
  const deleted: string[] = [];
  return {
    existing,
    deleted,
    async databases() {
      return [...existing].map((name) => ({ name, version: 1 }));
    },
    deleteDatabase(name: string) {
      const request = { onsuccess: null as null | (() => void), onerror: null, error: null };
      setTimeout(() => {
        existing.delete(name);
        deleted.push(name);
        request.onsuccess?.();
      }, 0);
      return request as unknown as IDBOpenDBRequest;
    },
  };
}

describe('wipeLocalData', () => {
  it('removes the vault key, the device record and the failure count, keeps the settings, deletes every database', async () => {
    const items = new Map<string, string>([
      ['lumina.device-vault.v1', '{"sealed":1}'],
      [DEVICE_RECORD_STORAGE_KEY, '{"v":1}'],
      ['lumina.unlock-failures.v1', '{"count":3}'],
      ['lumina.language', 'ja'],
      ['lumina.auto-lock-ms', '600000'],
    ]);
    const removedFirst: string[] = [];
    const storage = {
      removeItem: (key: string) => {
        removedFirst.push(key);
        items.delete(key);
      },
    };
    const idb = fakeIndexedDb([
      'rxdb-dexie-lumina-vault--0--clients',
      'rxdb-dexie-lumina-vault--0--_rxdb_internal',
    ]);
    await wipeLocalData({ storage, indexedDB: idb });
    expect([...items.keys()].sort()).toEqual(['lumina.auto-lock-ms', 'lumina.language']);
    expect(removedFirst).toEqual([...WIPED_STORAGE_KEYS]);
    expect(idb.existing.size).toBe(0);
    expect(idb.deleted.sort()).toEqual([
      'rxdb-dexie-lumina-vault--0--_rxdb_internal',
      'rxdb-dexie-lumina-vault--0--clients',
    ]);
  });
});
