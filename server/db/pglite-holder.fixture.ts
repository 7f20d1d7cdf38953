/**
 * A child process for the data directory lock tests (not a test itself): run with
 * `node --import tsx server/db/pglite-holder.fixture.ts <mode> <dataDir> [rows]`.
 * - `lock`: says "ready", waits for a line on stdin, tries to take the lock, says "won" or "refused", and holds
 *   what it got until stdin closes.
 * - `pglite`: opens the database, commits `rows` rows one transaction each, says "committed", then waits to be
 *   killed.
 */
import { createInterface } from 'node:readline';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';
import { openDatabase } from './open';

const [mode, dataDir, rows = '20'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: pglite-holder.fixture.ts lock|pglite <dataDir> [rows]');
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

if (mode === 'lock') {
  console.log('ready');
  await lines.next();
  try {
    const lock = acquireDataDirLock(dataDir);
    console.log('won');
    await lines.next();
    lock.release();
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    console.log('refused');
  }
  process.exit(0);
} else {
  const db = await openDatabase({ dataDir });
  await db.exec('CREATE TABLE IF NOT EXISTS fixture_rows (n integer PRIMARY KEY)');
  for (let n = 1; n <= Number(rows); n++)
    await db.transaction((tx) => tx.query('INSERT INTO fixture_rows (n) VALUES ($1)', [n]));
  console.log('committed');
  setInterval(() => undefined, 60_000);
}
