import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { syncPaths } from '../shared/index';
import { loadSodium } from '../shared/crypto/index';
import { ApiError } from './auth/api-error';
import { authGuards } from './auth/authenticate';
import { registerAuthRoutes } from './auth/routes';
import type { Database } from './db/database';
import { registerPrivacyRoutes } from './privacy/routes';
import { LegalHoldStore } from './retention/legal-hold-store';
import { registerRetentionRoutes } from './retention/routes';
import { registerShareRoutes } from './shares/routes';
import { ShareRequestStore } from './shares/share-request-store';
import { registerStaffRoutes } from './staff/routes';
import { issueSetupCode } from './staff/setup';
import { ChangeFeed } from './sync/change-feed';
import { ChangeStore } from './sync/change-store';
import { registerSyncRoutes } from './sync/routes';

export interface ServerOptions {
  db: Database;
  /** Origins of the app that may call this server (the desktop app's app://lumina and browser hosts). */
  allowedOrigins: readonly string[];
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /**
   * Called with the one-time setup code when the organisation has no staff yet (the server's first start on an
   * empty database, or any start until the first admin has enrolled). main.ts prints it; it is never logged.
   */
  onSetupCode?: (code: string) => void;
  /** Milliseconds since the epoch; tests move it to expire codes and sessions. */
  clock?: () => number;
  /** Event-stream heartbeat and session re-check interval (default 25 s). */
  streamHeartbeatMs?: number;
}

export interface LuminaServer {
  app: FastifyInstance;
  db: Database;
  close(): Promise<void>;
}

/**
 * Builds the central sync server. It keeps no state of its own beyond the database, so several instances
 * can serve one PostgreSQL behind a load balancer.
 */
export async function buildServer(options: ServerOptions): Promise<LuminaServer> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Request logs carry method, route and status only: URLs and bodies may name a client.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    bodyLimit: 10 * 1024 * 1024,
    ajv: {
      // Refuse what the schemas do not describe instead of silently dropping or coercing it.
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true },
    },
  });

  // Read on every request, so a test can allow a browser host whose port it learns after the server started.
  const isAllowedOrigin = (origin: string) => options.allowedOrigins.includes(origin);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined || isAllowedOrigin(origin)),
    methods: ['GET', 'POST'],
  });

  // Query strings carry numbers; the strict Ajv above does not coerce, so convert them before validation.
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown>;
    for (const [key, value] of Object.entries(query)) {
      if (typeof value === 'string' && /^\d{1,15}$/.test(value)) query[key] = Number(value);
    }
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send({
        error: error.statusCode === 401 ? 'unauthorized' : error.statusCode === 403 ? 'forbidden' : 'refused',
        reason: error.reason,
        ...(error.needs ? { needs: error.needs } : {}),
      });
    }
    if (error.validation) {
      return reply.status(400).send({ error: 'invalid-request', reason: error.message });
    }
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) {
      // The message only: a driver error's detail may quote the values of a row.
      request.log.error({ err: { message: error.message, code: error.code } }, 'request failed');
      return reply
        .status(500)
        .send({ error: 'internal-error', reason: 'the server could not complete the request' });
    }
    return reply.status(status).send({ error: error.code ?? 'bad-request', reason: error.message });
  });

  const clock = options.clock ?? Date.now;
  const sodium = await loadSodium();
  const guards = authGuards(options.db, clock);
  const setupCode = await issueSetupCode(options.db, clock());
  if (setupCode) options.onSetupCode?.(setupCode);

  const store = new ChangeStore(options.db);
  const feed = new ChangeFeed(options.db);
  await feed.start();
  const openStreams = new Set<() => void>();

  app.get(syncPaths.health, async () => {
    await options.db.query('SELECT 1');
    return { status: 'ok', engine: options.db.engine };
  });
  registerAuthRoutes(app, { db: options.db, sodium, guards, clock });
  registerStaffRoutes(app, { db: options.db, sodium, guards, clock });
  registerPrivacyRoutes(app, { db: options.db, guards, clock });
  registerRetentionRoutes(app, { holds: new LegalHoldStore(options.db), guards, clock });
  registerShareRoutes(app, { shares: new ShareRequestStore(options.db), guards, clock });
  registerSyncRoutes(app, {
    store,
    feed,
    isAllowedOrigin,
    openStreams,
    guards,
    heartbeatMs: options.streamHeartbeatMs,
  });

  return {
    app,
    db: options.db,
    async close() {
      for (const close of [...openStreams]) close();
      await app.close();
      await feed.close();
    },
  };
}
