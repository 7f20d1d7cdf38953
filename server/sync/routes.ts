import type { FastifyInstance } from 'fastify';
import {
  PULL_LIMIT_DEFAULT,
  pullQuerySchema,
  pushBodySchemaOf,
  syncPaths,
  syncedCollections,
  SYNCED_COLLECTION_NAMES,
  STREAM_EVENTS,
  type PushRow,
} from '../../shared/index';
import type { ChangeFeed } from './change-feed';
import type { ChangeStore } from './change-store';

/** How often an idle event stream sends a comment, so proxies and devices notice a dead connection. */
const STREAM_HEARTBEAT_MS = 25_000;

export interface SyncRouteContext {
  store: ChangeStore;
  feed: ChangeFeed;
  isAllowedOrigin(origin: string): boolean;
  /** Closers of the open event streams, so a graceful shutdown can end them. */
  openStreams: Set<() => void>;
}

export function registerSyncRoutes(app: FastifyInstance, context: SyncRouteContext): void {
  const { store, feed, isAllowedOrigin, openStreams } = context;
  for (const collection of SYNCED_COLLECTION_NAMES) {
    app.get<{ Querystring: { after?: number; limit?: number } }>(
      syncPaths.pull(collection),
      { schema: { querystring: pullQuerySchema } },
      async (request) =>
        store.pull(collection, request.query.after ?? 0, request.query.limit ?? PULL_LIMIT_DEFAULT),
    );
    app.post<{ Body: PushRow<Record<string, unknown> & { id: string }>[] }>(
      syncPaths.push(collection),
      { schema: { body: pushBodySchemaOf(syncedCollections[collection]) } },
      async (request) => store.push(collection, request.body),
    );
  }

  app.get(syncPaths.stream, (request, reply) => {
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
    const heartbeat = setInterval(() => reply.raw.write(': heartbeat\n\n'), STREAM_HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(close);
    };
    const close = () => {
      end();
      reply.raw.end();
    };
    openStreams.add(close);
    request.raw.on('close', end);
  });
}
