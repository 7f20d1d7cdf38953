import { afterEach, describe, expect, it } from 'vitest';
import { newClient, type Client, type Trip } from '../../shared/index';
import { loadSodium } from '../../shared/crypto/index';
import { openSyncWorld, SyncDevice, type SyncWorld } from '../support/sync-devices';

/**
 * A concierge's device holds the clients assigned to them, and follows assignment changes made elsewhere without
 * a reset: an unassigned client disappears from it (its content is not sent again), a re-assigned one comes back.
 */
describe("a concierge's device follows the clients assigned to them", () => {
  let world: SyncWorld | undefined;
  let concierge: SyncDevice | undefined;
  let extra: SyncDevice[] = [];
  afterEach(async () => {
    await concierge?.close();
    for (const device of extra) await device.close();
    await world?.close();
    concierge = world = undefined;
    extra = [];
  });

  const tripOf = (client: Client, title: string): Trip => ({
    id: crypto.randomUUID(),
    clientId: client.id,
    assignedStaffIds: [...client.assignedStaffIds],
    title,
    startDate: '2026-04-01',
    endDate: '2026-04-08',
    timeZone: 'Asia/Tokyo',
    items: [],
    createdAt: 1,
    updatedAt: 1,
  });

  /** A device of a new staff member of `role` that replicates clients and trips. */
  async function deviceWithTrips(name: string, role: 'concierge' | 'coordinator') {
    const session = await world!.newSession(role);
    const device = await SyncDevice.open(
      `${name}-${Date.now()}`,
      await loadSodium(),
      world!.serverUrl,
      session.headers,
      { withTrips: true },
    );
    extra.push(device);
    return { device, staffId: session.staffId };
  }

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

  it("gains and loses a client's trip along with the client", async () => {
    world = await openSyncWorld(0);
    const { device: office } = await deviceWithTrips('office', 'coordinator');
    const { device: theConcierge, staffId } = await deviceWithTrips('concierge', 'concierge');
    const guest = newClient(crypto.randomUUID(), { latin: 'Travelling Guest' }, 1, []);
    const trip = tripOf(guest, 'Spring in Kyoto');
    await office.store.clients.insert(guest);
    await office.store.trips.insert(trip);
    await office.sync();
    await theConcierge.sync();
    expect(await theConcierge.trips()).toEqual([]);

    // Only the client is re-assigned, on the office's device: the trip follows it on the server.
    await (await office.store.clients.findOne(guest.id).exec())!.incrementalPatch({
      assignedStaffIds: [staffId],
      updatedAt: 2,
    });
    await office.sync();
    await theConcierge.sync();
    expect((await theConcierge.documents()).map((c) => c.id)).toEqual([guest.id]);
    expect((await theConcierge.trips()).map((t) => [t.id, t.title, t.assignedStaffIds])).toEqual([
      [trip.id, 'Spring in Kyoto', [staffId]],
    ]);

    // Taken off the client: the trip goes too, and its content is not sent to that device again.
    await office.sync();
    await (await office.store.clients.findOne(guest.id).exec())!.incrementalPatch({
      assignedStaffIds: [],
      updatedAt: 3,
    });
    await office.sync();
    await theConcierge.sync();
    expect(await theConcierge.trips()).toEqual([]);
    const raw = await theConcierge.store.trips.storageInstance.findDocumentsById([trip.id], true);
    expect(raw).toHaveLength(1);
    expect(raw[0]!._deleted).toBe(true);
    expect(JSON.stringify(raw)).not.toContain('Spring in Kyoto');
  });

  it("keeps a device's unpushed edit of a trip that the server re-assigned meanwhile", async () => {
    world = await openSyncWorld(0);
    const { device: editing } = await deviceWithTrips('editing', 'coordinator');
    const { device: office } = await deviceWithTrips('office', 'coordinator');
    const { staffId } = await world.newSession('concierge');
    const guest = newClient(crypto.randomUUID(), { latin: 'Travelling Guest' }, 1, []);
    const trip = tripOf(guest, 'Spring in Kyoto');
    await editing.store.clients.insert(guest);
    await editing.store.trips.insert(trip);
    await editing.sync();
    await office.sync();

    // Offline, the editing device renames the trip; meanwhile the office assigns the client to a concierge.
    editing.goOffline();
    await (await editing.store.trips.findOne(trip.id).exec())!.incrementalPatch({
      title: 'Autumn in Kyoto',
      updatedAt: 5,
    });
    await (await office.store.clients.findOne(guest.id).exec())!.incrementalPatch({
      assignedStaffIds: [staffId],
      updatedAt: 2,
    });
    await office.sync();
    const rewritten = await world.db.query<{ data: Trip }>(
      "SELECT data FROM sync_documents WHERE collection = 'trips' AND id = $1",
      [trip.id],
    );
    expect(rewritten[0]!.data).toMatchObject({
      title: 'Spring in Kyoto',
      assignedStaffIds: [staffId],
      updatedAt: 1,
    });

    editing.goOnline();
    await editing.sync();
    await editing.sync();
    const [held] = await editing.trips();
    expect(held).toMatchObject({ title: 'Autumn in Kyoto', assignedStaffIds: [staffId], updatedAt: 5 });
    expect(held!.conflicts).toBeUndefined();
    const [onServer] = await world.db.query<{ data: Trip }>(
      "SELECT data FROM sync_documents WHERE collection = 'trips' AND id = $1",
      [trip.id],
    );
    expect(onServer!.data).toMatchObject({
      title: 'Autumn in Kyoto',
      assignedStaffIds: [staffId],
      updatedAt: 5,
    });
    await office.sync();
    expect((await office.trips()).map((t) => [t.title, t.assignedStaffIds])).toEqual([
      ['Autumn in Kyoto', [staffId]],
    ]);
  });
});
