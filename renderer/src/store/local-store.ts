/// <reference types="vite/client" />
import {
  addRxPlugin,
  createRxDatabase,
  defaultConflictHandler,
  type RxCollectionCreator,
  type RxConflictHandler,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { DexieSettings } from 'rxdb';
import type { Sodium } from '../../../shared/crypto/index';
import { clientSchema, tripSchema, type Client, type Trip } from '../../../shared/index';
import { auditEventSchema, type AuditEvent } from '../../../shared/domain/audit';
import { consentSchema, type Consent } from '../../../shared/domain/consent';
import { keyWrapSchema, type KeyWrapDocument } from '../../../shared/domain/key-wraps';
import { medicalSectionSchema, type MedicalSection } from '../../../shared/domain/medical';
import { mergingConflictHandler } from '../sync/conflict-handler';
import { rangedKeyReadsMiddleware } from './ranged-key-reads';
import { wrappedVaultStorage, type VaultKeyHolder } from './vault-storage';

addRxPlugin(RxDBMigrationSchemaPlugin);

// RxDB's Dexie storage advertises its paid storages in the console on the first write of each run; its only
// switch is setPremiumFlag() from the paid package. Shipped builds drop that one banner; other warnings pass.
if (import.meta.env.PROD) {
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('-------------- RxDB Open Core RxStorage')) return;
    warn(...args);
  };
}

export interface LocalCollections {
  clients: RxCollection<Client>;
  trips: RxCollection<Trip>;
  medical: RxCollection<MedicalSection>;
  keyWraps: RxCollection<KeyWrapDocument>;
  consents: RxCollection<Consent>;
  auditEvents: RxCollection<AuditEvent>;
}

export type LocalStore = RxDatabase<LocalCollections>;

export const LOCAL_STORE_NAME = 'lumina-vault';

/** Every replicated collection merges conflicting edits field by field instead of dropping the device's. */
export const clientsConflictHandler = mergingConflictHandler<Client>('id');
/** An itinerary's items are one field to the merge: two edits of it at once become a conflict a person settles. */
export const tripsConflictHandler = mergingConflictHandler<Trip>('id');
/** Each field of a medical section is its own envelope: edits of different fields merge. */
export const medicalConflictHandler = mergingConflictHandler<MedicalSection>('id');
export const consentsConflictHandler = mergingConflictHandler<Consent>('id');
/**
 * A key wrap is one signed whole (mixing the fields of two versions would break its signature) and an audit event
 * never changes: the server's version wins.
 */
export const keyWrapsConflictHandler = defaultConflictHandler as RxConflictHandler<KeyWrapDocument>;
export const auditEventsConflictHandler = defaultConflictHandler as RxConflictHandler<AuditEvent>;

/** The conflict handler of each replicated collection (the pending-changes count compares with it too). */
export const conflictHandlers = {
  clients: clientsConflictHandler,
  trips: tripsConflictHandler,
  medical: medicalConflictHandler,
  keyWraps: keyWrapsConflictHandler,
  consents: consentsConflictHandler,
  auditEvents: auditEventsConflictHandler,
} as const;

/**
 * The collections of the local store. Client schema version 1 added the optional `conflicts` field, version 2
 * the full record's optional sections and version 3 dropped the `updatedAt` index; earlier documents need no change
 * to be valid, so the migrations keep them as they are.
 */
export async function addLocalCollections(
  db: RxDatabase,
  only?: readonly (keyof LocalCollections)[],
): Promise<void> {
  const all: Record<keyof LocalCollections, RxCollectionCreator> = {
    clients: {
      schema: clientSchema as unknown as RxJsonSchema<Client>,
      conflictHandler: clientsConflictHandler,
      migrationStrategies: { 1: (doc: Client) => doc, 2: (doc: Client) => doc, 3: (doc: Client) => doc },
    },
    trips: {
      schema: tripSchema as unknown as RxJsonSchema<Trip>,
      conflictHandler: tripsConflictHandler,
      // Version 1 added optional item fields (cost, entry zones), version 2 dropped two indexes: earlier trips are
      // valid as they are.
      migrationStrategies: { 1: (doc: Trip) => doc, 2: (doc: Trip) => doc },
    },
    medical: {
      schema: medicalSectionSchema as unknown as RxJsonSchema<MedicalSection>,
      conflictHandler: medicalConflictHandler,
    },
    keyWraps: {
      schema: keyWrapSchema as unknown as RxJsonSchema<KeyWrapDocument>,
      conflictHandler: keyWrapsConflictHandler,
    },
    consents: {
      schema: consentSchema as unknown as RxJsonSchema<Consent>,
      conflictHandler: consentsConflictHandler,
    },
    auditEvents: {
      schema: auditEventSchema as unknown as RxJsonSchema<AuditEvent>,
      conflictHandler: auditEventsConflictHandler,
    },
  };
  await db.addCollections(only ? Object.fromEntries(only.map((name) => [name, all[name]])) : all);
}

/**
 * RxDB over Dexie as the local store uses it: batches of rows are read by key range (ranged-key-reads.ts), which
 * spares IndexedDB most of the requests of a first sync.
 */
export function localDexieStorage(settings: DexieSettings = {}): RxStorage<unknown, unknown> {
  return getRxStorageDexie({
    ...settings,
    onCreate: (dexie) => {
      dexie.use(rangedKeyReadsMiddleware);
    },
  }) as RxStorage<unknown, unknown>;
}

/**
 * The device's local store: RxDB over Dexie (IndexedDB), every personal field sealed at rest with the device
 * vault key. Everything a concierge does is written here first and replicated when there is a network.
 * `storage` is for tests in Node, which use RxDB's memory storage beneath the same vault wrapper; `only`, for tests
 * that open several stores in one process (RxDB's free edition holds at most 13 collections open at once): the
 * store then has those collections alone.
 */
export async function openLocalStore(
  sodium: Sodium,
  keys: VaultKeyHolder,
  name = LOCAL_STORE_NAME,
  storage: RxStorage<unknown, unknown> = localDexieStorage(),
  only?: readonly (keyof LocalCollections)[],
): Promise<LocalStore> {
  const db = await createRxDatabase<LocalCollections>({
    name,
    storage: wrappedVaultStorage({ storage, sodium, keys }),
    multiInstance: true,
    closeDuplicates: true,
  });
  await addLocalCollections(db as unknown as RxDatabase, only);
  return db;
}
