import type { Page } from '@playwright/test';

export interface RawStoreDump {
  database: string;
  store: string;
  rows: unknown[];
}

/**
 * Every row of every IndexedDB database of the page's origin, read with the raw IndexedDB API, underneath
 * RxDB and Dexie: what a thief with the laptop's disk would find.
 */
export function dumpIndexedDb(page: Page): Promise<RawStoreDump[]> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const dumps: RawStoreDump[] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await request(indexedDB.open(name));
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await request(db.transaction(store).objectStore(store).getAll());
        dumps.push({ database: name, store, rows });
      }
      db.close();
    }
    return dumps;
  });
}
