import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, readdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { mkdir, open, readFile, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './data-dir-lock';

/**
 * Offline backup and restore of an embedded PGlite data directory (`npm run server:backup` / `server:restore`).
 * Both take the directory's lock, so they refuse to run while a server holds it: a PGlite database is one
 * process's, and a dump taken beside a running server would not be consistent. Stop the server, back up (a few
 * seconds), start it again; devices are offline-first and push what they hold when it is back.
 */

export interface DatabaseSummary {
  /** The last schema migration applied. */
  schemaVersion: number;
  documents: number;
  staff: number;
}

async function summarise(pg: PGlite): Promise<DatabaseSummary> {
  const tables = await pg.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_name IN ('schema_migrations', 'sync_documents', 'staff')`,
  );
  if (!tables.rows.some((t) => t.name === 'schema_migrations'))
    throw new Error('it holds no Lumina server database (no schema_migrations table)');
  const count = async (table: string) =>
    tables.rows.some((t) => t.name === table)
      ? Number((await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n)
      : 0;
  const version = await pg.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return {
    schemaVersion: version.rows[0]?.v ?? 0,
    documents: await count('sync_documents'),
    staff: await count('staff'),
  };
}

/** Writes `bytes` to `file`, which must not exist, so that `file` never holds half a backup. */
async function writeNew(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.${randomUUID()}.tmp`;
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const handle = await open(tmp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    linkSync(tmp, file);
  } finally {
    await unlink(tmp);
  }
}

/** Dumps the database in `dataDir` to `file` (a gzipped tar of the data directory, as PGlite makes it). */
export async function backupDataDir(dataDir: string, file: string): Promise<DatabaseSummary> {
  if (existsSync(file)) throw new Error(`${file} already exists; choose a new file name`);
  const lock = acquireDataDirLock(dataDir);
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION')))
      throw new Error(`${dataDir} holds no database (no PG_VERSION)`);
    const pg = new PGlite(dataDir);
    try {
      await pg.waitReady;
      const summary = await summarise(pg);
      const dump = await pg.dumpDataDir('gzip');
      await writeNew(file, new Uint8Array(await dump.arrayBuffer()));
      return summary;
    } finally {
      await pg.close();
    }
  } finally {
    lock.release();
  }
}

export interface RestoreResult extends DatabaseSummary {
  /** Where the database that was in `dataDir` was moved to, when there was one. */
  movedAsideTo?: string;
}

function isEmptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Restores the backup `file` into `dataDir`. The backup is first loaded into a staging directory beside it and
 * checked (PGlite opens it and it holds a Lumina database); only then is it moved into place. A database already
 * in `dataDir` is refused unless `replace` is set, and is then moved aside (`<dataDir>.before-restore-<time>`),
 * never deleted.
 */
export async function restoreDataDir(
  file: string,
  dataDir: string,
  { replace = false }: { replace?: boolean } = {},
): Promise<RestoreResult> {
  const bytes = await readFile(file);
  const lock = acquireDataDirLock(dataDir);
  try {
    // The real directory, so that a data directory reached through a symbolic link is restored where it lives.
    const target = existsSync(dataDir) ? realpathSync(dataDir) : path.resolve(dataDir);
    if (!isEmptyOrMissing(target) && !replace)
      throw new Error(
        `${dataDir} already holds a database; pass --replace to move it aside and restore the backup in its place`,
      );
    const staging = `${target}.restoring-${randomUUID()}`;
    await mkdir(staging, { recursive: true });
    let summary: DatabaseSummary;
    try {
      const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
      const pg = new PGlite(staging, {
        loadDataDir: new Blob([bytes], { type: gzipped ? 'application/x-gzip' : 'application/x-tar' }),
      });
      try {
        await pg.waitReady;
        summary = await summarise(pg);
      } finally {
        if (!pg.closed) await pg.close().catch(() => undefined);
      }
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw new Error(
        `${file} is not a backup that can be restored: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    let movedAsideTo: string | undefined;
    if (existsSync(target)) {
      if (isEmptyOrMissing(target)) rmSync(target, { recursive: true });
      else {
        movedAsideTo = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        renameSync(target, movedAsideTo);
      }
    }
    renameSync(staging, target);
    return { ...summary, movedAsideTo };
  } finally {
    lock.release();
  }
}
