import { createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  generateIdentity,
  loadSodium,
  openClientKey,
  openJson,
  RECOVERY_RECIPIENT_ID,
  unwrapDataKey,
  type PublicKeys,
  type Sodium,
  type StaffIdentity,
} from '../../../../shared/crypto/index';
import { auditEventSchema, type AuditEvent } from '../../../../shared/domain/audit';
import { consentSchema, type Consent } from '../../../../shared/domain/consent';
import {
  clientKeyStateOf,
  keyWrapOf,
  keyWrapSchema,
  type KeyWrapDocument,
} from '../../../../shared/domain/key-wraps';
import {
  emptyMedicalContent,
  medicalFieldContext,
  medicalSectionSchema,
  openMedicalSection,
  type MedicalContent,
  type MedicalSection,
} from '../../../../shared/domain/medical';
import type { Role } from '../../../../shared/auth/roles';
import {
  grantersFor,
  grantMedicalAccess,
  keyHolders,
  readClientMedical,
  recordMedicalConsent,
  revokeMedicalAccess,
  rotateRevokedAccess,
  saveMedical,
  unsealMedical,
  validateConsentInput,
  MedicalError,
  type DirectoryDevice,
  type DirectoryEntry,
  type MedicalCollections,
  type MedicalContext,
  type MedicalDirectory,
} from './medical-access';

let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

const uuid = () => globalThis.crypto.randomUUID();

/** One staff member's device: its keys (staffId = device id) and how the directory lists it. */
interface Device {
  keys: StaffIdentity;
  listing: DirectoryDevice;
}

function newDevice(status: DirectoryDevice['status'] = 'approved'): Device {
  const keys = generateIdentity(sodium, uuid());
  return {
    keys,
    listing: {
      id: keys.staffId,
      status,
      boxPublicKey: keys.boxPublicKey,
      signPublicKey: keys.signPublicKey,
    },
  };
}

/**
 * An organisation: Chika (coordinator), Dan (manager), Aiko and Ben (concierges; Ben has two approved devices and
 * one pending), the recovery key; one local store per device, all sharing one set of collections as if synced.
 */
class World {
  readonly recovery = generateIdentity(sodium, RECOVERY_RECIPIENT_ID);
  readonly devices = {
    chika: newDevice(),
    dan: newDevice(),
    aiko: newDevice(),
    ben1: newDevice(),
    ben2: newDevice(),
    benPending: newDevice('pending'),
  };
  readonly entries: DirectoryEntry[];
  readonly staff = { chika: uuid(), dan: uuid(), aiko: uuid(), ben: uuid() };

  constructor(readonly collections: MedicalCollections) {
    const entry = (staffId: string, displayName: string, role: Role, devices: Device[]) => ({
      staffId,
      displayName,
      role,
      status: 'active' as DirectoryEntry['status'],
      devices: devices.map((d) => d.listing),
    });
    const d = this.devices;
    this.entries = [
      entry(this.staff.chika, 'Chika Mori', 'coordinator', [d.chika]),
      entry(this.staff.dan, 'Dan Ito', 'manager', [d.dan]),
      entry(this.staff.aiko, 'Aiko Tanaka', 'concierge', [d.aiko]),
      entry(this.staff.ben, 'Ben Carter', 'concierge', [d.ben1, d.ben2, d.benPending]),
    ];
  }

  readonly directory: MedicalDirectory = {
    entries: () => this.entries,
    keyDirectory: () => {
      const keys = new Map<string, PublicKeys>();
      for (const entry of this.entries)
        for (const device of entry.devices)
          if (device.status === 'approved' || device.status === 'revoked') keys.set(device.id, device);
      return keys;
    },
    recoveryRecipient: () => ({ id: RECOVERY_RECIPIENT_ID, boxPublicKey: this.recovery.boxPublicKey }),
  };

  /** The context of one device, at a settable clock. */
  as(name: keyof World['devices'], at = () => this.clock): MedicalContext {
    const device = this.devices[name];
    const entry = this.entries.find((e) => e.devices.includes(device.listing))!;
    return {
      sodium,
      collections: this.collections,
      directory: this.directory,
      actor: {
        staffId: entry.staffId,
        deviceId: device.listing.id,
        role: entry.role,
        // A fresh copy each call, as the session gives it (the service wipes it after use).
        deviceKeys: () => ({
          ...device.keys,
          boxSecretKey: device.keys.boxSecretKey.slice(),
          signSecretKey: device.keys.signSecretKey.slice(),
        }),
      },
      now: at,
    };
  }

  clock = Date.UTC(2026, 10, 24, 9, 0);

  entryOf(staffId: string): DirectoryEntry {
    return this.entries.find((e) => e.staffId === staffId)!;
  }
}

const content: MedicalContent = {
  history: 'Appendectomy 2011; hypertension since 2019',
  currentMedications: [{ name: 'Amlodipine', dose: '5 mg', schedule: 'mornings' }],
  allergies: [{ substance: 'Penicillin', reaction: 'hives', severity: 'severe' }],
  conditions: [{ name: 'Hypertension' }],
  documentNotes: 'Referral letter from Dr Weiss, 2026-10-02',
  plannedTreatments: [{ description: 'PET-CT', institution: 'Seiryo Clinic', date: '2026-12-03' }],
};

let db: RxDatabase;
let world: World;
const client = { id: uuid(), assignedStaffIds: [] as string[] };

beforeEach(async () => {
  db = await createRxDatabase({ name: `medical-${uuid()}`, storage: getRxStorageMemory() });
  await db.addCollections({
    medical: { schema: medicalSectionSchema as unknown as RxJsonSchema<MedicalSection> },
    keyWraps: { schema: keyWrapSchema as unknown as RxJsonSchema<KeyWrapDocument> },
    consents: { schema: consentSchema as unknown as RxJsonSchema<Consent> },
    auditEvents: { schema: auditEventSchema as unknown as RxJsonSchema<AuditEvent> },
  });
  world = new World(db.collections as unknown as MedicalCollections);
  client.assignedStaffIds = [world.staff.aiko, world.staff.ben];
});

afterEach(async () => {
  await db.remove();
});

async function consentAndWrite(as: MedicalContext = world.as('chika'), clientId = client.id) {
  const target = { ...client, id: clientId };
  await recordMedicalConsent(as, target, {
    policyVersion: '2026.1',
    method: 'written',
    givenAt: world.clock - 60_000,
  });
  return saveMedical(as, target, content);
}

const auditEvents = async () =>
  (await world.collections.auditEvents.find().exec()).map((d) => d.toJSON() as AuditEvent);

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

  it('validates the consent form field by field', () => {
    const now = world.clock;
    expect(validateConsentInput({ policyVersion: '', method: 'fax', givenAt: now + 3_600_000 }, now)).toEqual(
      {
        ok: false,
        errors: [
          { path: 'consent.policyVersion', code: 'required' },
          { path: 'consent.method', code: 'unknown-option' },
          { path: 'consent.givenAt', code: 'date-in-future' },
        ],
      },
    );
    expect(validateConsentInput({ policyVersion: 'v 1', method: 'written', givenAt: NaN }, now)).toEqual({
      ok: false,
      errors: [
        { path: 'consent.policyVersion', code: 'invalid-format' },
        { path: 'consent.givenAt', code: 'invalid-date' },
      ],
    });
    expect(
      validateConsentInput(
        { policyVersion: ' 2026.1 ', method: 'electronic', givenAt: now - 10, notes: ' ' },
        now,
      ),
    ).toEqual({ ok: true, value: { policyVersion: '2026.1', method: 'electronic', givenAt: now - 10 } });
  });
});

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
    const consent = (await world.collections.consents.findOne().exec())!;
    await consent.incrementalPatch({ withdrawnAt: world.clock - 1, withdrawalRecordedBy: world.staff.chika });
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
});
