import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { filter, map } from 'rxjs';
import {
  PULL_LIMIT_DEFAULT,
  syncPaths,
  type PullResponse,
  type PushResponse,
  type SyncCheckpoint,
  type SyncedCollectionName,
} from '../../../shared/index';
import type { LiveStream } from './live-stream';
import type { SyncAuth } from './sync-auth';

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`sync request failed with HTTP ${status}: ${reason}`);
  }
}

/** The session token; a failure to get one reads like the request's own failure (offline, or refused). */
async function bearer(auth: SyncAuth): Promise<string> {
  let failure: { kind?: string; status?: number; reason?: string } | undefined;
  try {
    return await auth.token();
  } catch (error) {
    failure = error as typeof failure;
  }
  if (failure?.kind === 'unreachable') throw new TypeError('the server cannot be reached');
  throw new SyncHttpError(failure?.status ?? 401, failure?.reason ?? 'unauthenticated');
}

async function request<T>(url: URL, init: RequestInit, auth: SyncAuth | undefined): Promise<T> {
  const headers = new Headers(init.headers);
  if (auth) headers.set('authorization', `Bearer ${await bearer(auth)}`);
  const res = await fetch(url, { ...init, headers, cache: 'no-store' });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { reason?: string };
    const reason = body.reason ?? res.statusText;
    if (res.status === 401) auth?.onAuthFailure(reason);
    throw new SyncHttpError(res.status, reason);
  }
  return (await res.json()) as T;
}

/**
 * Replicates one collection with the central server: checkpointed pulls, pushes with the assumed master
 * state, and a pull whenever the live stream announces a change. RxDB retries failed requests.
 */
export function replicateCollection<T extends { id: string }>(
  name: SyncedCollectionName,
  collection: RxCollection<T>,
  serverUrl: string,
  live: LiveStream,
  auth?: SyncAuth,
): RxReplicationState<T, SyncCheckpoint> {
  return replicateRxCollection<T, SyncCheckpoint>({
    collection,
    replicationIdentifier: `lumina-${name}-${serverUrl}`,
    live: true,
    retryTime: 2_000,
    waitForLeadership: true,
    pull: {
      batchSize: PULL_LIMIT_DEFAULT,
      async handler(checkpoint, batchSize) {
        const url = new URL(syncPaths.pull(name), serverUrl);
        url.searchParams.set('after', String(checkpoint?.seq ?? 0));
        url.searchParams.set('limit', String(batchSize));
        return request<PullResponse<T>>(url, {}, auth);
      },
      stream$: live.events$.pipe(
        filter((event) => event === 'reconnected' || event.collection === name),
        map(() => 'RESYNC' as const),
      ),
    },
    push: {
      batchSize: 50,
      async handler(rows) {
        return request<PushResponse<T>>(
          new URL(syncPaths.push(name), serverUrl),
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(rows),
          },
          auth,
        );
      },
    },
  });
}
