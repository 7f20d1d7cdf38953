import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockPathFor, type LockHolder } from './data-dir-lock';
import type { Database } from './database';
import { openDatabase } from './open';
import { backupDataDir, restoreDataDir } from './pglite-backup';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(import.meta.dirname, 'pglite-holder.fixture.ts');

/** Every file under `dir`, with a hash of its content: what "no file changed" is checked against. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files[path.relative(dir, full)] =
          `${statSync(full).mtimeMs}:${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
    }
  };
  walk(dir);
  return files;
}

async function rows(db: Database): Promise<number[]> {
  return (await db.query<{ n: number }>('SELECT n FROM fixture_rows ORDER BY n')).map((r) => r.n);
}

async function addRows(db: Database, numbers: number[]): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS fixture_rows (n integer PRIMARY KEY)');
  for (const n of numbers) await db.query('INSERT INTO fixture_rows (n) VALUES ($1)', [n]);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Each test starts PGlite several times (a first start runs initdb): seconds each on a busy machine.
describe('embedded PGlite on a data directory', { timeout: 120_000 }, () => {
  let root: string;
  let dataDir: string;
  const open: Database[] = [];
  const openDb = async (dir = dataDir, onStaleLock?: (previous: LockHolder) => void) => {
    const db = await openDatabase({ dataDir: dir, onStaleLock });
    open.push(db);
    return db;
  };
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'lumina-pglite-'));
    dataDir = path.join(root, 'server');
  });
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a second opener before it touches any file, and the first keeps working', async () => {
    const first = await openDb();
    await addRows(first, [1, 2]);
    const before = snapshot(dataDir);

    await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirLockedError);
    await expect(openDatabase({ dataDir: path.join(root, '.', 'server') })).rejects.toThrow(
      /in use by another process/,
    );
    expect(snapshot(dataDir)).toEqual(before);

    await addRows(first, [3]);
    expect(await rows(first)).toEqual([1, 2, 3]);
    await first.close();
    open.length = 0;
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
    expect(await rows(await openDb())).toEqual([1, 2, 3]);
  });

  it('opens the directory of a killed holder again, with every write it committed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, 'pglite', dataDir, '25'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe('committed');
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(JSON.parse(readFileSync(lockPathFor(dataDir), 'utf8')).pid).toBe(child.pid);

    const tookOver: number[] = [];
    const db = await openDb(dataDir, (previous) => tookOver.push(previous.pid));
    expect(tookOver).toEqual([child.pid]);
    expect(await rows(db)).toEqual(range(1, 25));
  });

  it('backs up and restores: the restored directory holds the same data', async () => {
    const db = await openDb();
    await addRows(db, range(1, 40));
    await db.close();
    open.length = 0;

    const file = path.join(root, 'backup.tar.gz');
    const summary = await backupDataDir(dataDir, file);
    expect(summary.schemaVersion).toBeGreaterThan(0);
    expect(existsSync(lockPathFor(dataDir))).toBe(false);

    const elsewhere = path.join(root, 'restored');
    expect(await restoreDataDir(file, elsewhere)).toEqual({ ...summary, movedAsideTo: undefined });
    expect(await rows(await openDb(elsewhere))).toEqual(range(1, 40));
    expect(await rows(await openDb(dataDir))).toEqual(range(1, 40));
  });

  it('refuses a backup or a restore while the directory is open, and a restore over a database unless told to replace it', async () => {
    const db = await openDb();
    await addRows(db, [1]);
    await db.close();
    open.length = 0;
    const file = path.join(root, 'backup.tar.gz');
    await backupDataDir(dataDir, file);
    await expect(backupDataDir(dataDir, file)).rejects.toThrow(/already exists/);

    const running = await openDb();
    await addRows(running, [2]);
    const before = snapshot(dataDir);
    const second = path.join(root, 'second.tar.gz');
    await expect(backupDataDir(dataDir, second)).rejects.toThrow(DataDirLockedError);
    await expect(restoreDataDir(file, dataDir, { replace: true })).rejects.toThrow(DataDirLockedError);
    expect(existsSync(second)).toBe(false);
    expect(snapshot(dataDir)).toEqual(before);
    await running.close();
    open.length = 0;

    await expect(restoreDataDir(file, dataDir)).rejects.toThrow(/already holds a database.*--replace/);
    const { movedAsideTo } = await restoreDataDir(file, dataDir, { replace: true });
    expect(await rows(await openDb(dataDir))).toEqual([1]);
    expect(await rows(await openDb(movedAsideTo))).toEqual([1, 2]);
  });

  it('refuses to restore a file that is not a backup, leaving the directory as it was', async () => {
    const file = path.join(root, 'not-a-backup.tar.gz');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'hello'));
    await expect(restoreDataDir(file, dataDir)).rejects.toThrow(/is not a backup that can be restored/);
    expect(readdirSync(root).sort()).toEqual(['not-a-backup.tar.gz']);
  });
});
