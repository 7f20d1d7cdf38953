import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Role } from '../../shared/auth/roles';
import {
  generateIdentity,
  RECOVERY_RECIPIENT_ID,
  type PublicKeys,
  type Sodium,
  type StaffIdentity,
} from '../../shared/crypto/index';
import { auditEventSchema, type AuditEvent } from '../../shared/domain/audit';
import { collectionRegistry } from '../../shared/sync/registry';
import { consentSchema, type Consent, type ConsentRecord } from '../../shared/domain/consent';
import { orgSettingSchema, type PrivacyNotice } from '../../shared/domain/privacy-notice';
import { keyWrapSchema, type KeyWrapDocument } from '../../shared/domain/key-wraps';
import { medicalSectionSchema, type MedicalContent, type MedicalSection } from '../../shared/domain/medical';
import {
  buildRecord,
  newRecordFields,
  withdrawalFields,
  type NewRecordInput,
} from '../../renderer/src/features/consents/consent-records';
import {
  saveMedical,
  type DirectoryDevice,
  type DirectoryEntry,
  type MedicalClient,
  type MedicalCollections,
  type MedicalContext,
  type MedicalDirectory,
} from '../../renderer/src/core/medical/index';

// The audit log's schema is at version 1 (RxDB wants the plugin for any version above 0).
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * The medical core's test organisation (renderer/src/core/medical/*.test.ts): devices with real keys, a staff
 * directory, and one in-memory RxDB store that every device shares, as if synced.
 */

addRxPlugin(RxDBMigrationSchemaPlugin);

const uuid = () => globalThis.crypto.randomUUID();

/** One staff member's device: its keys (staffId = device id) and how the directory lists it. */
export interface Device {
  keys: StaffIdentity;
  listing: DirectoryDevice;
}

function newDevice(sodium: Sodium, status: DirectoryDevice['status'] = 'approved'): Device {
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
export class World {
  readonly recovery: StaffIdentity;
  readonly devices: Record<'chika' | 'dan' | 'aiko' | 'ben1' | 'ben2' | 'benPending', Device>;
  readonly entries: DirectoryEntry[];
  readonly staff = { chika: uuid(), dan: uuid(), aiko: uuid(), ben: uuid() };

  constructor(
    readonly sodium: Sodium,
    readonly collections: MedicalCollections,
  ) {
    this.recovery = generateIdentity(sodium, RECOVERY_RECIPIENT_ID);
    this.devices = {
      chika: newDevice(sodium),
      dan: newDevice(sodium),
      aiko: newDevice(sodium),
      ben1: newDevice(sodium),
      ben2: newDevice(sodium),
      benPending: newDevice(sodium, 'pending'),
    };
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
      sodium: this.sodium,
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

  /** Notice v1 (EN + JA), effective a year before the clock; seeded by openMedicalWorld. */
  readonly notice: PrivacyNotice = {
    id: uuid(),
    kind: 'privacy-notice',
    version: '2026.1',
    effectiveAt: Date.UTC(2025, 10, 24),
    summary: 'First version',
    substantial: false,
    texts: [
      { language: 'en', text: 'Privacy notice', sha256: 'e'.repeat(64) },
      { language: 'ja', text: 'プライバシー通知', sha256: 'f'.repeat(64) },
    ],
    publishedBy: this.staff.dan,
    assignedStaffIds: [],
    createdAt: 0,
    updatedAt: 0,
  };

  private async ledger(clientId: string) {
    const [records, notices] = await Promise.all([
      this.collections.consents.find({ selector: { clientId } }).exec(),
      this.collections.orgSettings.find().exec(),
    ]);
    return {
      ledger: records.map((doc) => doc.toJSON() as ConsentRecord),
      notices: notices.map((doc) => doc.toJSON() as PrivacyNotice),
    };
  }

  private async sign(
    as: MedicalContext,
    client: MedicalClient,
    fieldsOf: (ledger: ConsentRecord[], notices: PrivacyNotice[]) => ReturnType<typeof newRecordFields>,
  ): Promise<ConsentRecord> {
    const { ledger, notices } = await this.ledger(client.id);
    const fields = fieldsOf(ledger, notices);
    if (!fields) throw new Error('no notice for the record');
    const result = buildRecord(this.sodium, fields, {
      recorder: {
        staffId: as.actor.staffId,
        deviceId: as.actor.deviceId,
        keys: as.actor.deviceKeys(),
        now: this.clock,
        newId: uuid,
      },
      assignedStaffIds: client.assignedStaffIds,
      ledger,
      notices,
    });
    if (!result.ok) throw new Error(`the record was refused: ${result.problem}`);
    await this.collections.consents.insert(result.record);
    return result.record;
  }

  /** Records, signed by `as`'s device, a medical-data consent (or `input`'s) given a minute ago under notice v1. */
  recordConsent(
    as: MedicalContext,
    client: MedicalClient,
    input: Partial<NewRecordInput> = {},
  ): Promise<ConsentRecord> {
    return this.sign(as, client, (_ledger, notices) =>
      newRecordFields(
        {
          clientId: client.id,
          action: 'given',
          purpose: 'medical-data',
          noticeId: this.notice.id,
          language: 'en',
          method: 'signed-paper',
          at: this.clock - 60_000,
          ...input,
        },
        notices,
        this.clock,
      ),
    );
  }

  /** Records, signed by `as`'s device, the client's withdrawal of `consent` at `at`. */
  withdraw(
    as: MedicalContext,
    client: MedicalClient,
    consent: ConsentRecord,
    at = this.clock - 1,
  ): Promise<ConsentRecord> {
    return this.sign(as, client, (_ledger, notices) =>
      withdrawalFields(
        { clientId: client.id, refersTo: consent.id, requestedBy: 'client', method: 'email', at },
        consent,
        notices,
        this.clock,
      ),
    );
  }

  /** Records a medical-data consent for the client a minute ago, then saves `medicalContent` as `as`. */
  async consentAndWrite(
    client: MedicalClient,
    as: MedicalContext = this.as('chika'),
    clientId = client.id,
  ): Promise<MedicalSection> {
    const target = { ...client, id: clientId };
    await this.recordConsent(as, target);
    return saveMedical(as, target, medicalContent);
  }
}

export const medicalContent: MedicalContent = {
  history: 'Appendectomy 2011; hypertension since 2019',
  currentMedications: [{ name: 'Amlodipine', dose: '5 mg', schedule: 'mornings' }],
  allergies: [{ substance: 'Penicillin', reaction: 'hives', severity: 'severe' }],
  conditions: [{ name: 'Hypertension' }],
  documentNotes: 'Referral letter from Dr Weiss, 2026-10-02',
  plannedTreatments: [{ description: 'PET-CT', institution: 'Seiryo Clinic', date: '2026-12-03' }],
};

/**
 * A fresh in-memory store with the four medical collections and the notice versions (v1 seeded), its world, and a client assigned to Aiko and Ben.
 * Remove the database after the test (`db.remove()`).
 */
export async function openMedicalWorld(
  sodium: Sodium,
  /** Another storage (the export benchmark's encrypted IndexedDB store in Chromium). */
  storage: RxStorage<unknown, unknown> = getRxStorageMemory(),
): Promise<{ db: RxDatabase; world: World; client: MedicalClient }> {
  const db = await createRxDatabase({ name: `medical-${uuid()}`, storage });
  await db.addCollections({
    medical: { schema: medicalSectionSchema as unknown as RxJsonSchema<MedicalSection> },
    keyWraps: { schema: keyWrapSchema as unknown as RxJsonSchema<KeyWrapDocument> },
    // A fresh store migrates nothing; RxDB wants a strategy per version all the same.
    consents: {
      schema: consentSchema as unknown as RxJsonSchema<Consent>,
      migrationStrategies: { 1: (doc: Consent) => doc },
    },
    auditEvents: {
      schema: auditEventSchema as unknown as RxJsonSchema<AuditEvent>,
      migrationStrategies: collectionRegistry.auditEvents.migrations,
    },
    orgSettings: { schema: orgSettingSchema as unknown as RxJsonSchema<PrivacyNotice> },
  });
  const world = new World(sodium, db.collections as unknown as MedicalCollections);
  await world.collections.orgSettings.insert(world.notice);
  const client = { id: uuid(), assignedStaffIds: [world.staff.aiko, world.staff.ben] };
  return { db, world, client };
}
