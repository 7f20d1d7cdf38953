import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { generateIdentity, loadSodium, newDataKey } from '../../../shared/crypto/index';
import type { AuditEvent } from '../../../shared/domain/audit';
import type { PushRow, WireDocument } from '../../../shared/index';
import { auditChainOf } from '../../../tests/support/audit-log';
import { openLocalStore, type LocalStore } from '../store/local-store';
import { RetryGate } from './backoff';
import type { LiveEvent } from './live-stream';
import { ParkedChanges, parkedChangeOf } from './parked-changes';
import { replicateCollection, type CollectionReplication, type Fetch } from './replication';

const sodium = await loadSodium();
const STAFF = '00000000-0000-4000-8000-0000000000aa';
const device = generateIdentity(sodium, '00000000-0000-4000-8000-0000000000d1');
const { entries } = auditChainOf(sodium, device, 5, { staffId: STAFF, kind: 'unlocked' });

/** A server holding a device's chain: it refuses entry `refusedSeq` (a bad signature) and, after it, gaps. */
function chainServer(refusedSeq: number) {
  const held: AuditEvent[] = [];
  const fetch: Fetch = async (url, init) => {
    if (!url.pathname.endsWith('/push')) return new Response('{}', { status: 404 });
    const rows = JSON.parse(String(init.body)) as PushRow<AuditEvent>[];
    let head = held.length;
    for (const { newDocumentState: entry } of rows) {
      const reason =
        entry.seq === refusedSeq ? 'audit-signature' : entry.seq !== head + 1 ? 'audit-gap' : undefined;
      if (reason) {
        const body = { error: 'forbidden', reason, needs: 'write:auditEvents:chain', documentId: entry.id };
        return new Response(JSON.stringify(body), { status: 403 });
      }
      head = entry.seq;
    }
    held.push(...rows.map((row) => row.newDocumentState as WireDocument<AuditEvent>));
    return new Response('[]', { status: 200 });
  };
  return { held, fetch };
}

describe('a refused access-log entry (a ledger)', () => {
  let store: LocalStore | undefined;
  let replication: CollectionReplication<AuditEvent> | undefined;
  afterEach(async () => {
    await replication?.cancel();
    await store?.close();
  });

  it('is kept on the device as written, the chain stops visibly, and nothing is reset or deleted', async () => {
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `ledger-${Date.now()}`,
      getRxStorageMemory(),
      ['auditEvents'],
    );
    const storage = new Map<string, string>();
    const parked = new ParkedChanges(sodium, { vaultKey: () => key } as never, {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    });
    const server = chainServer(3);
    replication = replicateCollection<AuditEvent>({
      name: 'auditEvents',
      collection: store.auditEvents as never,
      serverUrl: 'http://lumina.test',
      events$: new Subject<LiveEvent>(),
      fetch: server.fetch,
      pushOnly: true,
      retryGate: new RetryGate({ baseMs: 5, maxMs: 20 }),
      waitForLeadership: false,
      onParked: (rows) => parked.park(rows.map((row) => parkedChangeOf('auditEvents', row as never, 1))),
    });
    const errors: unknown[] = [];
    replication.state.error$.subscribe((error) => errors.push(error));
    await store.auditEvents.bulkInsert(entries.slice(0, 4));
    await replication.state.awaitInSync();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await replication.state.awaitInSync();
    // A later entry (it cannot link on the server) is held too, and counted in the same stop.
    await store.auditEvents.insert(entries[4]!);
    await replication.state.awaitInSync();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(server.held.map((e) => e.seq)).toEqual([1, 2]);
    const local = await store.auditEvents.find({ sort: [{ at: 'asc' }] }).exec();
    expect(local.map((doc) => doc.toJSON())).toEqual(entries);
    const changes = parked.list();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      collection: 'auditEvents',
      documentId: entries[2]!.id,
      reason: 'audit-signature',
      kept: true,
      later: 2,
    });
    // Never discarded: the device keeps telling the person the chain stopped.
    parked.discard(changes[0]!.key);
    expect(parked.list()).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 20_000);
});
