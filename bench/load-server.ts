/**
 * The sync server as the load benchmark runs it: its own process (so the load generator does not share its event
 * loop), on the database bench/load.ts prepared. Prints one JSON line with its address once it listens.
 *
 *   BENCH_DATABASE_URL  a PostgreSQL database; otherwise BENCH_DATA_DIR, a PGlite directory
 *   BENCH_SERVER_LOG    the log level (default warn: request logs at 'info' would be piped to the benchmark)
 */
import { buildServer } from '../server/app';
import { openDatabase } from '../server/db/open';
import { LOOPBACK_AUTH_RATE_LIMIT } from '../tests/support/server/limits';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: process.env.BENCH_DATA_DIR });
const server = await buildServer({
  db,
  authRateLimit: LOOPBACK_AUTH_RATE_LIMIT,
  allowedOrigins: [],
  logLevel: (process.env.BENCH_SERVER_LOG as 'warn' | undefined) ?? 'warn',
});
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ listening: url, engine: db.engine }));

const stop = () => {
  void (async () => {
    await server.close();
    await db.close();
    process.exit(0);
  })();
};
process.once('SIGTERM', stop);
// The benchmark holds this pipe open: if it ends without stopping the server (a crash), the server goes too.
process.stdin.once('end', stop);
process.stdin.resume();
