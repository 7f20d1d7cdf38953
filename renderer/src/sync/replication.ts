import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { filter, map, type Observable, type Subscription } from 'rxjs';
import {
  PULL_LIMIT_MAX,
  retryAfterMs,
  syncPaths,
  TEMPORARILY_UNAVAILABLE,
  UNAVAILABLE_QUIET_MS,
  type PullResponse,
  type PushRefusalAnswer,
  type PushResponse,
  type PushRow,
  type SyncCheckpoint,
  type SyncedCollectionName,
} from '../../../shared/index';
import { RetryGate } from './backoff';
import { bulkFirstSync, type BulkFirstSync } from './first-sync';
import { forgetAssumedStates } from './forget-meta';
import type { LiveEvent } from './live-stream';
import { changesNothing, pushParkingRefusals, type RefusedRow } from './refusals';
import { isPermanentRefusal, isTemporaryStatus, SyncHttpError } from './sync-errors';
import { withoutStaleRows } from './stale-rows';
import { strictIdsCheck } from './strict-ids';

/** Why a document was left out of a push (ReplicationOptions.onDropped). */
export type DropReason = 'missing' | 'invalid-id';

export type Fetch = (input: URL, init: RequestInit) => Promise<Response>;

export interface SyncTransport {
  serverUrl: string;
  /** The fetch to use; the global one by default (tests inject one that can go offline). */
  fetch?: Fetch;
  /** Extra headers for every request, asked for each time (authentication will add its token here). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Told the reason of every 401 (an AuthFailure): a revoked device wipes itself, a lapsed token is renewed. */
  onUnauthorized?: (reason: string) => void;
}

export interface ReplicationOptions<T> extends SyncTransport {
  name: SyncedCollectionName;
  collection: RxCollection<T>;
  /** The live stream's events: a change of this collection, or 'reconnected' when devices must catch up. */
  events$: Observable<LiveEvent>;
  /** Holds retries back with exponential backoff; one per replication by default. */
  retryGate?: RetryGate;
  /** Told after each pull how many changes the server still has beyond it (undefined: the server did not say). */
  onPullProgress?: (batchSize: number, remaining: number | undefined) => void;
  /**
   * Documents asked for per pull, PULL_LIMIT_MAX by default: a first sync into an empty store costs IndexedDB a few
   * requests per batch besides one write per document, so fewer, larger batches are cheaper (bench/sync.ts).
   */
  pullBatchSize?: number;
  /** Replications share one leader tab in the app; tests replicate several stores in one process. */
  waitForLeadership?: boolean;
  /**
   * Only push (the role may write but not read the collection, e.g. a concierge's audit events): no pulls, and
   * the live stream does not trigger any.
   */
  pushOnly?: boolean;
  /**
   * Only pull (the role reads but may not write the collection, e.g. a concierge's privacy notices): nothing is
   * sent. A change the device holds all the same (made under a role the person has since lost) is parked as the
   * server would refuse it (refuseForRole); documents it only received are never taken for changes (first-sync.ts).
   */
  readOnly?: boolean;
  /**
   * Whether the first sync of an empty collection writes its documents in bulk, without RxDB's per-document meta
   * rows (first-sync.ts); true by default.
   */
  bulkFirstSync?: boolean;
  /**
   * Told of each document left out of a push: 'missing' when the local store no longer returns it (stale-rows.ts:
   * a row quarantined or gone from disk), 'invalid-id' when its ids are not strict UUIDs (strict-ids.ts). The id
   * only, never a value; the session reports it in the sync status.
   */
  onDropped?: (id: string, reason: DropReason) => void;
  /**
   * Told of the rows the server refused for good, parked (refusals.ts): their documents go back to the server's
   * version and the rest of the collection keeps syncing. Without it, such rows are still never retried.
   */
  onParked?: (refused: RefusedRow<T>[]) => void;
}

export interface CollectionReplication<T> {
  state: RxReplicationState<T, SyncCheckpoint>;
  retryGate: RetryGate;
  /** Removes the replication's bookkeeping of documents purged from the store (forget-meta.ts). */
  forget(ids: readonly string[]): Promise<number>;
  cancel(): Promise<void>;
}

/** RxDB's own retry wait; the real wait is the gate's backoff, so this only paces the loop. */
const RXDB_RETRY_MS = 50;

/**
 * The wait a temporary refusal asks for, with Retry-After or the default: a 503 (the server's database restarting) or
 * a 429 (rate limited; getting a session token too, sync-auth.ts). Undefined for any other failure.
 */
export function temporaryWait(error: unknown): number | undefined {
  if (!(error instanceof SyncHttpError) || !isTemporaryStatus(error.status)) return undefined;
  return error.retryAfterMs ?? TEMPORARILY_UNAVAILABLE.retryAfterSeconds * 1000;
}

async function request<T>(transport: SyncTransport, url: URL, init: RequestInit = {}): Promise<T> {
  const extra = (await transport.headers?.()) ?? {};
  const res = await (transport.fetch ?? fetch)(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), ...extra },
    cache: 'no-store',
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as Partial<PushRefusalAnswer>;
    const reason = body.reason ?? res.statusText;
    if (res.status === 401) transport.onUnauthorized?.(reason);
    const refusal = { needs: body.needs, documentId: body.documentId };
    throw new SyncHttpError(res.status, reason, retryAfterMs(res.headers.get('retry-after')), refusal);
  }
  return (await res.json()) as T;
}

/**
 * The answer the server gives a push of a collection the role may not write (a 403 needing `write:<collection>`),
 * given here without asking it: a change made on this device under a role the person no longer has (a coordinator
 * who renamed a client offline and became the admin) is parked and shown like any refused change, and the record
 * goes back to the server's version, rather than being held unsent, or counted as sent, in silence.
 */
function refuseForRole<T>(name: SyncedCollectionName): (batch: PushRow<T>[]) => Promise<PushResponse<T>> {
  return () => Promise.reject(new SyncHttpError(403, 'forbidden', undefined, { needs: `write:${name}` }));
}

/**
 * Replicates one collection with the central server: checkpointed pulls, pushes with the assumed master
 * state, and a pull whenever the live stream announces a change. Conflicts are merged by the collection's
 * conflict handler (see conflict-handler.ts). Failed requests are retried after an exponential backoff with
 * jitter (backoff.ts), reset by a success or by the live stream reconnecting.
 */
export function replicateCollection<T extends { id: string }>(
  options: ReplicationOptions<T>,
): CollectionReplication<T> {
  const { name, collection, serverUrl } = options;
  const gate = options.retryGate ?? new RetryGate();
  let stopped = false;
  const attempt = async <R>(work: () => Promise<R>): Promise<R> => {
    await gate.ready();
    if (stopped) throw new Error('the replication was stopped');
    try {
      const result = await work();
      gate.succeeded();
      return result;
    } catch (error) {
      // A refusal for good is an answer: the server is there, and the rest is pushed at once.
      if (isPermanentRefusal(error)) gate.succeeded();
      else gate.failed(temporaryWait(error));
      throw error;
    }
  };
  /**
   * Runs `work` again (after the wait the gate then imposes) while the server says it is temporarily unavailable:
   * RxDB never sees such a blip, so it is not reported as an error, unless it lasts beyond UNAVAILABLE_QUIET_MS.
   */
  const quietly = async <R>(work: () => Promise<R>): Promise<R> => {
    const quietUntil = Date.now() + UNAVAILABLE_QUIET_MS;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (temporaryWait(error) === undefined || stopped || Date.now() >= quietUntil) throw error;
      }
    }
  };

  const hasStrictIds = strictIdsCheck(collection.schema.jsonSchema);
  let firstSync: BulkFirstSync<T> | undefined;
  const pullPage = async (after: number, limit: number) => {
    const url = new URL(syncPaths.pull(name), serverUrl);
    url.searchParams.set('after', String(after));
    url.searchParams.set('limit', String(limit));
    const page = await quietly(() => attempt(() => request<PullResponse<T>>(options, url)));
    options.onPullProgress?.(page.documents.length, page.remaining);
    return page;
  };

  const state: RxReplicationState<T, SyncCheckpoint> = replicateRxCollection<T, SyncCheckpoint>({
    collection,
    replicationIdentifier: `lumina-${name}-${serverUrl}`,
    live: true,
    retryTime: RXDB_RETRY_MS,
    waitForLeadership: options.waitForLeadership ?? true,
    pull: options.pushOnly
      ? undefined
      : {
          batchSize: options.pullBatchSize ?? PULL_LIMIT_MAX,
          async handler(checkpoint, batchSize) {
            const first = await firstSync?.pull(checkpoint, {
              batchSize,
              fetchPage: (after) => pullPage(after, batchSize),
            });
            return first ?? pullPage(checkpoint?.seq ?? 0, batchSize);
          },
          stream$: options.events$.pipe(
            filter((event) => event === 'reconnected' || event.collection === name),
            map(() => 'RESYNC' as const),
          ),
        },
    push: {
      batchSize: 50,
      handler: (rows): Promise<PushResponse<T>> =>
        quietly(async () => {
          // Checked at each attempt: while a push fails, the documents may move on (stale-rows.ts).
          const { fresh, answered, dropped } = await withoutStaleRows(state, rows as PushRow<T>[]);
          for (const id of dropped) options.onDropped?.(id, 'missing');
          const strict = fresh.filter((row) => {
            if (hasStrictIds(row.newDocumentState)) return true;
            options.onDropped?.(row.newDocumentState.id, 'invalid-id');
            return false;
          });
          const pushable = firstSync ? await firstSync.pushable(strict) : strict;
          const sending = pushable.filter((row) => !changesNothing(row));
          if (sending.length === 0) return answered;
          const send = options.readOnly
            ? refuseForRole<T>(name)
            : (batch: PushRow<T>[]) =>
                attempt(() =>
                  request<PushResponse<T>>(options, new URL(syncPaths.push(name), serverUrl), {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify(batch),
                  }),
                );
          const conflicts = await pushParkingRefusals(name, sending, send, (refused) =>
            options.onParked?.(refused),
          );
          return [...conflicts, ...answered];
        }),
    },
  });

  if (!options.pushOnly && options.bulkFirstSync !== false) firstSync = bulkFirstSync(collection, state);

  // The stream coming back means the server is reachable again: retry now rather than after the backoff.
  const subscription: Subscription = options.events$
    .pipe(filter((event) => event === 'reconnected'))
    .subscribe(() => gate.reset());

  return {
    state,
    retryGate: gate,
    forget: (ids) =>
      forgetAssumedStates(
        state.metaInstance as unknown as Parameters<typeof forgetAssumedStates>[0],
        collection.database.token,
        ids,
      ),
    async cancel() {
      stopped = true;
      subscription.unsubscribe();
      gate.reset();
      await state.cancel();
      firstSync?.dispose();
    },
  };
}
