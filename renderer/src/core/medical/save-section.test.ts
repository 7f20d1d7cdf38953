import type { RxDatabase } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSodium, type Sodium } from '../../../../shared/crypto/index';
import { emptyMedicalContent } from '../../../../shared/domain/medical';
import {
  medicalContent as content,
  openMedicalWorld,
  type World,
} from '../../../../tests/support/medical-world';
import type { MedicalClient, MedicalContext, MedicalError } from './context';
import { saveMedical } from './save-section';
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

describe('saving edits', () => {
  it('re-seals only the fields that changed, keeping the others byte for byte', async () => {
    const before = await consentAndWrite();
    world.clock += 5_000;
    const edited = { ...content, allergies: [...content.allergies, { substance: 'Latex' }] };
    const after = await saveMedical(world.as('chika'), client, edited, content);
    expect(after.allergies).not.toBe(before.allergies);
    for (const field of [
      'history',
      'currentMedications',
      'conditions',
      'documentNotes',
      'plannedTreatments',
    ] as const)
      expect(after[field]).toBe(before[field]);
    expect(after.updatedAt).toBe(world.clock);
    const opened = await unsealMedical(world.as('chika'), client.id);
    expect(opened.status === 'open' && opened.content.allergies).toEqual(edited.allergies);
  });

  it('refuses a device without the key', async () => {
    await consentAndWrite();
    const error = await saveMedical(world.as('aiko'), client, emptyMedicalContent(), content).catch(
      (e: unknown) => e,
    );
    expect((error as MedicalError).reason).toBe('no-access');
  });
});
