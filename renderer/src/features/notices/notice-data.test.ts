import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { addNotice, deleteNotice, updateNotice } from './notice-data';
import type { NoticeValues } from './notice-form';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const DAY = 86_400_000;
const values = (overrides: Partial<NoticeValues> = {}): NoticeValues => ({
  version: '2027.1',
  effectiveAt: Date.now() + DAY,
  summary: 'Partner clinics abroad',
  substantial: true,
  renewalDeadline: Date.now() + 31 * DAY,
  texts: [{ language: 'en', text: 'Policy', sha256: 'a'.repeat(64) }],
  ...overrides,
});

describe('the notices data layer', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  async function open(): Promise<LocalStore> {
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `notice-data-test-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    return store;
  }

  const read = async (db: LocalStore, id: string) =>
    (await db.orgSettings.findOne(id).exec())?.toJSON() as PrivacyNotice | undefined;

  it('loads a version published by the person signed in, as a valid orgSettings document', async () => {
    const db = await open();
    const id = await addNotice(db, uuid(9), values());
    expect(await read(db, id)).toMatchObject({
      id,
      kind: 'privacy-notice',
      version: '2027.1',
      publishedBy: uuid(9),
      assignedStaffIds: [],
      substantial: true,
    });
  });

  it('corrects a scheduled version, dropping a deadline no longer asked for', async () => {
    const db = await open();
    const id = await addNotice(db, uuid(9), values());
    const before = await read(db, id);
    await updateNotice(
      db,
      id,
      values({ version: '2027.1a', substantial: false, renewalDeadline: undefined }),
    );
    const after = await read(db, id);
    expect(after).toMatchObject({ version: '2027.1a', substantial: false, publishedBy: uuid(9) });
    expect(after).not.toHaveProperty('renewalDeadline');
    expect(after!.createdAt).toBe(before!.createdAt);
    expect(after!.updatedAt).toBeGreaterThan(before!.updatedAt);
  });

  it('refuses to change or delete a version in effect', async () => {
    const db = await open();
    const id = await addNotice(db, uuid(9), values({ effectiveAt: Date.now() - 1000 }));
    await expect(updateNotice(db, id, values())).rejects.toMatchObject({ code: 'notice-effective' });
    await expect(deleteNotice(db, id)).rejects.toMatchObject({ code: 'notice-effective' });
    expect(await read(db, id)).toMatchObject({ version: '2027.1' });
  });

  it('deletes a scheduled version', async () => {
    const db = await open();
    const id = await addNotice(db, uuid(9), values());
    await deleteNotice(db, id);
    expect(await read(db, id)).toBeUndefined();
    await expect(deleteNotice(db, id)).rejects.toMatchObject({ code: 'not-found' });
  });
});
