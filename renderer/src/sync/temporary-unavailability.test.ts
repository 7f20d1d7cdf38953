import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey } from '../../../shared/crypto/index';
import { newClient, retryAfterMs, TEMPORARILY_UNAVAILABLE, type Client } from '../../../shared/index';
import { openLocalStore, type LocalStore } from '../store/local-store';
import { RetryGate } from './backoff';
import type { LiveEvent } from './live-stream';
import { replicateCollection, type CollectionReplication, type Fetch } from './replication';

const sodium = await loadSodium();

/**
 * A server whose database is restarting: its first `blips` answers are 503 with Retry-After: 1 (or, with
 * `status` 429, a server rate-limiting the device).
 */
function restartingServer(blips: number, status: number = TEMPORARILY_UNAVAILABLE.status) {
  const calls: { path: string; at: number; status: number }[] = [];
  const pushed: Client[] = [];
  const fetch: Fetch = async (url, init) => {
    const unavailable = calls.length < blips;
    calls.push({ path: url.pathname, at: Date.now(), status: unavailable ? status : 200 });
    if (unavailable) {
      return new Response(JSON.stringify({ reason: TEMPORARILY_UNAVAILABLE.reason }), {
        status,
        headers: { 'retry-after': '1' },
      });
    }
    if (url.pathname.endsWith('/push')) {
      const rows = JSON.parse(String(init.body)) as { newDocumentState: Client }[];
      pushed.push(...rows.map((row) => row.newDocumentState));
      return new Response('[]', { status: 200 });
    }
    return new Response(JSON.stringify({ documents: [], checkpoint: { seq: 0 }, remaining: 0 }), {
      status: 200,
    });
  };
  return { calls, pushed, fetch };
}

describe('a server temporarily unavailable (503 with Retry-After) or rate-limiting (429)', () => {
  let store: LocalStore | undefined;
  let replication: CollectionReplication<Client> | undefined;
  afterEach(async () => {
    await replication?.cancel();
    await store?.close();
  });

  it.each([503, 429])(
    '%i is waited out as told, and never reported as an error',
    async (status) => {
      const key = newDataKey(sodium);
      store = await openLocalStore(
        sodium,
        { vaultKey: () => key },
        `unavailable-${Date.now()}`,
        getRxStorageMemory(),
        ['clients'],
      );
      const server = restartingServer(2, status);
      const events$ = new Subject<LiveEvent>();
      replication = replicateCollection({
        name: 'clients',
        collection: store.clients,
        serverUrl: 'http://lumina.test',
        events$,
        fetch: server.fetch,
        // A backoff far shorter than the server's Retry-After: the longer wait must win.
        retryGate: new RetryGate({ baseMs: 5, maxMs: 20 }),
        waitForLeadership: false,
      });
      const errors: unknown[] = [];
      replication.state.error$.subscribe((error) => errors.push(error));
      await store.clients.insert(newClient('00000000-0000-4000-8000-000000000001', { latin: 'Aiko' }, 1));
      // The stream reconnecting releases backoff waits, but not the wait the server asked for.
      events$.next('reconnected');
      await replication.state.awaitInitialReplication();
      await replication.state.awaitInSync();

      // A pull and a push may meet the first 503 together; nothing is tried again within the second it asked for.
      const refused = server.calls.filter((call) => call.status === status);
      const firstServed = server.calls.find((call) => call.status === 200)!;
      expect(refused).toHaveLength(2);
      expect(firstServed.at - refused.at(-1)!.at).toBeGreaterThanOrEqual(990);
      const gap = refused[1]!.at - refused[0]!.at;
      expect(gap < 50 || gap >= 990).toBe(true);
      expect(server.pushed.map((doc) => doc.names.latin)).toEqual(['Aiko']);
      expect(errors).toEqual([]);
    },
    20_000,
  );

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('999999', now)).toBe(3_600_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('holds a retry the server deferred through a reset; a success lifts it', async () => {
    let clock = 0;
    const gate = new RetryGate(
      { baseMs: 10, maxMs: 10 },
      () => 0,
      () => clock,
    );
    gate.failed(1_000);
    gate.reset();
    let ready = false;
    void gate.ready().then(() => (ready = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ready).toBe(false);
    gate.succeeded();
    clock = 1_000;
    gate.reset();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ready).toBe(true);
  });
});
