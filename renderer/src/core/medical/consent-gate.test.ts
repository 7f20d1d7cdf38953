import type { RxDatabase } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSodium, RECOVERY_RECIPIENT_ID, type Sodium } from '../../../../shared/crypto/index';
import {
  medicalContent as content,
  openMedicalWorld,
  type World,
} from '../../../../tests/support/medical-world';
import { recordMedicalConsent } from './consent-gate';
import { MedicalError, type MedicalClient, type MedicalContext } from './context';
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

const consentAndWrite = (as?: MedicalContext, clientId?: string) =>
  world.consentAndWrite(client, as, clientId);

describe('the consent gate', () => {
  it('refuses to write a section without a medical-data consent, and writes none', async () => {
    const error = await saveMedical(world.as('chika'), client, content).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MedicalError);
    expect((error as MedicalError).reason).toBe('no-consent');
    expect(await world.collections.medical.count().exec()).toBe(0);
    expect(await world.collections.keyWraps.count().exec()).toBe(0);
  });

  it('records the consent with the person signed in as witness, then writes a sealed section', async () => {
    const chika = world.as('chika');
    const consent = await recordMedicalConsent(chika, client, {
      policyVersion: '2026.1',
      method: 'verbal-witnessed',
      givenAt: world.clock - 5_000,
    });
    expect(consent).toMatchObject({
      clientId: client.id,
      purpose: 'medical-data',
      witnessStaffId: world.staff.chika,
      method: 'verbal-witnessed',
      policyVersion: '2026.1',
      givenAt: world.clock - 5_000,
      assignedStaffIds: client.assignedStaffIds,
    });
    const section = await saveMedical(chika, client, content);
    expect(section.consentId).toBe(consent.id);
    // Nothing of the content is in the stored section.
    const stored = JSON.stringify((await world.collections.medical.findOne(section.id).exec())!.toJSON());
    for (const secret of ['Amlodipine', 'Penicillin', 'PET-CT', 'Weiss', 'hypertension'])
      expect(stored).not.toContain(secret);
    // The first key is wrapped to this device and to the recovery key, signed by this device.
    const wraps = (await readClientMedical(world.collections, client.id)).wraps;
    expect(wraps.map((w) => w.recipientId).sort()).toEqual(
      [world.devices.chika.listing.id, RECOVERY_RECIPIENT_ID].sort(),
    );
    expect(
      wraps.every((w) => w.granterId === world.devices.chika.listing.id && w.keyId === section.keyId),
    ).toBe(true);
    // Wraps carry the client's assignees, so a concierge's device receives them.
    expect(wraps.map((w) => w.assignedStaffIds)).toEqual([client.assignedStaffIds, client.assignedStaffIds]);
  });

  it('refuses a write once the consent is withdrawn', async () => {
    await consentAndWrite();
    const consent = (await world.collections.consents.findOne().exec())!;
    await consent.incrementalPatch({ withdrawnAt: world.clock - 1, withdrawalRecordedBy: world.staff.chika });
    const error = await saveMedical(
      world.as('chika'),
      client,
      { ...content, history: 'changed' },
      content,
    ).catch((e: unknown) => e);
    expect((error as MedicalError).reason).toBe('consent-withdrawn');
  });
});
