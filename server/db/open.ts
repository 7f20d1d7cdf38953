import type { Database } from './database';
import { migrate } from './migrate';
import type { LockHolder } from './data-dir-lock';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export interface DatabaseConfig {
  /** postgres://… for a real server; unset for embedded PGlite. */
  databaseUrl?: string;
  /** Where embedded PGlite keeps its files; unset for an in-memory database (tests). */
  dataDir?: string;
  /** Embedded PGlite: called when the lock of a process that is gone (a crash, a reboot) was taken over. */
  onStaleLock?: (previous: LockHolder) => void;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(config.dataDir, { onStaleLock: config.onStaleLock });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
