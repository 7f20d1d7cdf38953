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
import { ApiError, forbidden } from '../auth/api-error';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import { recordConsentReceipt } from '../consents/consent-receipts';
import { cancelSharesAfterWithdrawal } from '../shares/share-request-store';
import type { ChangeFeed } from './change-feed';
import type { ChangeStore } from './change-store';
import { withLedgerFacts } from './push-facts';
import { pushRules } from './push-rules';
import type { ConsentRecord } from '../../shared/domain/consent';
import { auditChainFacts } from '../audit/chain-store';

/** How often an idle event stream sends a comment, so proxies and devices notice a dead connection. */
const STREAM_HEARTBEAT_MS = 25_000;

/** An open event stream: ended by a graceful shutdown, re-checked when someone is revoked. */
export interface OpenStream {
  /** Whose stream it is. */
  staffId: string;
  deviceId: string;
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
  /** The server's clock, which the push rules read (consent records, notice versions); default Date.now. */
  clock?: () => number;
  /** Told of each refused access-log entry, after the push rolled back: the device's chain stops there (issue 18). */
  onAuditRefusal?: (refusal: {
    staffId: string;
    deviceId: string;
    entry: Record<string, unknown>;
    reason: string;
  }) => Promise<void>;
}

export function registerSyncRoutes(app: FastifyInstance, context: SyncRouteContext): void {
  const { store, feed, isAllowedOrigin, openStreams, guards } = context;
  const heartbeatMs = context.heartbeatMs ?? STREAM_HEARTBEAT_MS;
  const clock = context.clock ?? Date.now;
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
        const accepted: ConsentRecord[] = [];
        const pushed = store.push(
          collection,
          request.body,
          async (master, next, tx, writes, batchedFacts) => {
            // A refusal names the document it is about, so the device parks that one and pushes the rest again
            // (docs/architecture.md, "Refused pushes"); the whole push is still rolled back.
            try {
              // Both what the document is and what it becomes must be within reach: a concierge can neither take
              // over another's client nor hand one out of their own scope.
              const assigned = (doc: unknown) => doc as { assignedStaffIds?: string[] };
              if (
                (master && !inScope(scope, caller.staffId, assigned(master))) ||
                !inScope(scope, caller.staffId, assigned(next))
              ) {
                throw forbidden(`write:${collection}:assigned`);
              }
              const facts = {
                ...withLedgerFacts(batchedFacts, tx, clock, accepted),
                auditChain: auditChainFacts(tx, clock),
              };
              const refusal = await rule({ caller, master, next, facts, writes });
              if (refusal) throw forbidden(`write:${collection}:${refusal.rule}`, refusal.reason);
              if (writes && collection === 'consents' && master === undefined) {
                const record = Object.fromEntries(
                  Object.entries(next).filter(([key]) => key !== '_deleted'),
                ) as unknown as ConsentRecord;
                // A withdrawal takes effect on share requests in this push's transaction.
                await cancelSharesAfterWithdrawal(tx, record, clock(), accepted);
                // When the server received it: it counts from then for the server's decisions (consent-receipt.ts).
                await recordConsentReceipt(tx, record.id, clock());
                accepted.push(record);
              }
            } catch (error) {
              throw error instanceof ApiError && error.statusCode !== 401 ? error.about(next.id) : error;
            }
          },
        );
        if (collection !== 'auditEvents' || !context.onAuditRefusal) return pushed;
        return pushed.catch(async (error: unknown) => {
          const row =
            error instanceof ApiError
              ? request.body.find((r) => r.newDocumentState.id === error.documentId)
              : undefined;
          if (row && error instanceof ApiError) {
            const { staffId, deviceId } = caller;
            await context.onAuditRefusal!({
              staffId,
              deviceId,
              entry: row.newDocumentState,
              reason: error.reason,
            });
          }
          throw error;
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
        event === 'resync' || event === 'directory'
          ? `event: ${STREAM_EVENTS[event]}\ndata: {}\n\n`
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
    const { staffId, deviceId } = callerOf(request);
    const stream: OpenStream = { staffId, deviceId, close, recheck: () => void recheck(false) };
    openStreams.add(stream);
    request.raw.on('close', end);
  });
}
