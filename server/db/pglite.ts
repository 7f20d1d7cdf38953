import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database';
import { acquireDataDirLock, type LockHolder } from './data-dir-lock';

export interface PgliteOptions {
  /** Called when the lock of a process that is gone (a crash, a reboot) was taken over. */
  onStaleLock?: (previous: LockHolder) => void;
}

/**
 * Embedded PostgreSQL (WebAssembly). `dataDir` persists it on disk, under an exclusive lock taken before any of
 * its files is touched (see data-dir-lock.ts): a second opener, in this process or another, gets a
 * DataDirLockedError. Omit `dataDir` for an in-memory database.
 */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Database> {
  const lock = dataDir ? acquireDataDirLock(dataDir) : undefined;
  let pg: PGlite;
  try {
    if (lock?.tookOverFrom) options.onStaleLock?.(lock.tookOverFrom);
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    pg = dataDir ? new PGlite(dataDir) : new PGlite();
    await pg.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const asQueryable = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await q.query<Row>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    engine: 'pglite',
    ...asQueryable(pg),
    transaction: (work) => pg.transaction((tx) => work(asQueryable(tx))),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return async () => unlisten();
    },
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
