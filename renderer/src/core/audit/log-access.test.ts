import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../../../shared/crypto/index';
import { AUDIT_EXPORT_FORMAT, verifyAuditExport } from '../../../../shared/crypto/audit-verify';
import { toBase64Url } from '../../../../shared/crypto/encoding';
import { generateIdentity } from '../../../../shared/crypto/identity';
import { auditEventSchema, type AuditEvent } from '../../../../shared/domain/audit';
import { collectionRegistry } from '../../../../shared/sync/registry';
import { logAccess } from './log-access';
import { auditEntryHash } from '../../../../shared/crypto/audit-chain';
import { auditChainOf } from '../../../../tests/support/audit-log';
import { newDataKey } from '../../../../shared/crypto/index';
import { Quarantine } from '../../store/quarantine';
import { wrappedVaultStorage } from '../../store/vault-storage';

addRxPlugin(RxDBMigrationSchemaPlugin);
const sodium = await loadSodium();
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

async function openLog(storage: RxStorage<unknown, unknown> = getRxStorageMemory()) {
  const db = await createRxDatabase({ name: `log-${Math.random()}`, storage });
  await db.addCollections({
    auditEvents: {
      schema: auditEventSchema as unknown as RxJsonSchema<AuditEvent>,
      migrationStrategies: collectionRegistry.auditEvents.migrations,
    },
  });
  return { db, collection: db.collections.auditEvents as unknown as RxCollection<AuditEvent> };
}

describe('logAccess', () => {
  it('chains concurrent calls in call order, signed by the device, and later calls after them', async () => {
    const { db, collection } = await openLog();
    const device = generateIdentity(sodium, uuid(0xd1));
    const session = {
      store: { auditEvents: collection },
      staffId: uuid(0xaa),
      deviceId: device.staffId,
      deviceKeys: () => ({ ...device, signSecretKey: device.signSecretKey.slice() }),
    };
    await Promise.all([
      logAccess(session, { kind: 'unlocked', fields: [] }),
      logAccess(
        session,
        { kind: 'passport-viewed', clientId: uuid(1), fields: ['passport'] },
        { assignedStaffIds: [uuid(0xbb)] },
      ),
      logAccess(session, { kind: 'exported', fields: ['audit-log-csv'] }),
    ]);
    await logAccess(session, { kind: 'review', target: 'week:2026-12-07', fields: [] });
    const entries = (await collection.find().exec())
      .map((doc) => doc.toJSON() as AuditEvent)
      .sort((a, b) => a.seq - b.seq);
    expect(entries.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'unlocked'],
      [2, 'passport-viewed'],
      [3, 'exported'],
      [4, 'review'],
    ]);
    expect(entries[1]!.assignedStaffIds).toEqual([uuid(0xbb)]);
    expect(entries[0]!.assignedStaffIds).toEqual([uuid(0xaa)]);
    const result = verifyAuditExport(sodium, {
      format: AUDIT_EXPORT_FORMAT,
      exportedAt: 0,
      entries,
      devices: [{ deviceId: device.staffId, signPublicKey: toBase64Url(device.signPublicKey) }],
      checkpoints: [],
    });
    expect(result).toMatchObject({ ok: true, chained: 4, signaturesChecked: 4 });
    await db.remove();
  });

  it('goes on from the head the store holds (after a restart), legacy entries aside', async () => {
    const { db, collection } = await openLog();
    const device = generateIdentity(sodium, uuid(0xd3));
    const earlier = auditChainOf(sodium, device, 3, { staffId: uuid(0xaa) }).entries;
    await collection.bulkInsert([
      ...earlier,
      { ...earlier[0]!, id: uuid(0xf0), seq: 0, legacy: true, prevHash: undefined, signature: undefined },
    ]);
    const session = {
      store: { auditEvents: collection },
      staffId: uuid(0xaa),
      deviceId: device.staffId,
      deviceKeys: () => device,
    };
    const next = await logAccess(session, { kind: 'unlocked', fields: [] });
    expect(next).toMatchObject({ seq: 4, prevHash: auditEntryHash(sodium, earlier[2]!) });
    await db.remove();
  });

  it('finds the head of a long chain by reading a few rows, not every entry of the device', async () => {
    // Each query's plan: a sort that is not the index's order makes the storage read the whole range to sort it
    // (in IndexedDB, every row of the device, each with its envelope).
    const plans: { sortSatisfiedByIndex: boolean }[] = [];
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const { db, collection } = await openLog({
      ...memory,
      async createStorageInstance(params) {
        const instance = await memory.createStorageInstance(params);
        const query = instance.query.bind(instance);
        instance.query = async (prepared) => {
          plans.push(prepared.queryPlan);
          return query(prepared);
        };
        return instance;
      },
    });
    const device = generateIdentity(sodium, uuid(0xd4));
    const entryOf = (deviceId: string, seq: number): AuditEvent => ({
      id: uuid(0x100000 + seq + (deviceId === device.staffId ? 0 : 0x10000)),
      kind: 'passport-viewed',
      staffId: uuid(0xaa),
      deviceId,
      clientId: uuid(seq),
      fields: ['passport'],
      at: 1_700_000_000_000 + seq,
      seq,
      prevHash: 'h'.repeat(43),
      signature: 's'.repeat(86),
      assignedStaffIds: [uuid(0xaa)],
    });
    // 2,987 entries of this device, numbered to 3,000 with a gap (the seqs a refused entry left), and another
    // device's further on.
    const ours = Array.from({ length: 3000 }, (_, i) => entryOf(device.staffId, i + 1)).filter(
      (e) => e.seq < 1500 || e.seq > 1512,
    );
    await collection.bulkInsert([
      ...ours,
      ...Array.from({ length: 500 }, (_, i) => entryOf(uuid(0xd5), 5000 + i)),
    ]);
    plans.length = 0;
    const next = await logAccess(
      {
        store: { auditEvents: collection },
        staffId: uuid(0xaa),
        deviceId: device.staffId,
        deviceKeys: () => device,
      },
      { kind: 'unlocked', fields: [] },
    );
    expect(next).toMatchObject({ seq: 3001, prevHash: auditEntryHash(sodium, ours.at(-1)!) });
    expect(plans.length).toBeLessThan(60);
    expect(plans.every((plan) => plan.sortSatisfiedByIndex)).toBe(true);
    await db.remove();
  });

  it('refuses an entry with a value where a name belongs, writing nothing', async () => {
    const { db, collection } = await openLog();
    const device = generateIdentity(sodium, uuid(0xd2));
    const session = {
      store: { auditEvents: collection },
      staffId: uuid(0xaa),
      deviceId: device.staffId,
      deviceKeys: () => device,
    };
    await expect(
      logAccess(session, { kind: 'passport-viewed', clientId: uuid(1), fields: ['AB 123456'] }),
    ).rejects.toThrow(RangeError);
    expect(await collection.count().exec()).toBe(0);
    await db.remove();
  });

  it('finds the head past a held entry of the device (review16-s6 M3), not the entry before it', async () => {
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    let inner: unknown;
    const spying = {
      ...memory,
      async createStorageInstance(params) {
        const instance = await memory.createStorageInstance(params);
        if (params.collectionName === 'auditEvents') inner = instance;
        return instance;
      },
    } as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const quarantine = new Quarantine();
    const { db, collection } = await openLog(
      wrappedVaultStorage({ storage: spying, sodium, keys: { vaultKey: () => key }, quarantine }),
    );
    const device = generateIdentity(sodium, uuid(0xd6));
    const entries = Array.from({ length: 10 }, (_, i): AuditEvent => ({
      id: uuid(0x200000 + i + 1),
      kind: 'passport-viewed',
      staffId: uuid(0xaa),
      deviceId: device.staffId,
      clientId: uuid(i + 1),
      fields: ['passport'],
      at: 1_700_000_000_000 + i,
      seq: i + 1,
      prevHash: 'h'.repeat(43),
      signature: 's'.repeat(86),
      assignedStaffIds: [uuid(0xaa)],
    }));
    await collection.bulkInsert(entries);
    // Entry 2 (the gallop's first probe after entry 1) made unreadable beneath the vault: it is held.
    const stored = inner as {
      findDocumentsById(ids: string[], deleted: boolean): Promise<Record<string, unknown>[]>;
      bulkWrite(rows: unknown[], context: string): Promise<{ error: unknown[] }>;
    };
    const [row] = await stored.findDocumentsById([entries[1]!.id], true);
    const sealed = String(row!._sealed);
    const flipped = `${sealed.slice(0, 40)}${sealed[40] === 'A' ? 'B' : 'A'}${sealed.slice(41)}`;
    expect(
      (await stored.bulkWrite([{ previous: row, document: { ...row, _sealed: flipped } }], 'test')).error,
    ).toEqual([]);
    const next = await logAccess(
      {
        store: { auditEvents: collection },
        staffId: uuid(0xaa),
        deviceId: device.staffId,
        deviceKeys: () => device,
      },
      { kind: 'unlocked', fields: [] },
    );
    expect(quarantine.list()).toEqual([
      { collection: 'auditEvents', id: entries[1]!.id, reason: 'unreadable' },
    ]);
    expect(next).toMatchObject({ seq: 11, prevHash: auditEntryHash(sodium, entries[9]!) });
    await db.remove();
  });
});
