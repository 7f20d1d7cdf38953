import { loadSodium } from '../shared/crypto/index';
import { buildServer, type LuminaServer } from './app';
import { fileSigner } from './audit/signer';
import { readServerConfig } from './config';
import { openDatabase } from './db/open';

/** `npm run server`: the central sync server on PostgreSQL (DATABASE_URL) or embedded PGlite. */
async function main(): Promise<void> {
  const config = readServerConfig(process.env, process.cwd());
  // Embedded PGlite: the data directory's lock is taken first, so a second server is refused before it touches
  // any file of the database (see server/db/data-dir-lock.ts).
  const db = await openDatabase(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : {
          dataDir: config.dataDir,
          onStaleLock: (previous) =>
            console.log(
              `Took over the lock of ${config.dataDir} from pid ${previous.pid} (started ${previous.startedAt}), ` +
                'which is no longer running.',
            ),
        },
  );
  let server: LuminaServer | undefined;
  let address: string;
  try {
    server = await buildServer({
      db,
      auditSigner: fileSigner(await loadSodium(), config.keyDir, config.auditKeySeed),
      allowedOrigins: config.allowedOrigins,
      trustProxy: config.trustProxy,
      // A server restarted within a day would otherwise never run the daily retention job.
      retentionAtStart: true,
      // On stdout, for the person starting the server; never in the JSON logs.
      onSetupCode: (code) =>
        console.log(
          `No staff yet. One-time setup code for the first admin (valid 24 hours, until the next start): ${code}`,
        ),
    });
    address = await server.app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // A port already in use, say: close the database cleanly (and release its lock) before exiting.
    await server?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
  const running = server;
  // Before announcing readiness: whoever waits for that line may stop the server at once.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.app.log.info({ signal }, 'shutting down');
    const forced = setTimeout(() => process.exit(1), 10_000);
    forced.unref();
    try {
      await running.close();
    } finally {
      await db.close();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const where =
    db.engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  // A single line that scripts/start.ts waits for; it names no credentials.
  console.log(`Lumina sync server listening on ${address} using ${where}`);
}

main().catch((error: unknown) => {
  console.error(
    `Lumina sync server failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
