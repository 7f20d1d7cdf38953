/**
 * `npm run server:backup -- <file>`: dumps the embedded PGlite database of LUMINA_DATA_DIR (default
 * ./data/server) to <file>, a gzipped tar. Refused while a server holds the data directory: stop it first.
 */
import { readServerConfig } from '../server/config';
import { backupDataDir } from '../server/db/pglite-backup';

const [file, ...rest] = process.argv.slice(2);
const config = readServerConfig(process.env, process.cwd());
if (!file || rest.length > 0) {
  console.error('Usage: npm run server:backup -- <file.tar.gz>   (LUMINA_DATA_DIR names the data directory)');
  process.exit(2);
}
if (config.databaseUrl) {
  console.error('DATABASE_URL is set: back up PostgreSQL with pg_dump; this command is for embedded PGlite.');
  process.exit(2);
}
try {
  const summary = await backupDataDir(config.dataDir, file);
  console.log(
    `Backed up ${config.dataDir} to ${file}: schema version ${summary.schemaVersion}, ` +
      `${summary.documents} documents, ${summary.staff} staff.`,
  );
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
