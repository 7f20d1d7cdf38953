import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildServer, type LuminaServer } from '../../server/app';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open';
import { startWebHost, type WebHost } from '../../scripts/web-host';
import { LOOPBACK_AUTH_RATE_LIMIT } from './server/limits';
import { capturedLog, forbiddenInLog } from './server-log';

export interface TestStack {
  server: LuminaServer;
  db: Database;
  serverUrl: string;
  webHost: WebHost;
  /** The one-time setup code the server issued for the first admin (printed on stdout in real use). */
  setupCode: string;
  stop(): Promise<void>;
}

/**
 * A real sync server (embedded PGlite persisted in a temporary folder, listening on loopback) and the
 * browser host serving the built renderer against it.
 */
export async function startStack(): Promise<TestStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lumina-e2e-'));
  const db = await openDatabase({ dataDir });
  // The browser host's port is not known yet, so the server first listens, then learns the host's origin.
  const allowedOrigins: string[] = [];
  let setupCode = '';
  // The whole run's log at the production level, checked when the stack stops (server-log.ts).
  const log = capturedLog();
  const server = await buildServer({
    db,
    authRateLimit: LOOPBACK_AUTH_RATE_LIMIT,
    allowedOrigins,
    logLevel: 'info',
    logStream: log.stream,
    onSetupCode: (code) => (setupCode = code),
  });
  const serverUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const webHost = await startWebHost({ serverUrl });
  allowedOrigins.push(webHost.url);
  return {
    server,
    db,
    serverUrl,
    webHost,
    setupCode,
    async stop() {
      await webHost.close();
      await server.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
      const findings = forbiddenInLog(log.text(), [setupCode]);
      if (findings.length > 0) {
        throw new Error(`the server's log of this run holds what it must not: ${JSON.stringify(findings)}`);
      }
    },
  };
}
