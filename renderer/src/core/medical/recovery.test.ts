import type { RxDatabase } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  generateIdentity,
  loadSodium,
  recoveryCodeGroups,
  type Sodium,
  type StaffIdentity,
} from '../../../../shared/crypto/index';
import type { AuditEvent } from '../../../../shared/domain/audit';
import {
  medicalContent as content,
  openMedicalWorld,
  type World,
} from '../../../../tests/support/medical-world';
import type { DirectoryEntry, MedicalClient, MedicalContext } from './context';
import { grantersFor } from './key-holders';
import { readClientMedical } from './records';
import { recoveryNeed, restoreMedicalAccess } from './recovery';
import { unsealMedical } from './unseal';

let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

let db: RxDatabase;
let world: World;
let client: MedicalClient;
let admin: { keys: StaffIdentity; staffId: string };
let sheet: string;
beforeEach(async () => {
  ({ db, world, client } = await openMedicalWorld(sodium));
  // The DPO with one approved device, and the organisation's recovery sheet as printed at setup.
  admin = {
    keys: generateIdentity(sodium, globalThis.crypto.randomUUID()),
    staffId: globalThis.crypto.randomUUID(),
  };
  (world.entries as DirectoryEntry[]).push({
    staffId: admin.staffId,
    displayName: 'Rie Sato',
    role: 'admin',
    status: 'active',
    devices: [{ id: admin.keys.staffId, status: 'approved', ...admin.keys }],
  });
  sheet = recoveryCodeGroups(sodium, world.recovery.boxSecretKey).join(' ');
});
afterEach(async () => {
  await db.remove();
});

const asAdmin = (role: DirectoryEntry['role'] = 'admin'): MedicalContext => ({
  ...world.as('chika'),
  actor: {
    staffId: admin.staffId,
    deviceId: admin.keys.staffId,
    role,
    deviceKeys: () => ({
      ...admin.keys,
      boxSecretKey: admin.keys.boxSecretKey.slice(),
      signSecretKey: admin.keys.signSecretKey.slice(),
    }),
  },
});

const need = async () => {
  const records = await readClientMedical(world.collections, client.id);
  return recoveryNeed(sodium, records.section!, records.wraps, world.directory);
};
const wrapCount = async () => (await readClientMedical(world.collections, client.id)).wraps.length;
const restorations = async () =>
  (await world.collections.auditEvents.find({ selector: { kind: 'access-granted' } }).exec()).map(
    (doc) => doc.toJSON() as AuditEvent,
  );

/** Aiko (concierge) writes the section first: her device and the recovery key are its only holders. */
async function aikoWritesThenLosesHerLaptop() {
  await world.consentAndWrite(client, world.as('aiko'));
  world.devices.aiko.listing.status = 'revoked';
}

describe('restoring access with the recovery sheet', () => {
  it('the only holder lost their laptop: the DPO gives access to a coordinator, who opens the section', async () => {
    await world.consentAndWrite(client, world.as('aiko'));
    // Aiko can open it, but may not grant anyone.
    expect(await need()).toMatchObject({ reason: 'no-granter', holders: [world.staff.aiko] });
    world.devices.aiko.listing.status = 'revoked';
    expect(await need()).toEqual({
      clientId: client.id,
      reason: 'device-revoked',
      holders: [],
      recoverable: true,
    });
    expect((await unsealMedical(world.as('chika'), client.id)).status).toBe('no-access');
    // Nobody to ask: a revoked laptop's wrap grants nothing.
    expect(
      grantersFor(sodium, await readClientMedical(world.collections, client.id), world.directory),
    ).toEqual([]);

    const result = await restoreMedicalAccess(asAdmin(), {
      code: sheet.toLowerCase(),
      clientIds: [client.id],
      staffIds: [world.staff.chika],
    });
    expect(result).toEqual({
      ok: true,
      restored: [{ clientId: client.id, staffIds: [world.staff.chika], wraps: 1 }],
      failed: [],
    });
    const opened = await unsealMedical(world.as('chika'), client.id);
    expect(opened.status === 'open' && opened.content).toEqual(content);
    // Signed by the DPO's device, as any grant.
    const wrap = (await readClientMedical(world.collections, client.id)).wraps.find(
      (w) => w.recipientId === world.devices.chika.listing.id,
    );
    expect(wrap?.granterId).toBe(admin.keys.staffId);
    expect(await need()).toBeUndefined();
    // In the access log: who restored, for which client, to whom; names only.
    const [entry] = await restorations();
    expect(entry).toMatchObject({
      staffId: admin.staffId,
      deviceId: admin.keys.staffId,
      clientId: client.id,
      target: world.staff.chika,
      fields: ['medical', 'recovery-key'],
    });
  });

  it('names no one to ask when the only granter holding the key lost their laptop', async () => {
    await world.consentAndWrite(client, world.as('chika'));
    const granters = async () =>
      grantersFor(sodium, await readClientMedical(world.collections, client.id), world.directory).map(
        (m) => m.id,
      );
    expect(await granters()).toEqual([world.staff.chika]);
    world.devices.chika.listing.status = 'revoked';
    expect(await granters()).toEqual([]);
    expect(await need()).toMatchObject({ reason: 'device-revoked' });
  });

  it('counts no granter for a wrap whose signature does not verify (planted)', async () => {
    await aikoWritesThenLosesHerLaptop();
    const records = await readClientMedical(world.collections, client.id);
    const recoveryWrap = records.wraps.find((w) => w.recipientId === 'org-recovery')!;
    const planted = {
      ...recoveryWrap,
      id: `${client.id}.${recoveryWrap.keyId}.${world.devices.chika.listing.id}`,
      recipientId: world.devices.chika.listing.id,
      granterId: world.devices.dan.listing.id,
    };
    await world.collections.keyWraps.insert(planted);
    expect(await need()).toMatchObject({ reason: 'device-revoked' });
  });

  it('every granter left: restored to a newly chosen person, on each approved device', async () => {
    await world.consentAndWrite(client, world.as('chika'));
    world.entryOf(world.staff.chika).status = 'revoked';
    expect(await need()).toMatchObject({ reason: 'holders-left' });
    const result = await restoreMedicalAccess(asAdmin(), {
      code: sheet,
      clientIds: [client.id],
      staffIds: [world.staff.ben, world.staff.chika],
    });
    // Chika is no longer staff: only Ben's two approved devices (not the pending one) get a wrap.
    expect(result).toMatchObject({ ok: true, restored: [{ staffIds: [world.staff.ben], wraps: 2 }] });
    for (const name of ['ben1', 'ben2'] as const)
      expect((await unsealMedical(world.as(name), client.id)).status).toBe('open');
    // Ben may not grant: someone who may is still needed.
    expect(await need()).toMatchObject({ reason: 'no-granter', holders: [world.staff.ben] });
  });

  it('refuses a miscopied code and another organisation’s, writing nothing', async () => {
    await aikoWritesThenLosesHerLaptop();
    const before = await wrapCount();
    const request = { clientIds: [client.id], staffIds: [world.staff.chika] };
    const swapped = (sheet[0] === '2' ? '3' : '2') + sheet.slice(1);
    expect(await restoreMedicalAccess(asAdmin(), { ...request, code: swapped })).toEqual({
      ok: false,
      problem: 'checksum',
    });
    expect(await restoreMedicalAccess(asAdmin(), { ...request, code: sheet.slice(6) })).toEqual({
      ok: false,
      problem: 'length',
    });
    const elsewhere = sodium.crypto_box_keypair();
    const foreign = recoveryCodeGroups(sodium, elsewhere.privateKey).join(' ');
    expect(await restoreMedicalAccess(asAdmin(), { ...request, code: foreign })).toMatchObject({
      ok: false,
      problem: 'other-organisation',
    });
    expect(await wrapCount()).toBe(before);
    expect(await restorations()).toEqual([]);
  });

  it('is for the roles that may recover, and needs someone with an approved device', async () => {
    await aikoWritesThenLosesHerLaptop();
    const request = { code: sheet, clientIds: [client.id], staffIds: [world.staff.chika] };
    await expect(restoreMedicalAccess(asAdmin('concierge'), request)).rejects.toMatchObject({
      reason: 'not-allowed',
    });
    await expect(
      restoreMedicalAccess(asAdmin(), { ...request, staffIds: [world.staff.aiko] }),
    ).rejects.toMatchObject({ reason: 'no-devices' });
  });

  it('reports a client without a section, and does not wrap again for a device that holds the key', async () => {
    await aikoWritesThenLosesHerLaptop();
    const missing = globalThis.crypto.randomUUID();
    const first = await restoreMedicalAccess(asAdmin(), {
      code: sheet,
      clientIds: [client.id, missing],
      staffIds: [world.staff.chika],
    });
    expect(first).toMatchObject({ ok: true, failed: [{ clientId: missing, reason: 'no-section' }] });
    const again = await restoreMedicalAccess(asAdmin(), {
      code: sheet,
      clientIds: [client.id],
      staffIds: [world.staff.chika],
    });
    expect(again).toEqual({ ok: true, restored: [], failed: [] });
    expect(await restorations()).toHaveLength(1);
  });
});
