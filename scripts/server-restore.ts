/**
 * `npm run server:restore -- <file> [--replace]`: restores a backup made by `npm run server:backup` into
 * LUMINA_DATA_DIR (default ./data/server). Refused while a server holds the data directory, and refused over an
 * existing database unless --replace is given (the existing one is then moved aside, never deleted).
 */
import { readServerConfig } from '../server/config';
import { restoreDataDir } from '../server/db/pglite-backup';

const args = process.argv.slice(2);
const replace = args.includes('--replace');
const files = args.filter((a) => a !== '--replace');
const config = readServerConfig(process.env, process.cwd());
if (files.length !== 1 || files[0]!.startsWith('-')) {
  console.error(
    'Usage: npm run server:restore -- <file.tar.gz> [--replace]   (LUMINA_DATA_DIR names the data directory)',
  );
  process.exit(2);
}
if (config.databaseUrl) {
  console.error(
    'DATABASE_URL is set: restore PostgreSQL with pg_restore/psql; this command is for embedded PGlite.',
  );
  process.exit(2);
}
try {
  const result = await restoreDataDir(files[0]!, config.dataDir, { replace });
  console.log(
    `Restored ${files[0]} into ${config.dataDir}: schema version ${result.schemaVersion}, ` +
      `${result.documents} documents, ${result.staff} staff.` +
      (result.movedAsideTo ? ` The database that was there is now in ${result.movedAsideTo}.` : ''),
  );
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
