import type { RxDatabase } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  loadSodium,
  newDataKey,
  wrapDataKey,
  type CryptoError,
  openClientKey,
  openJson,
  RECOVERY_RECIPIENT_ID,
  unwrapDataKey,
  type Sodium,
} from '../../../../shared/crypto/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { clientKeyStateOf, keyWrapChanges, keyWrapOf } from '../../../../shared/domain/key-wraps';
import { medicalFieldContext } from '../../../../shared/domain/medical';
import { openMedicalSection } from '../../../../shared/domain/medical-seal';
import {
  medicalContent as content,
  openMedicalWorld,
  type World,
} from '../../../../tests/support/medical-world';
import type { MedicalClient, MedicalContext, MedicalError } from './context';
import { grantMedicalAccess, revokeMedicalAccess } from './grants';
import { saveMedical } from './save-section';
import { grantersFor, keyHolders } from './key-holders';
import { readClientMedical } from './records';
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

describe('grants and who holds access', () => {
  it("grants a staff member on each approved device, signed by the granter's device", async () => {
    const section = await consentAndWrite();
    const granted = await grantMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    const { ben1, ben2, benPending } = world.devices;
    expect(granted.sort()).toEqual([ben1.listing.id, ben2.listing.id].sort());
    const wraps = (await readClientMedical(world.collections, client.id)).wraps;
    expect(wraps.some((w) => w.recipientId === benPending.listing.id)).toBe(false);
    for (const name of ['ben1', 'ben2'] as const) {
      const opened = await unsealMedical(world.as(name), client.id);
      expect(opened.status === 'open' && opened.content).toEqual(content);
    }
    const holders = keyHolders(sodium, section, wraps, world.directory);
    expect([...holders.staff].sort()).toEqual([world.staff.chika, world.staff.ben].sort());
  });

  it('lists as granters only active staff who may grant and hold the key', async () => {
    await consentAndWrite();
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.aiko);
    const records = await readClientMedical(world.collections, client.id);
    // Dan (manager) may grant but holds no wrap; Aiko holds one but may not grant.
    expect(grantersFor(sodium, records, world.directory).map((m) => m.id)).toEqual([world.staff.chika]);
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.dan);
    const after = await readClientMedical(world.collections, client.id);
    expect(grantersFor(sodium, after, world.directory).map((m) => m.displayName)).toEqual([
      'Chika Mori',
      'Dan Ito',
    ]);
  });

  it('does not count a wrap whose signature does not verify', async () => {
    const section = await consentAndWrite();
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.aiko);
    const aikoWrap = await world.collections.keyWraps
      .findOne({ selector: { recipientId: world.devices.aiko.listing.id } })
      .exec();
    // Claimed to come from Dan's device, which never signed it.
    await aikoWrap!.incrementalPatch({ granterId: world.devices.dan.listing.id });
    const wraps = (await readClientMedical(world.collections, client.id)).wraps;
    expect([...keyHolders(sodium, section, wraps, world.directory).staff]).toEqual([world.staff.chika]);
  });

  it("refuses to grant or write under a key planted under the section's key id by another device", async () => {
    await consentAndWrite();
    const records = await readClientMedical(world.collections, client.id);
    const section = records.section!;
    const chika = world.devices.chika;
    // Dan (a manager, who may grant but holds no wrap of this client) signs a wrap of a key of his own making to
    // Chika's device, under the id of the key her section is sealed under, in place of her wrap.
    const junk = { ...newDataKey(sodium), id: section.keyId };
    const planted = wrapDataKey(
      sodium,
      junk,
      client.id,
      { id: chika.listing.id, boxPublicKey: chika.listing.boxPublicKey },
      world.devices.dan.keys,
    );
    const others = records.wraps.map(keyWrapOf).filter((wrap) => wrap.recipientId !== chika.listing.id);
    const { put } = keyWrapChanges(
      records.wraps,
      { clientId: client.id, current: { keyId: section.keyId, wraps: [...others, planted] } },
      Date.now(),
      section.assignedStaffIds,
    );
    await world.collections.keyWraps.bulkUpsert(put);

    const granted = await grantMedicalAccess(world.as('chika'), client.id, world.staff.aiko).catch(
      (e: unknown) => e,
    );
    expect((granted as CryptoError).code).toBe('wrong-key');
    const after = (await readClientMedical(world.collections, client.id)).wraps;
    expect(after.some((wrap) => wrap.recipientId === world.devices.aiko.listing.id)).toBe(false);
    const edited = { ...content, allergies: [...content.allergies, { substance: 'Latex' }] };
    const saved = await saveMedical(world.as('chika'), client, edited, content).catch((e: unknown) => e);
    expect((saved as CryptoError).code).toBe('wrong-key');
    expect((await readClientMedical(world.collections, client.id)).section).toEqual(section);
  });

  it('lets only roles that may grant medical access grant or revoke', async () => {
    await consentAndWrite();
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.aiko);
    const grantError = await grantMedicalAccess(world.as('aiko'), client.id, world.staff.ben).catch(
      (e: unknown) => e,
    );
    expect((grantError as MedicalError).reason).toBe('not-allowed');
    const revokeError = await revokeMedicalAccess(world.as('aiko'), client.id, world.staff.chika).catch(
      (e: unknown) => e,
    );
    expect((revokeError as MedicalError).reason).toBe('not-allowed');
  });
});

describe('revoking access rotates the key', () => {
  it('leaves the revoked device unable to open the new envelopes; the other holder and recovery can', async () => {
    await consentAndWrite();
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.aiko);
    const before = await readClientMedical(world.collections, client.id);
    const bensOldWrap = before.wraps.find((w) => w.recipientId === world.devices.ben1.listing.id)!;
    const keys = world.directory.keyDirectory();
    const bensOldKey = unwrapDataKey(
      sodium,
      keyWrapOf(bensOldWrap),
      world.devices.ben1.keys,
      keys.get(bensOldWrap.granterId)!.signPublicKey,
    );

    world.clock += 60_000;
    expect(await revokeMedicalAccess(world.as('chika'), client.id, world.staff.ben)).toBe('rotated');

    const after = await readClientMedical(world.collections, client.id);
    const section = after.section!;
    expect(section.keyId).not.toBe(before.section!.keyId);
    expect(section.id).toBe(before.section!.id);
    // Only wraps of the new key remain: Chika, Aiko, recovery.
    expect(after.wraps.every((w) => w.keyId === section.keyId)).toBe(true);
    expect(after.wraps.map((w) => w.recipientId).sort()).toEqual(
      [world.devices.chika.listing.id, world.devices.aiko.listing.id, RECOVERY_RECIPIENT_ID].sort(),
    );
    // Ben's old key opens none of the new envelopes.
    expect(() =>
      openJson(sodium, bensOldKey, section.history, medicalFieldContext(section.id, 'history')),
    ).toThrow();
    for (const name of ['ben1', 'ben2'] as const)
      expect(await unsealMedical(world.as(name), client.id)).toEqual({ status: 'no-access' });
    // The remaining holders and the recovery key open it.
    for (const name of ['chika', 'aiko'] as const) {
      const opened = await unsealMedical(world.as(name), client.id);
      expect(opened.status === 'open' && opened.content).toEqual(content);
    }
    const recoveryKey = openClientKey(
      sodium,
      clientKeyStateOf(client.id, section.keyId, after.wraps),
      world.recovery,
      keys,
    );
    expect(openMedicalSection(sodium, recoveryKey, section)).toEqual(content);
  });

  it('without a consent in force, deletes the leaving wraps and keeps the key (the server would refuse a re-sealed section)', async () => {
    const section = await consentAndWrite();
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    const consent = (await world.collections.consents.findOne().exec())!.toJSON() as ConsentRecord;
    await world.withdraw(world.as('chika'), client, consent);
    expect(await revokeMedicalAccess(world.as('chika'), client.id, world.staff.ben)).toBe('wraps-removed');
    const after = await readClientMedical(world.collections, client.id);
    expect(after.section).toEqual(section);
    expect(after.wraps.map((w) => w.recipientId).sort()).toEqual(
      [world.devices.chika.listing.id, RECOVERY_RECIPIENT_ID].sort(),
    );
    expect(await unsealMedical(world.as('ben1'), client.id)).toEqual({ status: 'no-access' });
    const opened = await unsealMedical(world.as('chika'), client.id);
    expect(opened.status === 'open' && opened.content).toEqual(content);
  });

  it('refuses revoking your own access, and does nothing for someone who holds none', async () => {
    const section = await consentAndWrite();
    const own = await revokeMedicalAccess(world.as('chika'), client.id, world.staff.chika).catch(
      (e: unknown) => e,
    );
    expect((own as MedicalError).reason).toBe('own-access');
    expect(await revokeMedicalAccess(world.as('chika'), client.id, world.staff.aiko)).toBe('held-none');
    expect((await readClientMedical(world.collections, client.id)).section!.keyId).toBe(section.keyId);
  });
});
