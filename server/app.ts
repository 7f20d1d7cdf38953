import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { FORM_BODY_MAX_BYTES, syncPaths } from '../shared/index';
import { loadSodium } from '../shared/crypto/index';
import { boundedSchema } from '../shared/domain/schema-bounds';
import { registerAuditRoutes, startCheckpoints } from './audit/routes';
import { CHECKPOINT_INTERVAL_MS } from './audit/checkpoints';
import { authGuards } from './auth/authenticate';
import { registerAuthRoutes } from './auth/routes';
import { registerBreachRoutes } from './breaches/routes';
import type { Database } from './db/database';
import { registerErrorAnswers } from './errors';
import { registerPrivacyRoutes } from './privacy/routes';
import { LegalHoldStore } from './retention/legal-hold-store';
import { registerRetentionRoutes } from './retention/routes';
import { registerShareRoutes } from './shares/routes';
import { ShareRequestStore } from './shares/share-request-store';
import { registerStaffRoutes } from './staff/routes';
import { issueSetupCode } from './staff/setup';
import { ChangeFeed } from './sync/change-feed';
import { ChangeStore } from './sync/change-store';
import { registerSyncRoutes, type OpenStream } from './sync/routes';

/** How long a request's headers and body may take to arrive before the connection is closed (408). */
export const REQUEST_TIMEOUT_MS = 30_000;
export const HEADERS_TIMEOUT_MS = 10_000;
/** Device authentication attempts per client address and minute, for each of /auth/challenge and /auth/session. */
export const AUTH_RATE_LIMIT = { max: 60, windowMs: 60_000 } as const;

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
  /** Tests shorten it (default REQUEST_TIMEOUT_MS; headers must arrive within HEADERS_TIMEOUT_MS or it). */
  requestTimeoutMs?: number;
  /** Tests and benches that authenticate many devices from one address raise it (default AUTH_RATE_LIMIT). */
  authRateLimit?: { max: number; windowMs: number };
  /** Where the log goes (default standard output); tests capture it to check what it never contains. */
  logStream?: NodeJS.WritableStream;
  /** How often the server signs the access log's chain heads (default CHECKPOINT_INTERVAL_MS). */
  auditCheckpointMs?: number;
}

/** A route as declared, with the shared schemas it validates against (the route fuzz test walks these). */
export interface DeclaredRoute {
  method: string;
  url: string;
  schema: { body?: unknown; querystring?: unknown; params?: unknown };
}

export interface LuminaServer {
  app: FastifyInstance;
  routes: readonly DeclaredRoute[];
  db: Database;
  close(): Promise<void>;
}

/**
 * Builds the central sync server. It keeps no state of its own beyond the database, so several instances
 * can serve one PostgreSQL behind a load balancer.
 */
export async function buildServer(options: ServerOptions): Promise<LuminaServer> {
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Request logs carry method, route and status only: URLs and bodies may name a client.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    // Push and authentication routes set their own limits (shared/sync/wire-schema.ts).
    bodyLimit: FORM_BODY_MAX_BYTES,
    // A body that never finishes arriving is cut off; the event stream's long response is not a request body.
    requestTimeout,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
    },
    ajv: {
      // Refuse what the schemas do not describe instead of silently dropping or coercing it; stop at the first
      // error, so a body of a million faults costs one.
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false },
    },
  });
  // Every route validates against its schema with storage's bounds (shared/domain/schema-bounds.ts).
  const routes: DeclaredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, schema: { ...schema } });
    }
    if (!schema) return;
    for (const part of ['body', 'querystring', 'params'] as const) {
      if (schema[part]) schema[part] = boundedSchema(schema[part]);
    }
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({
      statusCode: 429,
      code: 'rate-limited',
      message: 'too many requests; try again later',
    }),
  });
  // Nothing the server answers may sit in a cache: pulls and exports carry personal data, the rest tokens.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
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

  registerErrorAnswers(app);

  const clock = options.clock ?? Date.now;
  const sodium = await loadSodium();
  const guards = authGuards(options.db, clock);
  const setupCode = await issueSetupCode(options.db, clock());
  if (setupCode) options.onSetupCode?.(setupCode);

  const store = new ChangeStore(options.db);
  const feed = new ChangeFeed(options.db);
  await feed.start();
  const openStreams = new Set<OpenStream>();

  app.get(syncPaths.health, async () => {
    await options.db.query('SELECT 1');
    return { status: 'ok', engine: options.db.engine };
  });
  registerAuthRoutes(app, {
    db: options.db,
    sodium,
    guards,
    clock,
    rateLimit: options.authRateLimit ?? AUTH_RATE_LIMIT,
  });
  // A revoked device or staff member's open streams end at once, not at their next heartbeat.
  const recheckStreams = () => {
    for (const stream of [...openStreams]) stream.recheck();
  };
  registerStaffRoutes(app, { db: options.db, sodium, guards, clock, onRevoked: recheckStreams });
  registerPrivacyRoutes(app, { db: options.db, guards, clock });
  registerRetentionRoutes(app, { holds: new LegalHoldStore(options.db), guards, clock });
  registerShareRoutes(app, { shares: new ShareRequestStore(options.db), guards, clock });
  registerAuditRoutes(app, { db: options.db, sodium, guards, clock });
  registerBreachRoutes(app, { db: options.db, guards, clock });
  const stopCheckpoints = startCheckpoints(
    options.db,
    sodium,
    clock,
    options.auditCheckpointMs ?? CHECKPOINT_INTERVAL_MS,
  );
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
    routes,
    db: options.db,
    async close() {
      stopCheckpoints();
      for (const stream of [...openStreams]) stream.close();
      await app.close();
      await feed.close();
    },
  };
}
