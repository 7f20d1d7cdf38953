import { createRxDatabase, type RxCollection, type RxJsonSchema, type RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey } from '../../../../shared/crypto/index';
import { ORG_CONTACT_ID, orgContactProblem, type OrgContact } from '../../../../shared/domain/org-settings';
import { orgSettingSchema, type PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { wrappedVaultStorage } from '../../store/vault-storage';
import { saveOrgContact } from './org-contact-data';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('the organisation contact’s data layer', () => {
  let store: LocalStore | undefined;
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  it('saves one record under the fixed id, in the saver’s name, and changes it in place', async () => {
    const sodium = await loadSodium();
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `org-contact-test-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    await saveOrgContact(store, uuid(1), { phone: '+81312345678' }, 1_000);
    await saveOrgContact(store, uuid(2), { emergencyPhone: '+819012345678' }, 500);
    const docs = await store.orgSettings.find().exec();
    expect(docs.map((doc) => doc.toJSON())).toEqual([
      {
        id: ORG_CONTACT_ID,
        kind: 'org-contact',
        contact: { emergencyPhone: '+819012345678' },
        updatedBy: uuid(2),
        assignedStaffIds: [],
        createdAt: 1_000,
        updatedAt: 1_001,
      } satisfies OrgContact,
    ]);
    // What the device stores is what the server's rule accepts.
    expect(orgContactProblem(docs[0]!.toJSON() as unknown as Record<string, unknown>)).toBeUndefined();
  });

  it('opens a device’s notice versions stored under schema 0 unchanged, and then takes the contact', async () => {
    const sodium = await loadSodium();
    const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
    const key = newDataKey(sodium);
    const keys = { vaultKey: () => key };
    const name = `org-settings-migration-test-${crypto.randomUUID()}`;
    const { contact, updatedBy, ...propertiesV0 } = orgSettingSchema.properties;
    expect([contact, updatedBy].every(Boolean)).toBe(true);
    const schemaV0 = {
      ...orgSettingSchema,
      version: 0,
      properties: { ...propertiesV0, kind: { type: 'string', enum: ['privacy-notice'], maxLength: 32 } },
      required: [
        ...orgSettingSchema.required,
        'version',
        'effectiveAt',
        'summary',
        'substantial',
        'texts',
        'publishedBy',
      ],
    };
    const notice: PrivacyNotice = {
      id: uuid(9),
      kind: 'privacy-notice',
      version: '2026.1',
      effectiveAt: 1,
      summary: 'First',
      substantial: false,
      texts: [{ language: 'en', text: 'Policy', sha256: 'a'.repeat(64) }],
      publishedBy: uuid(1),
      assignedStaffIds: [],
      createdAt: 1,
      updatedAt: 1,
    };
    const old = await createRxDatabase<{ orgSettings: RxCollection<PrivacyNotice> }>({
      name,
      storage: wrappedVaultStorage({ storage: memory, sodium, keys }),
    });
    await old.addCollections({ orgSettings: { schema: schemaV0 as unknown as RxJsonSchema<PrivacyNotice> } });
    await old.orgSettings.insert(notice);
    await old.close();

    store = await openLocalStore(sodium, keys, name, memory);
    expect((await store.orgSettings.findOne(notice.id).exec())?.toJSON()).toEqual(notice);
    await saveOrgContact(store, uuid(1), { phone: '+81312345678' });
    expect(await store.orgSettings.count().exec()).toBe(2);
  });
});
