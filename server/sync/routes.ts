import type { FastifyInstance } from 'fastify';
import {
  PULL_LIMIT_DEFAULT,
  pullQuerySchema,
  pushBodyMaxBytes,
  pushBodySchemaOf,
  syncPaths,
  syncedCollections,
  SYNCED_COLLECTION_NAMES,
  STREAM_EVENTS,
  type PushRow,
} from '../../shared/index';
import { inScope, readScope, writeScope } from '../../shared/index';
import { forbidden } from '../auth/api-error';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import type { ChangeFeed } from './change-feed';
import type { ChangeStore } from './change-store';
import { isClientHeld } from '../retention/legal-hold-store';
import { clientOfDocuments, documentById, liveDocumentsOfClient } from './documents';
import { pushRules, type PushFacts } from './push-rules';
import { auditChainFacts } from '../audit/chain-store';
import type { AuditChainFacts } from '../../shared/sync/audit-push-rule';
import type { Queryable } from '../db/database';

/** How often an idle event stream sends a comment, so proxies and devices notice a dead connection. */
const STREAM_HEARTBEAT_MS = 25_000;

/** An open event stream: ended by a graceful shutdown, re-checked when someone is revoked. */
export interface OpenStream {
  close(): void;
  /** Ends the stream if its session no longer stands. */
  recheck(): void;
}

export interface SyncRouteContext {
  store: ChangeStore;
  feed: ChangeFeed;
  isAllowedOrigin(origin: string): boolean;
  /** Closers of the open event streams, so a graceful shutdown can end them. */
  openStreams: Set<OpenStream>;
  guards: AuthGuards;
  /** How often an idle stream sends a comment and re-checks its session (tests shorten it). */
  heartbeatMs?: number;
}

/** The look-ups of the push rules, in the push's own transaction. */
function pushFacts(tx: Pick<Queryable, 'query'>): PushFacts & AuditChainFacts {
  return {
    auditChain: auditChainFacts(tx, Date.now),
    document: (collection, id) => documentById(tx, collection, id),
    keyWrapsOfClient: (clientId) => liveDocumentsOfClient(tx, 'keyWraps', clientId),
    client: (clientId) => clientOfDocuments(tx, clientId),
    clientHeld: (clientId) => isClientHeld(tx, clientId),
  };
}

export function registerSyncRoutes(app: FastifyInstance, context: SyncRouteContext): void {
  const { store, feed, isAllowedOrigin, openStreams, guards } = context;
  const heartbeatMs = context.heartbeatMs ?? STREAM_HEARTBEAT_MS;
  for (const collection of SYNCED_COLLECTION_NAMES) {
    // Each device pulls what its role reaches (shared/auth/roles.ts) and may push only within its write scope.
    app.get<{ Querystring: { after?: number; limit?: number } }>(
      syncPaths.pull(collection),
      { schema: { querystring: pullQuerySchema }, onRequest: guards.authenticated() },
      async (request) => {
        const caller = callerOf(request);
        const scope = readScope(caller.role, collection);
        if (scope === 'none') throw forbidden(`read:${collection}`);
        const after = request.query.after ?? 0;
        const limit = request.query.limit ?? PULL_LIMIT_DEFAULT;
        return store.pull(collection, after, limit, scope === 'assigned' ? caller.staffId : undefined);
      },
    );
    app.post<{ Body: PushRow<Record<string, unknown> & { id: string }>[] }>(
      syncPaths.push(collection),
      {
        bodyLimit: pushBodyMaxBytes(collection),
        schema: { body: pushBodySchemaOf(syncedCollections[collection]) },
        onRequest: guards.authenticated(),
      },
      async (request) => {
        const caller = callerOf(request);
        const scope = writeScope(caller.role, collection);
        if (scope === 'none') throw forbidden(`write:${collection}`);
        const rule = pushRules[collection];
        return store.push(collection, request.body, async (master, next, tx, writes) => {
          // Both what the document is and what it becomes must be within reach: a concierge can neither take
          // over another's client nor hand one out of their own scope.
          const assigned = (doc: unknown) => doc as { assignedStaffIds?: string[] };
          if (
            (master && !inScope(scope, caller.staffId, assigned(master))) ||
            !inScope(scope, caller.staffId, assigned(next))
          ) {
            throw forbidden(`write:${collection}:assigned`);
          }
          const refusal = await rule({ caller, master, next, facts: pushFacts(tx), writes });
          if (refusal) throw forbidden(`write:${collection}:${refusal.rule}`, refusal.reason);
        });
      },
    );
  }

  app.get(syncPaths.stream, { onRequest: guards.authenticated({ queryToken: true }) }, (request, reply) => {
    // The response is written by hand (Server-Sent Events), so Fastify's hooks do not add the CORS headers.
    const origin = request.headers.origin;
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      ...(origin && isAllowedOrigin(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
    });
    reply.raw.write('retry: 2000\n\n');
    const unsubscribe = feed.subscribe((event) => {
      reply.raw.write(
        event === 'resync'
          ? `event: ${STREAM_EVENTS.resync}\ndata: {}\n\n`
          : `event: ${STREAM_EVENTS.change}\ndata: ${JSON.stringify(event)}\n\n`,
      );
    });
    // Each heartbeat also re-checks the session: a revoked device's stream ends within one interval, and its
    // reconnection hears 'device-revoked' (and wipes); an expired token's stream ends so the device renews it.
    const recheck = (heartbeat: boolean) =>
      guards.stillValid(request).then(
        (valid) => {
          if (!valid) close();
          else if (heartbeat) reply.raw.write(': heartbeat\n\n');
        },
        () => close(),
      );
    const heartbeat = setInterval(() => void recheck(true), heartbeatMs);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(stream);
    };
    const close = () => {
      end();
      reply.raw.end();
    };
    const stream: OpenStream = { close, recheck: () => void recheck(false) };
    openStreams.add(stream);
    request.raw.on('close', end);
  });
}
