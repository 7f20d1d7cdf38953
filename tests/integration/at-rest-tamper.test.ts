import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey, type SymmetricKey } from '../../shared/crypto/index';
import { newClient, type Client } from '../../shared/index';
import { openLocalStore, type LocalStore } from '../../renderer/src/store/local-store';
import { Quarantine } from '../../renderer/src/store/quarantine';
import { RetryGate } from '../../renderer/src/sync/backoff';
import type { LiveEvent } from '../../renderer/src/sync/live-stream';
import { replicateCollection, type CollectionReplication } from '../../renderer/src/sync/replication';
import { openSyncWorld, type SyncWorld } from '../support/sync-devices';

/**
 * Issue 22, findings 9 and 10b, through the real server: a device's store is tampered with on disk while the app
 * is closed (a row rolled back to an older genuine envelope, or made unreadable). When the app opens again the
 * row is set aside and reported, nothing tampered reaches the server, and everything else keeps syncing.
 */

type Row = Record<string, unknown>;

let world: SyncWorld | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  await world?.close();
  world = undefined;
});

let counter = 0;
const nextId = () => `00000000-0000-4000-a000-${(++counter).toString(16).padStart(12, '0')}`;

/** The app on one device: its store (memory storage, kept across restarts like IndexedDB) and its replication. */
class App {
  readonly events$ = new Subject<LiveEvent>();
  quarantine = new Quarantine();
  store!: LocalStore;
  private replication: CollectionReplication<Client> | undefined;
  private readonly memory = getRxStorageMemory();
  private readonly key: SymmetricKey;
  readonly name = `tamper-${Date.now()}-${++counter}`;
  private storedSchema: unknown;

  constructor(
    private readonly world: SyncWorld,
    private readonly headers: { authorization: string },
    sodium: Awaited<ReturnType<typeof loadSodium>>,
  ) {
    this.key = newDataKey(sodium);
    this.sodium = sodium;
  }
  private readonly sodium: Awaited<ReturnType<typeof loadSodium>>;

  async start(): Promise<void> {
    this.quarantine = new Quarantine();
    const capturing = {
      ...this.memory,
      createStorageInstance: async (params: { collectionName: string; schema: unknown }) => {
        if (params.collectionName === 'clients') this.storedSchema = params.schema;
        return this.memory.createStorageInstance(params as never);
      },
    } as typeof this.memory;
    this.store = await openLocalStore(
      this.sodium,
      { vaultKey: () => this.key },
      this.name,
      capturing,
      ['clients'],
      this.quarantine,
    );
    this.replication = replicateCollection({
      name: 'clients',
      collection: this.store.clients,
      serverUrl: this.world.serverUrl,
      events$: this.events$,
      headers: () => this.headers,
      retryGate: new RetryGate({ baseMs: 20, maxMs: 200 }),
      waitForLeadership: false,
    });
  }

  async sync(): Promise<void> {
    this.replication!.state.reSync();
    await this.replication!.state.awaitInSync();
  }

  async stop(): Promise<void> {
    await this.replication?.cancel();
    this.replication = undefined;
    await this.store.close();
  }

  /** With the app stopped: changes one row on disk as an attacker (or a bug) could. */
  async tamper(id: string, change: (row: Row) => Row): Promise<void> {
    const raw = await this.memory.createStorageInstance<Row>({
      databaseInstanceToken: 'attacker',
      databaseName: this.name,
      collectionName: 'clients',
      schema: this.storedSchema,
      options: {},
      multiInstance: false,
      devMode: false,
    } as never);
    const [row] = await raw.findDocumentsById([id], true);
    const result = await raw.bulkWrite(
      [{ previous: row as never, document: change({ ...row! }) as never }],
      'attacker',
    );
    expect(result.error).toEqual([]);
    await raw.close();
  }

  async rawRow(id: string): Promise<Row> {
    const inner = (
      this.store.clients.storageInstance as unknown as {
        originalStorageInstance: {
          originalStorageInstance: { findDocumentsById(ids: string[], d: boolean): Promise<Row[]> };
        };
      }
    ).originalStorageInstance.originalStorageInstance;
    const [row] = await inner.findDocumentsById([id], true);
    return { ...row! };
  }

  async names(): Promise<string[]> {
    return (await this.store.clients.find().exec()).map((doc) => doc.names.latin).sort();
  }

  async close(): Promise<void> {
    await this.replication?.cancel();
    await this.store.remove();
  }
}

async function serverNames(w: SyncWorld): Promise<string[]> {
  return (await w.serverDocuments()).map((doc) => doc.names.latin).sort();
}

describe('a device whose store was tampered with on disk', () => {
  it('does not push a row rolled back to an older genuine envelope, and says so', async () => {
    world = await openSyncWorld(1);
    const [other] = world.devices;
    app = new App(world, (await world.newSession()).headers, await loadSodium());
    await app.start();
    const id = nextId();
    await app.store.clients.insert(newClient(id, { latin: 'Old name' }, Date.now()));
    await app.sync();
    const oldRow = await app.rawRow(id);
    await (await app.store.clients.findOne(id).exec())!.incrementalPatch({
      names: { latin: 'New name' },
      updatedAt: Date.now() + 1,
    });
    await app.sync();
    expect(await serverNames(world)).toEqual(['New name']);

    await app.stop();
    await app.tamper(id, () => ({ ...oldRow, _meta: { lwt: Date.now() + 10 } }));
    await app.start();
    await other!.store.clients.insert(newClient(nextId(), { latin: 'Added elsewhere' }, Date.now()));
    await other!.sync();
    await app.sync();

    expect(await serverNames(world)).toEqual(['Added elsewhere', 'New name']);
    expect(app.quarantine.list()).toEqual([{ collection: 'clients', id, reason: 'rolled-back' }]);
    expect(await app.names()).toEqual(['Added elsewhere']);
  }, 60_000);

  it('keeps loading and syncing everything else when one row cannot be opened', async () => {
    world = await openSyncWorld(1);
    const [other] = world.devices;
    app = new App(world, (await world.newSession()).headers, await loadSodium());
    await app.start();
    const [bad, good] = [nextId(), nextId()];
    await app.store.clients.bulkInsert([
      newClient(bad, { latin: 'Unreadable' }, Date.now()),
      newClient(good, { latin: 'Fine' }, Date.now()),
    ]);
    await app.sync();
    await other!.sync();

    await app.stop();
    // The revision is kept: only the envelope is damaged (a disk error, a bug).
    await app.tamper(bad, (row) => {
      const sealed = String(row._sealed);
      const at = sealed.length - 5;
      return {
        ...row,
        _sealed: sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1),
      };
    });
    await app.start();
    expect(await app.names()).toEqual(['Fine']);
    expect(app.quarantine.list()).toEqual([{ collection: 'clients', id: bad, reason: 'unreadable' }]);

    // Changes from elsewhere, to the unreadable client too, keep arriving; the device's own edits keep leaving.
    for (const doc of await other!.store.clients.find().exec()) {
      await doc.incrementalPatch({ status: 'active', updatedAt: Date.now() + 5 });
    }
    await other!.store.clients.insert(newClient(nextId(), { latin: 'Added elsewhere' }, Date.now()));
    await other!.sync();
    await app.sync();
    await (await app.store.clients.findOne(good).exec())!.incrementalPatch({
      names: { latin: 'Fine, edited' },
      updatedAt: Date.now() + 10,
    });
    await app.sync();
    expect(await app.names()).toEqual(['Added elsewhere', 'Fine, edited']);
    expect(await serverNames(world)).toEqual(['Added elsewhere', 'Fine, edited', 'Unreadable']);
    const onServer = new Map((await world.serverDocuments()).map((doc) => [doc.id, doc]));
    expect(onServer.get(bad)!.status).toBe('active');
  }, 60_000);
});
