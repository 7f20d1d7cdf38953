import type { RxDatabase } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSodium, RECOVERY_RECIPIENT_ID, type Sodium } from '../../../../shared/crypto/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import {
  medicalContent as content,
  openMedicalWorld,
  type World,
} from '../../../../tests/support/medical-world';
import { recordValidity, trustedConsents } from './consent-gate';
import { MedicalError, type MedicalClient } from './context';
import { readClientMedical } from './records';
import { saveMedical } from './save-section';

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

const reasonOf = async (work: Promise<unknown>) => {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MedicalError);
  return (error as MedicalError).reason;
};

describe('the consent gate', () => {
  it('refuses to write a section without a medical-data consent, and writes none', async () => {
    expect(await reasonOf(saveMedical(world.as('chika'), client, content))).toBe('no-consent');
    expect(await world.collections.medical.count().exec()).toBe(0);
    expect(await world.collections.keyWraps.count().exec()).toBe(0);
  });

  it('writes a sealed section under a signed medical-data consent of the ledger, recording its id', async () => {
    const chika = world.as('chika');
    const consent = await world.recordConsent(chika, client);
    expect(consent).toMatchObject({
      clientId: client.id,
      action: 'given',
      purpose: 'medical-data',
      recordedBy: world.staff.chika,
      deviceId: world.devices.chika.listing.id,
      noticeId: world.notice.id,
      noticeVersion: '2026.1',
      assignedStaffIds: client.assignedStaffIds,
    });
    expect(recordValidity(sodium, consent, world.directory.keyDirectory())).toBe('valid');
    const section = await saveMedical(chika, client, content);
    expect(section.consentId).toBe(consent.id);
    const stored = JSON.stringify((await world.collections.medical.findOne(section.id).exec())!.toJSON());
    for (const secret of ['Amlodipine', 'Penicillin', 'PET-CT', 'Weiss', 'hypertension'])
      expect(stored).not.toContain(secret);
    const wraps = (await readClientMedical(world.collections, client.id)).wraps;
    expect(wraps.map((w) => w.recipientId).sort()).toEqual(
      [world.devices.chika.listing.id, RECOVERY_RECIPIENT_ID].sort(),
    );
    expect(wraps.map((w) => w.assignedStaffIds)).toEqual([client.assignedStaffIds, client.assignedStaffIds]);
  });

  it('refuses a write once a withdrawal is recorded, at once on the device that recorded it', async () => {
    await world.consentAndWrite(client);
    const consent = (await world.collections.consents.findOne().exec())!.toJSON() as ConsentRecord;
    await world.withdraw(world.as('aiko'), client, consent);
    const edit = saveMedical(world.as('chika'), client, { ...content, history: 'changed' }, content);
    expect(await reasonOf(edit)).toBe('consent-withdrawn');
  });

  it('counts no record whose signature fails, nor one of a device the directory does not list', async () => {
    const consent = await world.recordConsent(world.as('chika'), client);
    const keys = world.directory.keyDirectory();
    // Tampered after signing (a back-dated `at`): the signature no longer covers it.
    const tampered: ConsentRecord = { ...consent, id: globalThis.crypto.randomUUID(), at: consent.at - 1 };
    const unsigned: ConsentRecord = { ...consent, signature: undefined };
    const stranger: ConsentRecord = { ...consent, deviceId: globalThis.crypto.randomUUID() };
    expect(recordValidity(sodium, tampered, keys)).toBe('invalid-signature');
    expect(recordValidity(sodium, unsigned, keys)).toBe('invalid-signature');
    expect(recordValidity(sodium, stranger, keys)).toBe('unknown-device');
    expect(recordValidity(sodium, { ...unsigned, legacy: true }, keys)).toBe('unsigned-legacy');
    expect(trustedConsents(sodium, [tampered, unsigned, stranger], keys)).toEqual([]);

    // A forged consent in the store opens no gate.
    await world.collections.consents.find().remove();
    const forged = { ...consent, id: globalThis.crypto.randomUUID() };
    await world.collections.consents.insert(forged);
    expect(await reasonOf(saveMedical(world.as('chika'), client, content))).toBe('no-consent');
  });

  it('lets a forged withdrawal end nothing', async () => {
    const consent = await world.recordConsent(world.as('chika'), client);
    const withdrawal = await world.withdraw(world.as('chika'), client, consent);
    await world.collections.consents
      .findOne(withdrawal.id)
      .exec()
      .then((doc) => doc!.remove());
    await world.collections.consents.insert({ ...withdrawal, id: globalThis.crypto.randomUUID() });
    const section = await saveMedical(world.as('chika'), client, content);
    expect(section.consentId).toBe(consent.id);
  });

  it('keeps writing after a substantial change until its deadline, then needs the renewal', async () => {
    const chika = world.as('chika');
    await world.consentAndWrite(client);
    const v2 = {
      ...world.notice,
      id: globalThis.crypto.randomUUID(),
      version: '2026.2',
      effectiveAt: world.clock - 3_600_000,
      substantial: true,
      renewalDeadline: world.clock + 3_600_000,
    };
    await world.collections.orgSettings.insert(v2);
    await saveMedical(chika, client, { ...content, history: 'before the deadline' }, content);
    world.clock += 2 * 3_600_000;
    const late = saveMedical(
      chika,
      client,
      { ...content, history: 'after' },
      { ...content, history: 'before the deadline' },
    );
    expect(await reasonOf(late)).toBe('renewal-required');
    await world.recordConsent(chika, client, { noticeId: v2.id, at: world.clock - 1_000 });
    const renewed = await saveMedical(
      chika,
      client,
      { ...content, history: 'after' },
      { ...content, history: 'before the deadline' },
    );
    expect(renewed.consentId).not.toBe(undefined);
  });
});
