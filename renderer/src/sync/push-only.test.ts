import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey } from '../../../shared/crypto/index';
import type { AuditEvent } from '../../../shared/domain/audit';
import { readScope } from '../../../shared/index';
import { openLocalStore, type LocalStore } from '../store/local-store';
import { RetryGate } from './backoff';
import type { LiveEvent } from './live-stream';
import { replicateCollection, type CollectionReplication, type Fetch } from './replication';

const sodium = await loadSodium();
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A server that takes pushes and refuses pulls, as ours does for a concierge's audit events. */
function auditServer() {
  const requests: string[] = [];
  const pushed: AuditEvent[] = [];
  const fetch: Fetch = async (url, init) => {
    requests.push(url.pathname);
    if (url.pathname.endsWith('/push')) {
      const rows = JSON.parse(String(init.body)) as { newDocumentState: AuditEvent }[];
      pushed.push(...rows.map((row) => row.newDocumentState));
      return new Response('[]', { status: 200 });
    }
    return new Response(JSON.stringify({ reason: 'forbidden', needs: 'read:auditEvents' }), { status: 403 });
  };
  return { requests, pushed, fetch };
}

describe('a collection the role writes but does not read', () => {
  let store: LocalStore | undefined;
  let replication: CollectionReplication<AuditEvent> | undefined;
  afterEach(async () => {
    await replication?.cancel();
    await store?.close();
  });

  async function replicate(pushOnly: boolean, server: ReturnType<typeof auditServer>) {
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `push-only-${Date.now()}`,
      getRxStorageMemory(),
    );
    const events$ = new Subject<LiveEvent>();
    replication = replicateCollection({
      name: 'auditEvents',
      collection: store.auditEvents,
      serverUrl: 'http://lumina.test',
      events$,
      fetch: server.fetch,
      pushOnly,
      retryGate: new RetryGate({ baseMs: 5, maxMs: 20 }),
      waitForLeadership: false,
    });
    return { store, replication, events$ };
  }

  it('is what a concierge has in audit events', () => {
    expect(readScope('concierge', 'auditEvents')).toBe('none');
  });

  it('is pushed and never pulled, even when the live stream announces a change', async () => {
    const server = auditServer();
    const { store, replication, events$ } = await replicate(true, server);
    const event: AuditEvent = {
      id: uuid(1),
      kind: 'medical-unsealed',
      staffId: uuid(2),
      deviceId: uuid(3),
      clientId: uuid(4),
      fields: ['history'],
      at: 10,
      seq: 0,
      legacy: true,
      assignedStaffIds: [uuid(2)],
    };
    await store.auditEvents.insert(event);
    events$.next({ collection: 'auditEvents', seq: 7 });
    events$.next('reconnected');
    await replication.state.awaitInSync();
    expect(server.pushed).toEqual([{ ...event, _deleted: false }]);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((path) => path === '/sync/auditEvents/push')).toBe(true);
  });

  it('would otherwise pull, and be refused', async () => {
    const server = auditServer();
    const { replication } = await replicate(false, server);
    const error = await new Promise((resolve) => replication.state.error$.subscribe(resolve));
    expect(JSON.stringify(error)).toContain('403');
    expect(server.requests).toContain('/sync/auditEvents/pull');
  });
});
