import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey } from '../../../shared/crypto/index';
import { newClient, type Client, type PushRow, type WireDocument } from '../../../shared/index';
import { conflictHandlers, openLocalStore, type LocalStore } from '../store/local-store';
import { RetryGate } from './backoff';
import type { LiveEvent } from './live-stream';
import { changedFields, ParkedChanges, parkedChangeOf } from './parked-changes';
import { countPendingChanges } from './pending-changes';
import type { RefusedRow } from './refusals';
import { replicateCollection, type CollectionReplication, type Fetch } from './replication';

const sodium = await loadSodium();
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/**
 * A server that refuses, for good, every push holding a row `refuses` picks: the whole push changes nothing, and the
 * answer names the first such document (unless `naming` is off, as an older server would answer).
 */
function refusingServer(
  refuses: (doc: WireDocument<Client>) => string | undefined,
  naming = true,
  reason = 'forbidden',
) {
  const docs = new Map<string, { seq: number; doc: WireDocument<Client> }>();
  let seq = 0;
  const pushes: string[][] = [];
  const fetch: Fetch = async (url, init) => {
    if (url.pathname.endsWith('/push')) {
      const rows = JSON.parse(String(init.body)) as PushRow<Client>[];
      pushes.push(rows.map((row) => row.newDocumentState.id));
      for (const row of rows) {
        const needs = refuses(row.newDocumentState);
        if (needs) {
          const body = {
            error: 'forbidden',
            reason,
            needs,
            documentId: row.newDocumentState.id,
          };
          if (!naming) delete (body as { documentId?: string }).documentId;
          return new Response(JSON.stringify(body), { status: 403 });
        }
      }
      for (const row of rows) docs.set(row.newDocumentState.id, { seq: ++seq, doc: row.newDocumentState });
      return new Response('[]', { status: 200 });
    }
    const after = Number(url.searchParams.get('after'));
    const documents = [...docs.values()].filter((d) => d.seq > after).map((d) => d.doc);
    return new Response(JSON.stringify({ documents, checkpoint: { seq }, remaining: 0 }), { status: 200 });
  };
  const seed = (doc: Client) => docs.set(doc.id, { seq: ++seq, doc: { ...doc, _deleted: false } });
  return { docs, pushes, fetch, seed };
}

describe('a push the server refuses for good', () => {
  let store: LocalStore | undefined;
  let replication: CollectionReplication<Client> | undefined;
  afterEach(async () => {
    await replication?.cancel();
    await store?.close();
    replication = undefined;
    store = undefined;
  });

  async function start(server: ReturnType<typeof refusingServer>, readOnly = false) {
    if (!store) {
      const key = newDataKey(sodium);
      store = await openLocalStore(
        sodium,
        { vaultKey: () => key },
        `refused-${Date.now()}-${Math.random()}`,
        getRxStorageMemory(),
        ['clients'],
      );
    }
    const parked: RefusedRow<Client>[] = [];
    const errors: unknown[] = [];
    replication = replicateCollection({
      name: 'clients',
      collection: store.clients,
      serverUrl: 'http://lumina.test',
      events$: new Subject<LiveEvent>(),
      fetch: server.fetch,
      retryGate: new RetryGate({ baseMs: 5, maxMs: 20 }),
      waitForLeadership: false,
      readOnly,
      onParked: (rows) => parked.push(...rows),
    });
    replication.state.error$.subscribe((error) => errors.push(error));
    await replication.state.awaitInitialReplication();
    return { store, replication, parked, errors };
  }

  const settle = async (r: CollectionReplication<Client>) => {
    for (let i = 0; i < 3; i += 1) {
      await r.state.awaitInSync();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  };

  it('parks the refused edit, puts the server version back, and keeps pushing the rest', async () => {
    const server = refusingServer((doc) =>
      doc.names.latin === 'Renamed' ? 'write:clients:rule' : undefined,
    );
    server.seed(newClient(id(1), { latin: 'Aiko' }, 1));
    const { store, replication, parked, errors } = await start(server);
    await settle(replication);
    const doc = await store.clients.findOne(id(1)).exec();
    await doc!.incrementalPatch({ names: { latin: 'Renamed' }, updatedAt: 2 });
    await store.clients.insert(newClient(id(2), { latin: 'Allowed' }, 3));
    await settle(replication);

    expect(parked.map((row) => row.row.newDocumentState.names.latin)).toEqual(['Renamed']);
    expect(parked[0]!.error.status).toBe(403);
    expect((await store.clients.findOne(id(1)).exec())!.names.latin).toBe('Aiko');
    expect(server.docs.get(id(2))?.doc.names.latin).toBe('Allowed');
    expect(server.docs.get(id(1))?.doc.names.latin).toBe('Aiko');
    expect(await countPendingChanges(replication.state, conflictHandlers.clients)).toBe(0);
    expect(errors).toEqual([]);

    // A later allowed change of the same document still goes through.
    await (await store.clients.findOne(id(1)).exec())!.incrementalPatch({ names: { latin: 'Aiko T' } });
    await settle(replication);
    expect(server.docs.get(id(1))?.doc.names.latin).toBe('Aiko T');
    expect(parked).toHaveLength(1);
  }, 20_000);

  it('takes back a refused new document, and finds the refused row of a push that names none', async () => {
    const server = refusingServer(
      (doc) => (doc.names.latin.startsWith('No') ? 'write:clients:rule' : undefined),
      false,
    );
    const { store, replication, parked, errors } = await start(server);
    await store.clients.bulkInsert([
      newClient(id(3), { latin: 'Yes one' }, 1),
      newClient(id(4), { latin: 'No two' }, 1),
      newClient(id(5), { latin: 'Yes three' }, 1),
    ]);
    await settle(replication);
    expect(parked.map((row) => row.row.newDocumentState.id)).toEqual([id(4)]);
    expect([...server.docs.keys()].sort()).toEqual([id(3), id(5)]);
    expect(await store.clients.findOne(id(4)).exec()).toBeNull();
    expect(await countPendingChanges(replication.state, conflictHandlers.clients)).toBe(0);
    expect(errors).toEqual([]);
  }, 20_000);

  it('parks, without sending it, a change held under a role that may no longer write the collection', async () => {
    const server = refusingServer(() => undefined);
    server.seed(newClient(id(1), { latin: 'Aiko' }, 1));
    server.seed(newClient(id(2), { latin: 'Ben' }, 1));
    const first = await start(server);
    await settle(first.replication);
    // Offline, the coordinator renames a client; the next session is the admin's, who may only read clients.
    await first.replication.cancel();
    const doc = await first.store.clients.findOne(id(1)).exec();
    await doc!.incrementalPatch({ names: { latin: 'Renamed' }, updatedAt: 2 });
    const { store, replication, parked, errors } = await start(server, true);
    await settle(replication);

    expect(server.pushes).toEqual([]);
    expect(parked.map((row) => row.row.newDocumentState.names.latin)).toEqual(['Renamed']);
    expect(parked[0]!.error.status).toBe(403);
    expect(parked[0]!.error.refusal.needs).toBe('write:clients');
    expect((await store.clients.findOne(id(1)).exec())!.names.latin).toBe('Aiko');
    expect((await store.clients.findOne(id(2)).exec())!.names.latin).toBe('Ben');
    expect(await countPendingChanges(replication.state, conflictHandlers.clients)).toBe(0);
    expect(errors).toEqual([]);
  }, 20_000);

  it('deletes, rather than restores, a document of a client the server says is erased', async () => {
    // The device edited the client while it pulled the erasure's stub, so its last copy from the server is the live
    // one: putting that back would keep the erased client alive on the device.
    const server = refusingServer(
      (doc) => (doc.names.latin === 'Renamed' ? 'write:clients:client' : undefined),
      true,
      'client-erased',
    );
    server.seed(newClient(id(1), { latin: 'Aiko' }, 1));
    const { store, replication, parked, errors } = await start(server);
    await settle(replication);
    await (await store.clients.findOne(id(1)).exec())!.incrementalPatch({ names: { latin: 'Renamed' } });
    await settle(replication);

    expect(parked.map((row) => row.error.reason)).toEqual(['client-erased']);
    expect(await store.clients.findOne(id(1)).exec()).toBeNull();
    expect(await countPendingChanges(replication.state, conflictHandlers.clients)).toBe(0);
    expect(server.pushes).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 20_000);

  it('parks every row of a push refused for the whole collection', async () => {
    const server = refusingServer(() => 'write:clients');
    const { store, replication, parked } = await start(server);
    await store.clients.bulkInsert([
      newClient(id(6), { latin: 'A' }, 1),
      newClient(id(7), { latin: 'B' }, 1),
    ]);
    await settle(replication);
    expect(parked.map((row) => row.row.newDocumentState.id).sort()).toEqual([id(6), id(7)]);
    // One push for both: a refusal of the whole collection is not narrowed down row by row.
    expect(server.pushes).toHaveLength(1);
    expect(server.docs.size).toBe(0);
  }, 20_000);
});

describe('the parked list', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
      items,
    };
  };

  it('is sealed under the vault key, survives a new session, and forgets what is discarded', () => {
    const key = newDataKey(sodium);
    const storage = memory();
    const server = { ...newClient(id(1), { latin: 'Aiko' }, 1), _deleted: false };
    const refused = { ...server, names: { latin: 'Renamed' }, updatedAt: 2 };
    const change = parkedChangeOf(
      'clients',
      {
        row: { newDocumentState: refused, assumedMasterState: server },
        error: Object.assign(new Error(), {
          status: 403,
          reason: 'forbidden',
          refusal: { needs: 'write:clients' },
        }),
      } as never,
      5,
    );
    new ParkedChanges(sodium, { vaultKey: () => key }, storage).park([change]);
    expect([...storage.items.values()].join()).not.toContain('Renamed');
    const again = new ParkedChanges(sodium, { vaultKey: () => key }, storage);
    expect(again.list()).toEqual([change]);
    expect(changedFields(change)).toEqual([{ field: 'names.latin', before: 'Aiko', after: 'Renamed' }]);
    again.discard(change.key);
    expect(new ParkedChanges(sodium, { vaultKey: () => key }, storage).list()).toEqual([]);
    // Under another key (another device's vault, or an altered list) nothing is read.
    again.park([change]);
    expect(new ParkedChanges(sodium, { vaultKey: () => newDataKey(sodium) }, storage).list()).toEqual([]);
  });

  it('forgets every refused change of an erased client, and only those', () => {
    const key = newDataKey(sodium);
    const parked = new ParkedChanges(sodium, { vaultKey: () => key }, memory());
    const refusedOf = (collection: 'clients' | 'trips', doc: Record<string, unknown>, at: number) =>
      parkedChangeOf(
        collection,
        {
          row: { newDocumentState: doc, assumedMasterState: undefined },
          error: Object.assign(new Error(), { status: 403, reason: 'client-erased', refusal: {} }),
        } as never,
        at,
      );
    const erasedClient = refusedOf(
      'clients',
      { ...newClient(id(1), { latin: 'Gone' }, 1), _deleted: false },
      1,
    );
    const erasedTrip = refusedOf('trips', { id: id(3), clientId: id(1), title: 'Gone trip' }, 2);
    const other = refusedOf('trips', { id: id(4), clientId: id(2), title: 'Stays' }, 3);
    parked.park([erasedClient, erasedTrip, other]);
    parked.forgetClient(id(1));
    expect(parked.list()).toEqual([other]);
  });
});
