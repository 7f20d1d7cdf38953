import { Ajv } from 'ajv';
import type { RxDatabase, RxJsonSchema, RxStorage } from 'rxdb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import type { AuditEvent } from '../../../../shared/domain/audit';
import { clientSchema, tripSchema, type Client } from '../../../../shared/index';
import { dataSubjectRequestSchema, type DataSubjectRequest } from '../../../../shared/domain/request';
import { clientExportJsonSchema } from '../../../../shared/domain/request-export-schema';
import { CLIENT_EXPORT_SCHEMA_VERSION } from '../../../../shared/domain/request-export';
import { partnerSchema } from '../../../../shared/domain/partner';
import { provisionSchema } from '../../../../shared/domain/provision';
import { medicalContent, openMedicalWorld, type World } from '../../../../tests/support/medical-world';
import { grantMedicalAccess, type MedicalClient } from '../../core/medical/index';
import { sealTripDetails } from '../../core/medical/trip-details';
import type { Trip } from '../../../../shared/domain/trip';
import type { LocalStore } from '../../store/local-store';
import { wrappedVaultStorage } from '../../store/vault-storage';
import { buildExportOnDevice, type ExportDeps } from './export-data';
import { exportRefusalOfServer } from './build-export';

let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

let db: RxDatabase;
let world: World;
let client: MedicalClient;
const REQUEST = '00000000-0000-4000-8100-000000000001';
let logRowsRead = 0;

beforeEach(async () => {
  // The device's store: beneath the vault wrapper, which seals the access log's client and keeps its blind index.
  const vaultKey = newDataKey(sodium);
  // Beneath it, a count of the access-log rows its queries hand up to be opened.
  const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
  const counting: RxStorage<unknown, unknown> = {
    ...memory,
    async createStorageInstance(params) {
      const instance = await memory.createStorageInstance(params);
      const query = instance.query.bind(instance);
      if (params.collectionName === 'auditEvents')
        instance.query = async (prepared) => {
          const result = await query(prepared);
          logRowsRead += result.documents.length;
          return result;
        };
      return instance;
    },
  };
  const storage = wrappedVaultStorage({ storage: counting, sodium, keys: { vaultKey: () => vaultKey } });
  ({ db, world, client } = await openMedicalWorld(sodium, storage));
  await db.addCollections({
    clients: {
      schema: clientSchema as unknown as RxJsonSchema<Client>,
      migrationStrategies: { 1: (d: Client) => d, 2: (d: Client) => d, 3: (d: Client) => d },
    },
    trips: {
      schema: tripSchema as unknown as RxJsonSchema<unknown>,
      migrationStrategies: { 1: (d: unknown) => d, 2: (d: unknown) => d },
    },
    requests: {
      schema: dataSubjectRequestSchema as unknown as RxJsonSchema<DataSubjectRequest>,
      migrationStrategies: { 1: (d: DataSubjectRequest) => d },
    },
    // Issue 15: the export reads the provision ledger and the partners it names.
    partners: { schema: partnerSchema as unknown as RxJsonSchema<unknown> },
    provisions: { schema: provisionSchema as unknown as RxJsonSchema<unknown> },
  });
  const at = world.clock;
  await db.collections.clients!.insert({
    id: client.id,
    names: { latin: 'Greta Export' },
    languages: ['ja-JP'],
    status: 'active',
    assignedStaffIds: client.assignedStaffIds,
    createdAt: at,
    updatedAt: at,
  });
  await db.collections.requests!.insert({
    id: REQUEST,
    clientId: client.id,
    type: 'disclosure',
    channel: 'email',
    receivedAt: at,
    receivedBy: world.staff.aiko,
    requester: { kind: 'client' },
    gdprBasis: 'none',
    dueAt: at + 14 * 86_400_000,
    status: 'in-progress',
    verification: { method: 'known-email-reply', outcome: 'verified', by: world.staff.aiko, at },
    assignedStaffIds: client.assignedStaffIds,
    createdAt: at,
    updatedAt: at,
  });
  await world.consentAndWrite(client);
});
afterEach(async () => {
  await db.remove();
});

function deps(as: 'chika' | 'aiko'): ExportDeps {
  const medical = world.as(as);
  return {
    sodium,
    store: db as unknown as LocalStore,
    medical,
    serverPart: async () => ({
      shareRequests: [],
      legalHolds: [],
      events: [{ kind: 'client-data-exported', at: world.clock, staffId: medical.actor.staffId }],
    }),
    staffId: medical.actor.staffId,
    deviceId: medical.actor.deviceId,
    now: () => world.clock,
  };
}

describe('the export built on the device', () => {
  it('opens the medical section with the device’s grant, checks consent signatures, and is recorded', async () => {
    const built = await buildExportOnDevice(deps('chika'), client.id, REQUEST);
    const { exported } = built;
    expect(exported.language).toBe('ja');
    expect(exported.medical).toMatchObject({ state: 'open', content: medicalContent });
    expect(exported.consents.map((entry) => entry.validity)).toEqual(['valid']);
    expect(exported.accessLog.map((entry) => `${entry.source}:${entry.kind}`)).toEqual([
      'device:medical-unsealed',
      'server:client-data-exported',
    ]);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(clientExportJsonSchema);
    expect(validate(JSON.parse(built.json)), JSON.stringify(validate.errors)).toBe(true);
    expect(built.json).toContain('Amlodipine');
    const request = (await db.collections.requests!.findOne(REQUEST).exec())!.toJSON() as DataSubjectRequest;
    expect(request.exports).toEqual([
      expect.objectContaining({ by: world.staff.chika, sha256: built.sha256 }),
    ]);
    expect(request.exports?.[0]?.schemaVersion).toBe(CLIENT_EXPORT_SCHEMA_VERSION);
    expect(built.sha256).toBe(sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string(built.json))));
  });

  it('holds exactly the client’s access-log entries, found by the blind index among every client’s', async () => {
    const chika = world.as('chika').actor;
    const at = world.clock - 86_400_000;
    const logEntry = (n: number, clientId: string): AuditEvent => ({
      id: `00000000-0000-4000-c000-${n.toString(16).padStart(12, '0')}`,
      kind: n % 2 ? 'passport-viewed' : 'medical-unsealed',
      staffId: chika.staffId,
      deviceId: chika.deviceId,
      clientId,
      fields: ['passport'],
      at: at + n,
      seq: 1000 + n,
      prevHash: 'h'.repeat(43),
      signature: 's'.repeat(86),
      assignedStaffIds: client.assignedStaffIds,
    });
    const others = Array.from({ length: 300 }, (_, i) =>
      logEntry(i, `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`),
    );
    const ours = [logEntry(5000, client.id), logEntry(5001, client.id)];
    await db.collections.auditEvents!.bulkInsert([...others, ...ours]);

    logRowsRead = 0;
    const { exported } = await buildExportOnDevice(deps('chika'), client.id, REQUEST);
    const device = exported.accessLog.filter((entry) => entry.source === 'device');
    // The two stored before, and the medical section's unsealing by this export.
    expect(device.map((entry) => entry.kind)).toEqual([
      'medical-unsealed',
      'passport-viewed',
      'medical-unsealed',
    ]);
    expect(device.slice(0, 2).map((entry) => entry.at)).toEqual(ours.map((entry) => entry.at));
    expect(exported.sources.auditEvents).toBe(3);
    // Read by the bucket of the client's id: a few of the 303 entries opened, not the whole log.
    expect(logRowsRead).toBeLessThan(30);
  });

  it('builds nothing before the requester’s identity is verified: nothing opened, asked or recorded', async () => {
    const doc = (await db.collections.requests!.findOne(REQUEST).exec())!;
    await doc.incrementalPatch({ verification: { ...doc.toJSON().verification, outcome: 'failed' } });
    let asked = 0;
    const refused = buildExportOnDevice(
      {
        ...deps('chika'),
        serverPart: async () => {
          asked += 1;
          return { shareRequests: [], legalHolds: [], events: [] };
        },
      },
      client.id,
      REQUEST,
    );
    await expect(refused).rejects.toMatchObject({ reason: 'not-verified' });
    await expect(buildExportOnDevice(deps('chika'), client.id, client.id)).rejects.toMatchObject({
      reason: 'request-unknown',
    });
    expect(asked).toBe(0);
    const opened = await db.collections.auditEvents!.find().exec();
    expect(opened.filter((event) => event.toJSON().kind === 'medical-unsealed')).toHaveLength(0);
    const after = (await db.collections.requests!.findOne(REQUEST).exec())!.toJSON() as DataSubjectRequest;
    expect(after.exports).toBeUndefined();
  });

  it('builds nothing for a request an export does not answer: another type, or closed', async () => {
    let asked = 0;
    const counting: ExportDeps = {
      ...deps('chika'),
      serverPart: async () => {
        asked += 1;
        return { shareRequests: [], legalHolds: [], events: [] };
      },
    };
    const doc = (await db.collections.requests!.findOne(REQUEST).exec())!;
    const at = world.clock;
    await doc.incrementalPatch({ type: 'erasure' });
    await expect(buildExportOnDevice(counting, client.id, REQUEST)).rejects.toMatchObject({
      reason: 'not-for-export',
    });
    await doc.getLatest().incrementalPatch({
      type: 'disclosure',
      status: 'withdrawn',
      withdrawnAt: at,
      withdrawalReason: 'Has a copy.',
    });
    await expect(buildExportOnDevice(counting, client.id, REQUEST)).rejects.toMatchObject({
      reason: 'closed',
    });
    expect(asked).toBe(0);
    const opened = await db.collections.auditEvents!.find().exec();
    expect(opened.filter((event) => event.toJSON().kind === 'medical-unsealed')).toHaveLength(0);
    // The server's refusal, where its request stands otherwise than this device's, reads the same.
    expect(exportRefusalOfServer('request-closed')).toBe('closed');
    expect(exportRefusalOfServer('request-not-for-export')).toBe('not-for-export');
    expect(exportRefusalOfServer('client-held')).toBeUndefined();
  });

  it('keeps the incidents the server names the client in, with how the client was told', async () => {
    const incident = {
      id: '00000000-0000-4000-8000-00000000e001',
      discoveredAt: world.clock - 1,
      dataCategories: ['medical' as const],
      status: 'open' as const,
      notifications: [{ channel: 'email', language: 'ja', notifiedAt: world.clock }],
    };
    const withIncident: ExportDeps = {
      ...deps('chika'),
      serverPart: async () => ({ shareRequests: [], legalHolds: [], events: [], incidents: [incident] }),
    };
    const { exported } = await buildExportOnDevice(withIncident, client.id, REQUEST);
    expect(exported.incidents).toEqual([incident]);
    expect(exported.sources).toMatchObject({ incidents: 1, incident_notifications: 1 });
  });

  it('keeps the documents deleted on devices whose content the server still holds, marked deleted', async () => {
    const trip = {
      id: '00000000-0000-4000-9000-0000000000d1',
      clientId: client.id,
      title: 'Kyoto, cancelled',
    };
    const withDeleted: ExportDeps = {
      ...deps('chika'),
      serverPart: async () => ({
        shareRequests: [],
        legalHolds: [],
        events: [],
        // The server answers every document of the client with its flag: the live client, a deleted trip.
        documents: {
          clients: [{ ...client, _deleted: false }],
          trips: [{ ...trip, updatedAt: world.clock, _deleted: true }],
        },
      }),
    };
    const built = await buildExportOnDevice(withDeleted, client.id, REQUEST);
    expect(built.exported.deletedRecords).toEqual([
      { collection: 'trips', id: trip.id, deleted: true, record: { ...trip, updatedAt: world.clock } },
    ]);
    expect(built.exported.sources).toMatchObject({ deleted_on_server: 1 });
    const validate = new Ajv({ allErrors: true, strict: false }).compile(clientExportJsonSchema);
    expect(validate(JSON.parse(built.json)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('on a device without a grant, opens nothing and names who can grant', async () => {
    // Ben (a concierge, who may not grant) holds the key on his two approved devices; Chika wrote the section.
    await grantMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    const { exported, medicalHolders } = await buildExportOnDevice(deps('aiko'), client.id, REQUEST);
    expect(exported.medical).toEqual({
      state: 'no-access',
      granters: expect.arrayContaining([world.staff.chika]),
    });
    expect(JSON.stringify(exported)).not.toContain('Amlodipine');
    expect(medicalHolders).toEqual([
      { staffId: world.staff.chika, name: 'Chika Mori', role: 'coordinator', devices: 1, canGrant: true },
      { staffId: world.staff.ben, name: 'Ben Carter', role: 'concierge', devices: 2, canGrant: false },
    ]);
  });

  it('opens a medical itinerary item’s sealed details with the grant, and marks them sealed without one', async () => {
    const details = { title: 'Knee MRI', location: 'Keio Hospital', notes: 'No metal' };
    const trip: Trip = {
      id: '00000000-0000-4000-9000-0000000000a1',
      clientId: client.id,
      assignedStaffIds: client.assignedStaffIds,
      title: 'Tokyo, spring',
      startDate: '2026-04-01',
      endDate: '2026-04-08',
      timeZone: 'Asia/Tokyo',
      items: [
        {
          id: '00000000-0000-4000-9000-0000000000a2',
          kind: 'procedure',
          start: '2026-04-02T09:00:00+09:00',
          end: '2026-04-02T11:00:00+09:00',
          ...details,
        },
      ],
      createdAt: world.clock,
      updatedAt: world.clock,
    };
    const sealed = await sealTripDetails(world.as('chika'), client, {
      next: trip,
      stored: undefined,
      shown: new Map(),
      notices: [world.notice],
    });
    expect(sealed.items[0]!.sealedDetails).toBeDefined();
    await db.collections.trips!.insert(sealed);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(clientExportJsonSchema);

    const built = await buildExportOnDevice(deps('chika'), client.id, REQUEST);
    const item = built.exported.trips[0]!.items[0]!;
    expect(item.openedDetails).toEqual(details);
    expect(item.sealedDetails).toBe(sealed.items[0]!.sealedDetails);
    expect(validate(JSON.parse(built.json)), JSON.stringify(validate.errors)).toBe(true);
    expect(built.exported.accessLog.map((entry) => entry.kind)).toContain('trip-medical-opened');

    // A deleted trip the server still holds: its medical item opened as a live one's.
    const gone = { ...sealed, id: '00000000-0000-4000-9000-0000000000a3', items: [] };
    const goneSealed = await sealTripDetails(world.as('chika'), client, {
      next: { ...gone, items: [{ ...trip.items[0]!, id: '00000000-0000-4000-9000-0000000000a4' }] },
      stored: undefined,
      shown: new Map(),
      notices: [world.notice],
    });
    const withDeleted: ExportDeps = {
      ...deps('chika'),
      serverPart: async () => ({
        shareRequests: [],
        legalHolds: [],
        events: [],
        documents: { trips: [{ ...goneSealed, _deleted: true }] },
      }),
    };
    const again = await buildExportOnDevice(withDeleted, client.id, REQUEST);
    expect(again.exported.deletedRecords).toEqual([
      expect.objectContaining({
        collection: 'trips',
        record: expect.objectContaining({
          items: [expect.objectContaining({ openedDetails: details, sealedDetails: expect.any(String) })],
        }),
      }),
    ]);
    expect(validate(JSON.parse(again.json)), JSON.stringify(validate.errors)).toBe(true);

    await grantMedicalAccess(world.as('chika'), client.id, world.staff.ben);
    const { exported } = await buildExportOnDevice(deps('aiko'), client.id, REQUEST);
    const kept = exported.trips[0]!.items[0]!;
    expect(kept.openedDetails).toBeUndefined();
    expect(kept.sealedDetails).toBe(sealed.items[0]!.sealedDetails);
    expect(JSON.stringify(exported)).not.toContain('Keio Hospital');
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
  });
});
