import { afterEach, describe, expect, it } from 'vitest';
import { newClient, type Client } from '../../shared/index';
import { loadSodium } from '../../shared/crypto/index';
import { openSyncWorld, SyncDevice, type SyncWorld } from '../support/sync-devices';

/**
 * A concierge's device holds the clients assigned to them, and follows assignment changes made elsewhere without
 * a reset: an unassigned client disappears from it (its content is not sent again), a re-assigned one comes back.
 */
describe("a concierge's device follows the clients assigned to them", () => {
  let world: SyncWorld | undefined;
  let concierge: SyncDevice | undefined;
  afterEach(async () => {
    await concierge?.close();
    await world?.close();
    concierge = world = undefined;
  });

  it('gains a client when assigned, loses it when unassigned, and gains it back', async () => {
    world = await openSyncWorld(1);
    const office = world.devices[0]!;
    const session = await world.newSession('concierge');
    concierge = await SyncDevice.open(
      `concierge-${Date.now()}`,
      await loadSodium(),
      world.serverUrl,
      session.headers,
    );
    const ids = (device: SyncDevice) => device.documents().then((docs) => docs.map((doc) => doc.id));

    const theirs = newClient(crypto.randomUUID(), { latin: 'Assigned Guest' }, 1, [session.staffId]);
    const other = newClient(crypto.randomUUID(), { latin: 'Somebody Else' }, 1, []);
    await office.store.clients.bulkInsert([theirs, other]);
    await office.sync();
    await concierge.sync();
    expect(await ids(concierge)).toEqual([theirs.id]);

    // The office takes the client off the concierge and renames it: the concierge's copy goes, the new name
    // never reaches that device.
    const doc = await office.store.clients.findOne(theirs.id).exec();
    await doc!.incrementalPatch({
      assignedStaffIds: [],
      names: { latin: 'Renamed After Unassignment' },
      updatedAt: 2,
    });
    await office.sync();
    const pulledBefore = concierge.requests.pull;
    await concierge.sync();
    expect(concierge.requests.pull).toBeGreaterThan(pulledBefore);
    expect(await ids(concierge)).toEqual([]);
    const raw = await concierge.store.clients.storageInstance.findDocumentsById([theirs.id], true);
    expect(raw).toHaveLength(1);
    expect(raw[0]!._deleted).toBe(true);
    expect(JSON.stringify(raw)).not.toContain('Renamed After Unassignment');

    // Assigned again: the current document arrives.
    const again = await office.store.clients.findOne(theirs.id).exec();
    await again!.incrementalPatch({ assignedStaffIds: [session.staffId], updatedAt: 3 });
    await office.sync();
    await concierge.sync();
    const held = (await concierge.documents()) as Client[];
    expect(held.map((c) => [c.id, c.names.latin])).toEqual([[theirs.id, 'Renamed After Unassignment']]);
  });
});
