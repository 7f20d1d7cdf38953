import { getMemoryCollectionKey, getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { newClient, type Client } from '../../shared/index';
import { openSyncWorld, type SyncDevice, type SyncWorld } from '../support/sync-devices';

/**
 * Issue 22, finding 9, while the app runs: a row of the local store rolled back to an older genuine envelope, or
 * deleted, on disk during the session. Nothing tampered may reach the server, and the person is told (the
 * quarantine, which the sync status counts).
 */

const ID = '00000000-0000-4000-9000-00000000c0de';

let world: SyncWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The rows of a device's clients collection as RxDB's memory storage holds them: its "disk". */
function disk(device: SyncDevice): Map<string, Record<string, unknown>> {
  const states = (getRxStorageMemory() as unknown as { collectionStates: Map<string, unknown> })
    .collectionStates;
  const version = device.store.clients.schema.version;
  const state = states.get(getMemoryCollectionKey(device.name, 'clients', version)) as {
    documents: Map<string, Record<string, unknown>>;
  };
  return state.documents;
}

async function serverName(): Promise<string | undefined> {
  return (await world!.serverDocuments()).find((doc) => doc.id === ID)?.names.latin;
}

/** A client synced as "One", then renamed "Two" and synced; returns the row as it was at "One". */
async function renamedClient(device: SyncDevice): Promise<Record<string, unknown>> {
  await device.store.clients.insert(newClient(ID, { latin: 'One' }, 1));
  await world!.settle();
  const atOne = { ...disk(device).get(ID)! };
  await (await device.store.clients.findOne(ID).exec())!.incrementalPatch({
    names: { latin: 'Two' },
    updatedAt: 2,
  } as Partial<Client>);
  await world!.settle();
  expect(await serverName()).toBe('Two');
  return atOne;
}

describe('rows tampered with on disk while the session is open', () => {
  it('a row rolled back on disk is not pushed when the person edits it next: it is quarantined', async () => {
    world = await openSyncWorld(2);
    const [device, other] = world.devices as [SyncDevice, SyncDevice];
    const atOne = await renamedClient(device);

    disk(device).set(ID, { ...atOne });
    // The person edits the client they see: RxDB meets the rolled-back row and would carry its values on.
    const doc = (await device.store.clients.findOne(ID).exec())!;
    await doc
      .incrementalPatch({ status: 'archived', updatedAt: 3 } as Partial<Client>)
      .catch(() => undefined);
    await device.sync();
    await other.sync();

    expect(await serverName()).toBe('Two');
    expect((await other.documents()).map((client) => client.names.latin)).toEqual(['Two']);
    expect(device.quarantine.list()).toEqual([{ collection: 'clients', id: ID, reason: 'rolled-back' }]);
  });

  it('a local edit whose row is rolled back before it is pushed is not pushed', async () => {
    world = await openSyncWorld(1);
    const [device] = world.devices as [SyncDevice];
    const atOne = await renamedClient(device);

    device.goOffline();
    const failed = firstValueFrom(device.replication.state.error$);
    await (await device.store.clients.findOne(ID).exec())!.incrementalPatch({
      status: 'archived',
      updatedAt: 3,
    } as Partial<Client>);
    await failed; // the push was tried offline: the edit waits to be pushed
    disk(device).set(ID, { ...atOne, _meta: { lwt: Date.now() + 10 } });
    device.goOnline();
    await device.sync();

    expect((await world.serverDocuments()).map((client) => [client.names.latin, client.status])).toEqual([
      ['Two', 'prospect'],
    ]);
    expect(device.quarantine.list()).toEqual([{ collection: 'clients', id: ID, reason: 'rolled-back' }]);
  });

  it('a row deleted on disk before its edit is pushed is left out of the push and reported', async () => {
    world = await openSyncWorld(1);
    const [device] = world.devices as [SyncDevice];
    await renamedClient(device);

    device.goOffline();
    const failed = firstValueFrom(device.replication.state.error$);
    await (await device.store.clients.findOne(ID).exec())!.incrementalPatch({
      names: { latin: 'Three' },
      updatedAt: 3,
    } as Partial<Client>);
    await failed; // the push was tried offline: the edit waits to be pushed
    disk(device).delete(ID);
    device.goOnline();
    await device.sync();

    expect(await serverName()).toBe('Two');
    expect(device.quarantine.list()).toEqual([{ collection: 'clients', id: ID, reason: 'missing' }]);
  });
});
