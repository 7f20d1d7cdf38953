import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../../../shared/crypto/index';
import { auditEntryHash } from '../../../../shared/crypto/audit-chain';
import { AUDIT_EXPORT_FORMAT, verifyAuditExport } from '../../../../shared/crypto/audit-verify';
import { toBase64Url } from '../../../../shared/crypto/encoding';
import { generateIdentity } from '../../../../shared/crypto/identity';
import { RESUME_KIND, auditEventSchema, type AuditEvent } from '../../../../shared/domain/audit';
import { collectionRegistry } from '../../../../shared/sync/registry';
import { logAccess } from './log-access';
import { resumeStoppedChain } from './resume';

addRxPlugin(RxDBMigrationSchemaPlugin);
const sodium = await loadSodium();
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A device that logged four entries: the server accepted 1–2, refused 3 (the chain stopped), 4 was held. */
async function stoppedDevice() {
  const db = await createRxDatabase({ name: `resume-${Math.random()}`, storage: getRxStorageMemory() });
  await db.addCollections({
    auditEvents: {
      schema: auditEventSchema as unknown as RxJsonSchema<AuditEvent>,
      migrationStrategies: collectionRegistry.auditEvents.migrations,
    },
  });
  const collection = db.collections.auditEvents as unknown as RxCollection<AuditEvent>;
  const device = generateIdentity(sodium, uuid(0xd1));
  const session = {
    store: { auditEvents: collection },
    staffId: uuid(0xaa),
    deviceId: device.staffId,
    deviceKeys: () => ({ ...device, signSecretKey: device.signSecretKey.slice() }),
  };
  const entries: AuditEvent[] = [];
  entries.push(await logAccess(session, { kind: 'unlocked', fields: [] }));
  entries.push(
    await logAccess(session, { kind: 'passport-viewed', clientId: uuid(1), fields: ['passport'] }),
  );
  entries.push(await logAccess(session, { kind: 'unlocked', fields: [] }));
  entries.push(
    await logAccess(session, { kind: 'medical-unsealed', clientId: uuid(1), fields: ['history'] }),
  );
  const own = {
    head: { seq: 2, hash: auditEntryHash(sodium, entries[1]!) },
    stop: { entryId: entries[2]!.id, seq: 3, reason: 'audit-signature' },
  };
  return { db, collection, device, session, entries, own };
}

describe('resuming a stopped access log on the device', () => {
  it('appends a resume linked to the server’s head and copies of the held entries; later entries follow', async () => {
    const { db, collection, device, session, entries, own } = await stoppedDevice();
    const { outcome, appended } = await resumeStoppedChain(session, own, { now: () => 1_800_000_000_000 });
    expect(outcome).toBe('resumed');
    expect(appended.map((e) => [e.seq, e.kind, e.target])).toEqual([
      [5, RESUME_KIND, entries[2]!.id],
      [6, 'medical-unsealed', undefined],
    ]);
    expect(appended[0]!.prevHash).toBe(own.head.hash);
    // The copy keeps what was done and when (device time), under a new id.
    expect(appended[1]).toMatchObject({ clientId: uuid(1), fields: ['history'], at: entries[3]!.at });
    expect(appended[1]!.id).not.toBe(entries[3]!.id);
    const next = await logAccess(session, { kind: 'unlocked', fields: [] });
    expect(next).toMatchObject({ seq: 7, prevHash: auditEntryHash(sodium, appended[1]!) });
    // What the server holds: 1–2, then the new segment; it verifies, and says what was skipped.
    const verified = verifyAuditExport(sodium, {
      format: AUDIT_EXPORT_FORMAT,
      exportedAt: 0,
      entries: [entries[0]!, entries[1]!, ...appended, next],
      devices: [{ deviceId: device.staffId, signPublicKey: toBase64Url(device.signPublicKey) }],
      checkpoints: [],
    });
    expect(verified).toMatchObject({ ok: true, chained: 5 });
    expect(verified.resumed).toEqual([{ deviceId: device.staffId, from: 3, to: 4, refused: entries[2]!.id }]);
    // Once: the stop is answered on this device, even before the server hears of it.
    expect((await resumeStoppedChain(session, own)).outcome).toBe('none');
    // Nothing was changed or removed: the refused and held entries stay as written.
    const ids = (await collection.find().exec()).map((doc) => doc.id);
    expect(ids).toEqual(expect.arrayContaining(entries.map((e) => e.id)));
    await db.remove();
  });

  it('does not resume from a head it did not write, nor over entries the server should hold', async () => {
    const { db, session, entries, own } = await stoppedDevice();
    const foreign = { ...own, head: { seq: 2, hash: auditEntryHash(sodium, entries[0]!) } };
    expect(await resumeStoppedChain(session, foreign)).toEqual({ outcome: 'refused', appended: [] });
    const notMine = { ...own, stop: { ...own.stop, entryId: uuid(0xbad) } };
    expect((await resumeStoppedChain(session, notMine)).outcome).toBe('refused');
    // The server's head is entry 1: entry 2, written before the refused one, is not there (yet, or any more).
    const behind = { ...own, head: { seq: 1, hash: auditEntryHash(sodium, entries[0]!) } };
    expect((await resumeStoppedChain(session, behind)).outcome).toBe('behind');
    expect((await resumeStoppedChain(session, { head: own.head })).outcome).toBe('none');
    await db.remove();
  });
});
