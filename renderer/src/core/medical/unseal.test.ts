import type { RxDatabase } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSodium, type Sodium } from '../../../../shared/crypto/index';
import type { AuditEvent } from '../../../../shared/domain/audit';
import { AUDIT_GENESIS, auditEntryHash, verifyAuditSignature } from '../../../../shared/crypto/audit-chain';
import {
  medicalContent as content,
  openMedicalWorld,
  type World,
} from '../../../../tests/support/medical-world';
import type { MedicalClient, MedicalContext } from './context';
import { grantMedicalAccess } from './grants';
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

const auditEvents = async () =>
  (await world.collections.auditEvents.find().exec()).map((d) => d.toJSON() as AuditEvent);

describe('opening the section', () => {
  it('gives a device without a wrap no-access and records no audit event', async () => {
    await consentAndWrite();
    expect(await unsealMedical(world.as('aiko'), client.id)).toEqual({ status: 'no-access' });
    expect(await auditEvents()).toEqual([]);
  });

  it("says 'none' for a client without a section, recording nothing", async () => {
    expect(await unsealMedical(world.as('chika'), client.id)).toEqual({ status: 'none' });
    expect(await auditEvents()).toEqual([]);
  });

  it('writes exactly one audit event per opening, naming who, where, which client and which fields', async () => {
    await consentAndWrite();
    const chika = world.as('chika');
    const first = await unsealMedical(chika, client.id);
    expect(first.status === 'open' && first.content).toEqual(content);
    expect(await auditEvents()).toEqual([
      {
        id: expect.any(String) as string,
        kind: 'medical-unsealed',
        staffId: world.staff.chika,
        deviceId: world.devices.chika.listing.id,
        clientId: client.id,
        fields: [
          'history',
          'currentMedications',
          'allergies',
          'conditions',
          'documentNotes',
          'plannedTreatments',
        ],
        at: world.clock,
        seq: 1,
        prevHash: AUDIT_GENESIS,
        signature: expect.any(String) as string,
        assignedStaffIds: client.assignedStaffIds,
      },
    ]);
    world.clock += 1000;
    const second = await unsealMedical(chika, client.id, ['plannedTreatments', 'allergies']);
    expect(second.status === 'open' && second.content).toEqual({
      allergies: content.allergies,
      plannedTreatments: content.plannedTreatments,
    });
    const events = await auditEvents();
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.at === world.clock)?.fields).toEqual(['allergies', 'plannedTreatments']);
    // Chained and signed by the device (docs/crypto-spec.md, "Access log").
    const [one, two] = [...events].sort((a, b) => a.seq - b.seq) as [AuditEvent, AuditEvent];
    expect(two).toMatchObject({ seq: 2, prevHash: auditEntryHash(sodium, one) });
    const key = chika.actor.deviceKeys().signPublicKey;
    expect(events.every((e) => verifyAuditSignature(sodium, e, key))).toBe(true);
  });

  it('wipes the copy of the device keys it was given once done', async () => {
    await consentAndWrite();
    const chika = world.as('chika');
    const given: ReturnType<typeof chika.actor.deviceKeys>[] = [];
    const deviceKeys = chika.actor.deviceKeys;
    chika.actor.deviceKeys = () => {
      const keys = deviceKeys();
      given.push(keys);
      return keys;
    };
    expect((await unsealMedical(chika, client.id)).status).toBe('open');
    await grantMedicalAccess(chika, client.id, world.staff.aiko);
    expect(given.length).toBeGreaterThanOrEqual(2);
    for (const keys of given) {
      expect(keys.boxSecretKey.every((byte) => byte === 0)).toBe(true);
      expect(keys.signSecretKey.every((byte) => byte === 0)).toBe(true);
    }
  });

  it('returns no content when the audit event cannot be written', async () => {
    await consentAndWrite();
    world.collections.auditEvents.preInsert(() => {
      throw new Error('audit log unavailable');
    }, false);
    await expect(unsealMedical(world.as('chika'), client.id)).rejects.toThrow('audit log unavailable');
  });
});
