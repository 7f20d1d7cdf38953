import { mkdirSync } from 'node:fs';
import { buildServer } from './app';
import { readServerConfig } from './config';
import { openDatabase } from './db/open';

/** `npm run server`: the central sync server on PostgreSQL (DATABASE_URL) or embedded PGlite. */
async function main(): Promise<void> {
  const config = readServerConfig(process.env, process.cwd());
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const db = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  const server = await buildServer({
    db,
    allowedOrigins: config.allowedOrigins,
    // On stdout, for the person starting the server; never in the JSON logs.
    onSetupCode: (code) =>
      console.log(
        `No staff yet. One-time setup code for the first admin (valid 24 hours, until the next start): ${code}`,
      ),
  });
  const address = await server.app.listen({ host: config.host, port: config.port });
  const where =
    db.engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  // A single line that scripts/start.ts waits for; it names no credentials.
  console.log(`Lumina sync server listening on ${address} using ${where}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    const forced = setTimeout(() => process.exit(1), 10_000);
    forced.unref();
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(
    `Lumina sync server failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
