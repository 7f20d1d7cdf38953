import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSodium, RECOVERY_RECIPIENT_ID, type Sodium } from '../../../../shared/crypto/index';
import type { Client } from '../../../../shared/domain/client';
import { newClient } from '../../../../shared/domain/client-record';
import { collectionRegistry } from '../../../../shared/sync/registry';
import {
  medicalContent as content,
  openMedicalWorld,
  type World,
} from '../../../../tests/support/medical-world';
import type { MedicalClient, MedicalContext } from './context';
import { grantMedicalAccess } from './grants';
import { readClientMedical } from './records';
import { rotateRevokedAccess } from './rotation';
import { unsealMedical } from './unseal';

let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

let db: RxDatabase;
let world: World;
let client: MedicalClient;
beforeEach(async () => {
  ({ db, world, client } = await openMedicalWorld(sodium));
});
afterEach(async () => {
  await db.remove();
});

const consentAndWrite = (as?: MedicalContext, clientId?: string) =>
  world.consentAndWrite(client, as, clientId);

const uuid = () => globalThis.crypto.randomUUID();

describe('the rotation job', () => {
  it("rotates a client whose holder's staff member was revoked, and leaves the others alone", async () => {
    const other = uuid();
    const affected = await consentAndWrite(world.as('chika'), client.id);
    const untouched = await consentAndWrite(world.as('chika'), other);
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.aiko);
    await grantMedicalAccess(world.as('chika'), other, world.staff.aiko);

    // Nothing revoked yet: nothing to do.
    expect(await rotateRevokedAccess(world.as('chika'))).toEqual({
      rotated: [],
      wrapsRemoved: [],
      failed: [],
    });

    world.entryOf(world.staff.ben).status = 'revoked';
    // A concierge's device never rotates.
    expect(await rotateRevokedAccess(world.as('aiko'))).toEqual({
      rotated: [],
      wrapsRemoved: [],
      failed: [],
    });
    expect((await readClientMedical(world.collections, client.id)).section!.keyId).toBe(affected.keyId);

    expect(await rotateRevokedAccess(world.as('chika'))).toEqual({
      rotated: [client.id],
      wrapsRemoved: [],
      failed: [],
    });
    const rotated = await readClientMedical(world.collections, client.id);
    expect(rotated.section!.keyId).not.toBe(affected.keyId);
    expect(rotated.wraps.map((w) => w.recipientId).sort()).toEqual(
      [world.devices.chika.listing.id, world.devices.aiko.listing.id, RECOVERY_RECIPIENT_ID].sort(),
    );
    const kept = await readClientMedical(world.collections, other);
    expect(kept.section).toEqual(untouched);
    expect(kept.wraps).toHaveLength(3);

    // Done once: a second run finds nothing left.
    expect(await rotateRevokedAccess(world.as('chika'))).toEqual({
      rotated: [],
      wrapsRemoved: [],
      failed: [],
    });
    const opened = await unsealMedical(world.as('aiko'), client.id);
    expect(opened.status === 'open' && opened.content).toEqual(content);
  });

  it('rotates out a single revoked device while its owner keeps access on their other device', async () => {
    await consentAndWrite();
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    world.devices.ben2.listing.status = 'revoked';
    expect(await rotateRevokedAccess(world.as('chika'))).toEqual({
      rotated: [client.id],
      wrapsRemoved: [],
      failed: [],
    });
    expect(await unsealMedical(world.as('ben2'), client.id)).toEqual({ status: 'no-access' });
    const opened = await unsealMedical(world.as('ben1'), client.id);
    expect(opened.status === 'open' && opened.content).toEqual(content);
  });

  it('does not rotate a client whose key this device does not hold', async () => {
    const section = await consentAndWrite(world.as('dan'));
    await grantMedicalAccess(world.as('dan'), client.id, world.staff.ben);
    world.entryOf(world.staff.ben).status = 'revoked';
    expect(await rotateRevokedAccess(world.as('chika'))).toEqual({
      rotated: [],
      wrapsRemoved: [],
      failed: [],
    });
    expect((await readClientMedical(world.collections, client.id)).section!.keyId).toBe(section.keyId);
  });

  it('leaves alone a client erased here (its document deleted or gone) and rotates the others', async () => {
    // The session's store has the clients: a client's tombstone may arrive before those of its key wraps.
    await db.addCollections({
      clients: {
        schema: collectionRegistry.clients.schema as unknown as RxJsonSchema<Client>,
        migrationStrategies: collectionRegistry.clients.migrations,
      },
    });
    const clients = db.collections.clients as RxCollection<Client>;
    const erased = client.id;
    const [kept, absent] = [uuid(), uuid()];
    for (const id of [erased, kept, absent]) {
      await consentAndWrite(world.as('chika'), id);
      await grantMedicalAccess(world.as('chika'), id, world.staff.ben);
    }
    await clients.bulkInsert([erased, kept].map((id) => newClient(id, { latin: 'Client' }, 1)));
    await (await clients.findOne(erased).exec())!.remove();
    const before = await Promise.all([erased, absent].map((id) => readClientMedical(world.collections, id)));
    world.entryOf(world.staff.ben).status = 'revoked';

    expect(await rotateRevokedAccess(world.as('chika'))).toEqual({
      rotated: [kept],
      wrapsRemoved: [],
      failed: [],
    });
    // Nothing written for the erased client nor for the one not here: its section and wraps are as they were.
    expect(await Promise.all([erased, absent].map((id) => readClientMedical(world.collections, id)))).toEqual(
      before,
    );
  });
});
