import { describe, expect, it } from 'vitest';
import { WrongPassphraseError } from '../../security/device-vault';
import { noteFailedUnlock } from './unlocks';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
};

describe('noteFailedUnlock', () => {
  it('counts wrong passphrases only', () => {
    const storage = memoryStorage();
    noteFailedUnlock(new WrongPassphraseError(), storage);
    noteFailedUnlock(new WrongPassphraseError(), storage);
    noteFailedUnlock(new Error('offline'), storage);
    expect(storage.getItem('lumina.failedUnlocks')).toBe('2');
  });
});

describe('logUnlock', () => {
  it('logs the failures counted since the last unlock, then the unlock, and clears the count', async () => {
    const { addRxPlugin, createRxDatabase } = await import('rxdb');
    const { RxDBMigrationSchemaPlugin } = await import('rxdb/plugins/migration-schema');
    const { getRxStorageMemory } = await import('rxdb/plugins/storage-memory');
    const { loadSodium } = await import('../../../../shared/crypto/index');
    const { generateIdentity } = await import('../../../../shared/crypto/identity');
    const { auditEventSchema } = await import('../../../../shared/domain/audit');
    const { collectionRegistry } = await import('../../../../shared/sync/registry');
    const { logUnlock } = await import('./unlocks');
    addRxPlugin(RxDBMigrationSchemaPlugin);
    const db = await createRxDatabase({ name: `unlocks-${Math.random()}`, storage: getRxStorageMemory() });
    await db.addCollections({
      auditEvents: {
        schema: auditEventSchema as never,
        migrationStrategies: collectionRegistry.auditEvents.migrations,
      },
    });
    const device = generateIdentity(await loadSodium(), '00000000-0000-4000-8000-0000000000d1');
    const storage = memoryStorage();
    noteFailedUnlock(new WrongPassphraseError(), storage);
    noteFailedUnlock(new WrongPassphraseError(), storage);
    const session = {
      store: { auditEvents: db.collections.auditEvents as never },
      staffId: '00000000-0000-4000-8000-0000000000aa',
      deviceId: device.staffId,
      deviceKeys: () => ({ ...device, signSecretKey: device.signSecretKey.slice() }),
    };
    await logUnlock(session, storage);
    const entries = (await db.collections.auditEvents!.find().exec())
      .map((doc) => doc.toJSON() as { seq: number; kind: string; target?: string })
      .sort((a, b) => a.seq - b.seq);
    expect(entries.map((e) => [e.seq, e.kind, e.target])).toEqual([
      [1, 'unlock-failed', 'count:2'],
      [2, 'unlocked', undefined],
    ]);
    expect(storage.getItem('lumina.failedUnlocks')).toBeNull();
    await db.remove();
  });
});
