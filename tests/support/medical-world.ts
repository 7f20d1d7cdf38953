import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb';
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
import { consentSchema, type Consent } from '../../shared/domain/consent';
import { keyWrapSchema, type KeyWrapDocument } from '../../shared/domain/key-wraps';
import { medicalSectionSchema, type MedicalContent, type MedicalSection } from '../../shared/domain/medical';
import {
  recordMedicalConsent,
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

  /** Records a medical-data consent for the client a minute ago, then saves `medicalContent` as `as`. */
  async consentAndWrite(
    client: MedicalClient,
    as: MedicalContext = this.as('chika'),
    clientId = client.id,
  ): Promise<MedicalSection> {
    const target = { ...client, id: clientId };
    await recordMedicalConsent(as, target, {
      policyVersion: '2026.1',
      method: 'written',
      givenAt: this.clock - 60_000,
    });
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
 * A fresh in-memory store with the four medical collections, its world, and a client assigned to Aiko and Ben.
 * Remove the database after the test (`db.remove()`).
 */
export async function openMedicalWorld(
  sodium: Sodium,
): Promise<{ db: RxDatabase; world: World; client: MedicalClient }> {
  const db = await createRxDatabase({ name: `medical-${uuid()}`, storage: getRxStorageMemory() });
  await db.addCollections({
    medical: { schema: medicalSectionSchema as unknown as RxJsonSchema<MedicalSection> },
    keyWraps: { schema: keyWrapSchema as unknown as RxJsonSchema<KeyWrapDocument> },
    consents: { schema: consentSchema as unknown as RxJsonSchema<Consent> },
    auditEvents: {
      schema: auditEventSchema as unknown as RxJsonSchema<AuditEvent>,
      migrationStrategies: collectionRegistry.auditEvents.migrations,
    },
  });
  const world = new World(sodium, db.collections as unknown as MedicalCollections);
  const client = { id: uuid(), assignedStaffIds: [world.staff.aiko, world.staff.ben] };
  return { db, world, client };
}
