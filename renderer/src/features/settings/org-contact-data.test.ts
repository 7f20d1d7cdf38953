import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey } from '../../../../shared/crypto/index';
import { ORG_CONTACT_ID, orgContactProblem, type OrgContact } from '../../../../shared/domain/org-settings';
import { openLocalStore, type LocalStore } from '../../store/local-store';
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
});
