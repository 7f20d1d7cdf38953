import { afterEach, describe, expect, it } from 'vitest';
import { newClient } from '../../shared/index';
import { openSyncWorld, type SyncDevice, type SyncWorld } from '../support/sync-devices';

/**
 * Issue 22, finding 5, on the device: a document whose id is not a strict UUID (from before the server enforced
 * them) is refused by the server with the whole push it is in. It must not block the rest of its collection: it
 * stays on the device, readable, is never pushed, and the person is told (renderer/src/sync/strict-ids.ts).
 */

const LOOSE = 'a'.repeat(36);
const STRICT = '00000000-0000-4000-8000-00000000beef';

let world: SyncWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function until(check: () => Promise<boolean>, ms = 8_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('a document with a non-UUID id on a device', () => {
  it('is kept and reported, never pushed, and the rest of the collection still syncs', async () => {
    world = await openSyncWorld(1);
    const [device] = world.devices as [SyncDevice];
    device.goOffline();
    await device.store.clients.bulkInsert([
      newClient(LOOSE, { latin: 'Older id' }, 1),
      newClient(STRICT, { latin: 'New id' }, 1),
    ]);
    device.goOnline();

    const served = () => world!.serverDocuments().then((docs) => docs.map((doc) => doc.id));
    expect(await until(async () => (await served()).length > 0)).toBe(true);
    await device.sync();
    expect(await served()).toEqual([STRICT]);
    expect(device.quarantine.list()).toEqual([{ collection: 'clients', id: LOOSE, reason: 'invalid-id' }]);
    expect((await device.documents()).map((doc) => doc.id).sort()).toEqual([STRICT, LOOSE].sort());

    // Edited again, it is still not sent, and does not hold back what follows.
    await (await device.store.clients.findOne(LOOSE).exec())!.incrementalPatch({ updatedAt: 2 });
    await (await device.store.clients.findOne(STRICT).exec())!.incrementalPatch({
      names: { latin: 'New id, renamed' },
      updatedAt: 2,
    });
    await device.sync();
    expect((await world.serverDocuments()).map((doc) => doc.names.latin)).toEqual(['New id, renamed']);
  });
});
