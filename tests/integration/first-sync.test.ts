import { getChangedDocumentsSince } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { conflictAt, newClient, type Client } from '../../shared/index';
import { clientsConflictHandler } from '../../renderer/src/store/local-store';
import { countPendingChanges } from '../../renderer/src/sync/pending-changes';
import { loadSodium } from '../../shared/crypto/index';
import { openSyncWorld, SyncDevice, type SyncWorld } from '../support/sync-devices';

/**
 * A device's first sync of a collection writes the documents without RxDB's per-document meta rows
 * (renderer/src/sync/first-sync.ts). These tests hold it to what RxDB's own replication guarantees: the device ends
 * with the server's state, pushes nothing it merely pulled, takes later server changes, and merges its own edits
 * against the right base, so an edit of another field is not mistaken for a conflict.
 */

let world: SyncWorld | undefined;
let counter = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
let clock = Date.parse('2026-11-25T00:00:00Z');
const tick = () => ++clock;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A server holding `count` clients written by one device, and a second, empty device of a coordinator. */
async function worldWithClients(count: number) {
  world = await openSyncWorld(1);
  const [writer] = world.devices as [SyncDevice];
  await writer.store.clients.bulkInsert(
    Array.from({ length: count }, (_, n) => newClient(nextId(), { latin: `Client ${n}` }, tick())),
  );
  await world.settle();
  const fresh = await SyncDevice.open(
    `fresh-${Date.now()}`,
    await loadSodium(),
    world.serverUrl,
    (await world.newSession()).headers,
  );
  world.devices.push(fresh);
  return { world, writer, fresh };
}

/** The documents the device's replication holds a meta row (an assumed server state) for. */
async function metaRowsOf(device: SyncDevice): Promise<string[]> {
  const meta = device.replication.state.metaInstance!;
  const { documents } = await getChangedDocumentsSince(meta, 10_000);
  return documents.filter((row) => row.isCheckpoint === '0').map((row) => row.itemId);
}

async function edit(device: SyncDevice, id: string, change: (doc: Client) => Client) {
  const doc = await device.store.clients.findOne(id).exec();
  await doc!.incrementalModify((data) => change(data as Client));
}

describe('first sync in bulk', () => {
  it('writes all but the last page without meta rows, and pushes nothing back', async () => {
    const { world, fresh } = await worldWithClients(250);
    await world.settle();

    expect(await fresh.documents()).toEqual(await world.serverDocuments());
    // Pages of 100: the first two were written in bulk, the last (50) by RxDB with their meta rows.
    const meta = await metaRowsOf(fresh);
    expect(meta.length).toBe(50);
    expect(fresh.requests.push).toBe(0);

    // Restarted, the replication goes on from its checkpoint: nothing pulled again, nothing pushed.
    await fresh.stop();
    const pulled = fresh.pullRemaining.length;
    fresh.start();
    await fresh.sync();
    expect(fresh.requests.push).toBe(0);
    expect(fresh.pullRemaining.slice(pulled)).toEqual([0]);
    expect(await fresh.documents()).toEqual(await world.serverDocuments());

    // Nothing waits to be sent until the device changes something; then exactly that.
    const pending = () => countPendingChanges(fresh.replication.state, clientsConflictHandler);
    expect(await pending()).toBe(0);
    fresh.goOffline();
    const [first] = await world.serverDocuments();
    await edit(fresh, first!.id, (doc) => ({ ...doc, status: 'archived', updatedAt: tick() }));
    expect(await pending()).toBe(1);
    fresh.goOnline();
    await world.settle();
    expect(await pending()).toBe(0);
  });

  it('takes later server changes of documents it wrote without meta rows', async () => {
    const { world, writer, fresh } = await worldWithClients(150);
    await world.settle();
    const [first] = await world.serverDocuments();
    expect(await metaRowsOf(fresh)).not.toContain(first!.id);

    await edit(writer, first!.id, (doc) => ({ ...doc, status: 'active', updatedAt: tick() }));
    await world.settle();
    const held = (await fresh.documents()).find((doc) => doc.id === first!.id);
    expect(held!.status).toBe('active');
    expect(fresh.requests.push).toBe(0);
  });

  it('merges its edit of one field with another device’s edit of another field, without a conflict', async () => {
    const { world, writer, fresh } = await worldWithClients(150);
    await world.settle();
    const [first] = await world.serverDocuments();
    expect(await metaRowsOf(fresh)).not.toContain(first!.id);

    await edit(writer, first!.id, (doc) => ({ ...doc, status: 'active', updatedAt: tick() }));
    await writer.sync();
    // The fresh device has not pulled that yet: its edit goes out against the state it was first given.
    await edit(fresh, first!.id, (doc) => ({
      ...doc,
      names: { ...doc.names, latin: 'Amelia Hartley' },
      updatedAt: tick(),
    }));
    expect(await metaRowsOf(fresh)).toContain(first!.id);
    await world.settle();

    for (const device of [writer, fresh]) {
      const doc = (await device.documents()).find((d) => d.id === first!.id)!;
      expect(doc.names.latin).toBe('Amelia Hartley');
      expect(doc.status).toBe('active');
      expect(doc.conflicts).toBeUndefined();
    }
  });

  it('still keeps both values when both devices change the same field', async () => {
    const { world, writer, fresh } = await worldWithClients(150);
    await world.settle();
    const [first] = await world.serverDocuments();

    await edit(writer, first!.id, (doc) => ({
      ...doc,
      names: { latin: 'From the office' },
      updatedAt: tick(),
    }));
    await writer.sync();
    await edit(fresh, first!.id, (doc) => ({
      ...doc,
      names: { latin: 'From the field' },
      updatedAt: tick(),
    }));
    await world.settle();

    for (const device of [writer, fresh]) {
      const doc = (await device.documents()).find((d) => d.id === first!.id)!;
      expect(
        conflictAt(doc, ['names', 'latin'])!
          .values.map((v) => v.value)
          .sort(),
      ).toEqual(['From the field', 'From the office']);
    }
  });

  it('a first sync broken off halfway is finished by the ordinary replication, nothing lost or pushed', async () => {
    const { world, fresh } = await worldWithClients(350);
    // The third page fails once: two pages are in the store without meta rows nor a checkpoint.
    fresh.failingPulls.add(3);
    await world.settle();

    expect(await fresh.documents()).toEqual(await world.serverDocuments());
    expect(fresh.requests.push).toBe(0);
  });

  it('a resync announced during the first sync pushes nothing back', async () => {
    const { world, fresh } = await worldWithClients(350);
    // The live stream reconnects while the pages are being written: RxDB's upstream reads the store again.
    fresh.onPull = (pull) => {
      if (pull === 2 || pull === 3) fresh.events$.next('reconnected');
    };
    await world.settle();

    expect(await fresh.documents()).toEqual(await world.serverDocuments());
    expect(fresh.requests.push).toBe(0);
    const pending = () => countPendingChanges(fresh.replication.state, clientsConflictHandler);
    expect(await pending()).toBe(0);
  });

  it('a first sync stopped halfway and started again pushes nothing back and loses nothing', async () => {
    const { world, fresh } = await worldWithClients(350);
    const stopped = new Promise<void>((resolve) => {
      fresh.onPull = (pull) => {
        if (pull === 3) resolve(fresh.stop());
      };
    });
    await stopped;
    fresh.onPull = undefined;
    // Cut off while writing: some documents are in, without meta rows, and no checkpoint is stored.
    const held = (await fresh.documents()).length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(350);
    fresh.start();
    await world.settle();

    expect(await fresh.documents()).toEqual(await world.serverDocuments());
    expect(fresh.requests.push).toBe(0);
  });

  it('a page RxDB wrote itself, cut off before its meta rows, is not pushed back as the device’s own', async () => {
    // One page: RxDB's downstream inserts it, then writes the meta rows; the device locks (or the app closes)
    // in between. Nothing marks those documents as the server's then but what the downstream wrote on them.
    world = await openSyncWorld(1);
    const [writer] = world.devices as [SyncDevice];
    await writer.store.clients.bulkInsert(
      Array.from({ length: 40 }, (_, n) => newClient(nextId(), { latin: `Client ${n}` }, tick())),
    );
    await world.settle();
    const fresh = await SyncDevice.open(
      `cut-${Date.now()}`,
      await loadSodium(),
      world.serverUrl,
      (await world.newSession()).headers,
      { start: false },
    );
    world.devices.push(fresh);
    const cut = cutAfterDownstreamWrite(fresh);
    fresh.start();
    await cut.stopped();
    expect((await fresh.documents()).length).toBe(40);
    fresh.start();
    await world.settle();

    expect(await fresh.documents()).toEqual(await world.serverDocuments());
    expect(fresh.requests.push).toBe(0);
    const pending = () => countPendingChanges(fresh.replication.state, clientsConflictHandler);
    expect(await pending()).toBe(0);
  });

  it('a newer server state RxDB stored, cut off before its meta row, is not pushed back as the device’s edit', async () => {
    // The downstream writes the newer state, then its meta row; the device locks in between. The meta row still
    // holds the older state, so RxDB takes the newer one for a local edit of it.
    const { world, writer, fresh } = await worldWithClients(40);
    await world.settle();
    const [first] = await world.serverDocuments();
    const cut = cutAfterDownstreamWrite(fresh);
    await edit(writer, first!.id, (doc) => ({ ...doc, status: 'archived', updatedAt: tick() }));
    await writer.sync();
    fresh.events$.next('reconnected');
    await cut.stopped();
    expect((await fresh.documents()).find((doc) => doc.id === first!.id)?.status).toBe('archived');
    const pushes = fresh.requests.push;
    fresh.start();
    await world.settle();

    expect(fresh.requests.push).toBe(pushes);
    expect(await fresh.documents()).toEqual(await world.serverDocuments());
    const pending = () => countPendingChanges(fresh.replication.state, clientsConflictHandler);
    expect(await pending()).toBe(0);
  });

  it('a store that already holds documents syncs the ordinary way', async () => {
    world = await openSyncWorld(1);
    const [writer] = world.devices as [SyncDevice];
    await writer.store.clients.bulkInsert(
      Array.from({ length: 150 }, (_, n) => newClient(nextId(), { latin: `Client ${n}` }, tick())),
    );
    await world.settle();
    const fresh = await SyncDevice.open(
      `offline-first-${Date.now()}`,
      await loadSodium(),
      world.serverUrl,
      (await world.newSession()).headers,
      { start: false },
    );
    world.devices.push(fresh);
    await fresh.store.clients.insert(newClient(nextId(), { latin: 'Written before any sync' }, tick()));
    fresh.start();
    await world.settle();

    expect(await fresh.documents()).toEqual(await world.serverDocuments());
    expect(await world.serverDocuments()).toHaveLength(151);
    // RxDB's own downstream wrote every pulled document with its meta row, and the upstream its own one.
    expect((await metaRowsOf(fresh)).length).toBe(151);
  });
});

/**
 * The device goes away as soon as the downstream's next write of its clients has landed, as when it locks or the
 * app closes: its replication stops then, and the meta rows written after are lost with it (never stored).
 */
function cutAfterDownstreamWrite(device: SyncDevice) {
  let gone = false;
  let stopped: Promise<void> | undefined;
  const fork = device.store.clients.storageInstance;
  const forkWrite = fork.bulkWrite.bind(fork);
  fork.bulkWrite = async (rows, context) => {
    if (gone || !context.startsWith('replication-downstream')) return forkWrite(rows, context);
    gone = true;
    const result = await forkWrite(rows, context);
    stopped = device.stop();
    return result;
  };
  const loseMetaWrites = () => {
    const meta = device.replication.state.metaInstance!;
    const write = meta.bulkWrite.bind(meta);
    meta.bulkWrite = async (rows, context) => (gone ? { error: [] } : write(rows, context));
  };
  // A device not started yet has its meta instance from its first pull on.
  if (device.replication?.state.metaInstance) loseMetaWrites();
  else
    device.onPull = () => {
      device.onPull = undefined;
      loseMetaWrites();
    };
  return {
    async stopped() {
      await expect.poll(() => stopped !== undefined, { timeout: 10_000 }).toBe(true);
      await stopped;
      fork.bulkWrite = forkWrite;
    },
  };
}
