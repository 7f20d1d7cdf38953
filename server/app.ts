import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { FORM_BODY_MAX_BYTES, syncPaths } from '../shared/index';
import { loadSodium } from '../shared/crypto/index';
import { boundedSchema } from '../shared/domain/schema-bounds';
import { registerAuditRoutes, startCheckpoints } from './audit/routes';
import { CHECKPOINT_INTERVAL_MS } from './audit/checkpoints';
import { recordChainStop } from './audit/chain-store';
import { memorySigner, type CheckpointSigner } from './audit/signer';
import { authGuards } from './auth/authenticate';
import { registerAuthRoutes } from './auth/routes';
import { registerBreachRoutes } from './breaches/routes';
import type { Database } from './db/database';
import { frameworkErrorAnswer, registerErrorAnswers } from './errors';
import { registerMarketingRoutes } from './marketing/routes';
import { UNAUTHENTICATED_RATE_LIMITS, type RouteRateLimit } from './rate-limits';
import { registerPrivacyRoutes } from './privacy/routes';
import { LegalHoldStore } from './retention/legal-hold-store';
import { registerRetentionRoutes } from './retention/routes';
import { ErasureStore } from './erasure/erasure-store';
import { registerErasureRoutes, RETENTION_INTERVAL_MS, startRetention } from './erasure/routes';
import { registerShareRoutes } from './shares/routes';
import { registerMedicalAccessRoutes } from './medical-access/routes';
import { MedicalAccessStore } from './medical-access/store';
import { ShareRequestStore } from './shares/share-request-store';
import { registerStaffRoutes } from './staff/routes';
import { parseRevoked, REVOCATIONS_CHANNEL, type Revoked } from './staff/revocations';
import { issueSetupCode } from './staff/setup';
import { ChangeFeed } from './sync/change-feed';
import { ChangeStore } from './sync/change-store';
import { registerSyncRoutes, type OpenStream } from './sync/routes';

/** How long a request's headers and body may take to arrive before the connection is closed (408). */
export const REQUEST_TIMEOUT_MS = 30_000;
export const HEADERS_TIMEOUT_MS = 10_000;
export { UNAUTHENTICATED_RATE_LIMITS } from './rate-limits';

export interface ServerOptions {
  db: Database;
  /** Origins of the app that may call this server (the desktop app's app://lumina and browser hosts). */
  allowedOrigins: readonly string[];
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
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
  /**
   * Replaces the limit of every unauthenticated route (default UNAUTHENTICATED_RATE_LIMITS): tests and benches that
   * enrol and authenticate many devices from one address raise it.
   */
  authRateLimit?: { max: number; windowMs: number };
  /**
   * The reverse proxies whose X-Forwarded-For is believed (Fastify's `trustProxy`), by address or range (CIDR, or
   * proxy-addr's `loopback`, `linklocal`, `uniquelocal`). Off by default: the socket's address is the client's,
   * whatever a header claims.
   */
  trustProxy?: readonly string[];
  /** Where the log goes (default standard output); tests capture it to check what it never contains. */
  logStream?: NodeJS.WritableStream;
  /** How often the server signs the access log's chain heads (default CHECKPOINT_INTERVAL_MS). */
  auditCheckpointMs?: number;
  /** Whether the retention job also runs once when the server starts (main.ts; tests run it when they say). */
  retentionAtStart?: boolean;
  /** The checkpoint key, held outside the database (main.ts: the key directory); default a new one in memory. */
  auditSigner?: CheckpointSigner;
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
    ...(options.trustProxy ? { trustProxy: [...options.trustProxy] } : {}),
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Request logs carry method, route and status only: URLs and bodies may name a client.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    // A URL or request Fastify cannot route (a bad percent-escape, a malformed content type) is answered like
    // every other refusal: Fastify's own answer echoes the URL, query string and token included.
    frameworkErrors: frameworkErrorAnswer,
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
  // Keyed by request.ip (the plugin's default key; IPv6 by /56 range), which Fastify derives from the socket, or
  // with `trustProxy` from the forwarded addresses the trusted proxies appended.
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
  const signer = options.auditSigner ?? memorySigner(sodium);
  const setupCode = await issueSetupCode(options.db, clock());
  if (setupCode) options.onSetupCode?.(setupCode);

  const store = new ChangeStore(options.db);
  const feed = new ChangeFeed(options.db);
  await feed.start();
  const openStreams = new Set<OpenStream>();
  // A revoked device's or staff member's open streams end at once, on every instance, not at their next heartbeat:
  // the revocation is announced by NOTIFY when it commits. After a lost LISTEN connection (announcements may have
  // been missed) and for a payload it cannot read, every stream is re-checked.
  const recheckStreams = (revoked?: Revoked) => {
    for (const stream of [...openStreams]) {
      if (
        !revoked ||
        (stream.staffId === revoked.staffId && (revoked.deviceId ?? stream.deviceId) === stream.deviceId)
      )
        stream.recheck();
    }
  };
  const stopRevocations = await options.db.listen(
    REVOCATIONS_CHANNEL,
    (payload) => recheckStreams(parseRevoked(payload)),
    () => recheckStreams(),
  );

  app.get(syncPaths.health, async () => {
    await options.db.query('SELECT 1');
    return { status: 'ok', engine: options.db.engine };
  });
  const rateLimitOf: RouteRateLimit = (route) => {
    const limit = options.authRateLimit ?? UNAUTHENTICATED_RATE_LIMITS[route];
    return { max: limit.max, timeWindow: limit.windowMs };
  };
  registerAuthRoutes(app, { db: options.db, sodium, guards, clock, rateLimit: rateLimitOf });
  registerStaffRoutes(app, { db: options.db, sodium, guards, clock, rateLimit: rateLimitOf });
  registerPrivacyRoutes(app, { db: options.db, guards, clock });
  registerRetentionRoutes(app, { holds: new LegalHoldStore(options.db), guards, clock });
  const erasures = new ErasureStore(options.db, store);
  registerErasureRoutes(app, { erasures, guards, clock, sodium, signer });
  const stopRetention = startRetention(erasures, clock, RETENTION_INTERVAL_MS, {
    atStart: options.retentionAtStart ?? false,
  });
  registerShareRoutes(app, {
    shares: new ShareRequestStore(options.db),
    changes: store,
    db: options.db,
    guards,
    clock,
  });
  registerMedicalAccessRoutes(app, { requests: new MedicalAccessStore(options.db), guards, clock });
  registerMarketingRoutes(app, { db: options.db, guards, clock });
  registerAuditRoutes(app, { db: options.db, sodium, signer, guards, clock });
  registerBreachRoutes(app, { db: options.db, guards, clock });
  const stopCheckpoints = startCheckpoints(
    options.db,
    sodium,
    signer,
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
    clock,
    onAuditRefusal: (refusal) => recordChainStop(options.db, refusal, clock()),
  });

  return {
    app,
    routes,
    db: options.db,
    async close() {
      stopCheckpoints();
      stopRetention();
      for (const stream of [...openStreams]) stream.close();
      await app.close();
      await feed.close();
      await stopRevocations();
    },
  };
}
