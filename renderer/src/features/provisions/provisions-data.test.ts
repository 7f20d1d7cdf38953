import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { canShareWith } from '../../../../shared/domain/consent-ledger';
import type { Partner } from '../../../../shared/domain/partner';
import { provisionsToDestroy, type Provision } from '../../../../shared/domain/provision';
import type { ShareRequest } from '../../../../shared/domain/share-request';
import { newClient } from '../../../../shared/index';
import { providedRecord } from '../../../../shared/domain/provision-delivery';
import { PROVIDED_BY_DELIVERY_ONLY, provisionRule } from '../../../../shared/sync/provision-push-rule';
import type { AnyDocument, PushFacts } from '../../../../shared/sync/push-rules';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { ProvisionRefused, recordDestroyNotified, recordReceipt, writeProvision } from './provisions-data';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const NOW = Date.UTC(2026, 11, 7, 9, 0);
const CONCIERGE = uuid(30);
const MANAGER = uuid(40);
const client = newClient(uuid(1), { latin: 'Zoë Hartley' }, 1, [CONCIERGE]);

const partner = (country: string): Partner => ({
  id: uuid(77),
  names: { en: 'Kyoto Clinic', ja: '京都クリニック' },
  kind: 'clinic',
  country,
  city: 'Kyoto',
  vetting: { status: 'vetted', by: MANAGER, at: NOW - 1000 },
  assignedStaffIds: [],
  createdAt: 1,
  updatedAt: 1,
});
const consent = (id: number, fields: Partial<ConsentRecord>): ConsentRecord =>
  ({
    id: uuid(id),
    clientId: client.id,
    action: 'given',
    purpose: 'provision',
    partnerId: uuid(77),
    statedPurpose: 'Treatment',
    noticeId: uuid(900),
    noticeVersion: '1',
    noticeHash: '0'.repeat(64),
    language: 'en',
    method: 'signed-paper',
    at: NOW - 5000,
    recordedBy: CONCIERGE,
    deviceId: uuid(31),
    recordedAt: NOW - 5000,
    assignedStaffIds: [CONCIERGE],
    ...fields,
  }) as ConsentRecord;
const share = (status: ShareRequest['status'] = 'approved'): ShareRequest => ({
  id: uuid(500),
  clientId: client.id,
  partnerName: 'Kyoto Clinic',
  partnerId: uuid(77),
  partnerCountry: 'JP',
  purpose: 'Admission',
  fields: ['names', 'medical.allergies'],
  tripId: uuid(600),
  tripItemId: uuid(601),
  status,
  requestedBy: CONCIERGE,
  requestedAt: NOW - 3000,
  ...(status === 'approved' ? { decidedBy: MANAGER, decidedAt: NOW - 2000 } : {}),
});
const HASH = 'ab'.repeat(32);

describe('the provision ledger data layer', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });
  async function open() {
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `provisions-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    await store.clients.insert(client);
    return store;
  }
  const all = async (local: LocalStore) =>
    (await local.provisions.find().exec()).map((doc) => doc.toJSON() as Provision);

  // The record the server writes when the delivery is registered (server/shares/share-delivery.ts).
  const delivery = (ledger: ConsentRecord[], abroad = false): Provision => {
    const allowed = canShareWith(
      ledger,
      client.id,
      { id: uuid(77), country: abroad ? 'FR' : 'JP', inJapan: !abroad },
      NOW,
    );
    if (!allowed.ok) throw new Error('no consent');
    return providedRecord({
      id: uuid(701),
      share: { ...share(), partnerId: uuid(77), decidedBy: MANAGER },
      allowed,
      packageId: uuid(700),
      packageHash: HASH,
      recordedBy: MANAGER,
      at: NOW,
      assignedStaffIds: [CONCIERGE],
    });
  };

  it('never writes a delivery itself: the server writes it, and refuses one pushed through sync', async () => {
    const local = await open();
    const ledger = [
      consent(1, {}),
      consent(2, { purpose: 'overseas-transfer', partnerId: undefined, country: 'FR' }),
    ];
    const record = delivery(ledger, true);
    expect(record).toMatchObject({ kind: 'provided', consentId: uuid(1), overseasConsentId: uuid(2) });
    await expect(writeProvision(local, record)).rejects.toEqual(
      new ProvisionRefused('provided-by-delivery-only'),
    );
    expect(await all(local)).toEqual([]);
    const facts = {
      document: async (collection: string) =>
        collection === 'partners' ? { ...partner('FR'), _deleted: false } : undefined,
      shareRequest: async () => ({ ...share(), partnerCountry: 'FR' }),
      consentsOfClient: async () => ledger,
      now: () => NOW,
    } as unknown as PushFacts;
    const next = { ...record, _deleted: false } as unknown as AnyDocument;
    for (const staffId of [CONCIERGE, MANAGER]) {
      const caller = { staffId, deviceId: uuid(41), role: 'manager' as const };
      expect(await provisionRule({ caller, master: undefined, next, facts })).toMatchObject({
        reason: PROVIDED_BY_DELIVERY_ONLY,
      });
    }
    // Pulled, it is the server's: sent back unchanged it passes, changed it is refused.
    const caller = { staffId: MANAGER, deviceId: uuid(41), role: 'manager' as const };
    expect(await provisionRule({ caller, master: next, next: { ...next }, facts })).toBeUndefined();
    const changed = { ...next, packageHash: 'cd'.repeat(32) };
    expect(await provisionRule({ caller, master: next, next: changed, facts })).toMatchObject({
      reason: 'provision-record-immutable',
    });
  });

  it('marks a delivery whose consent was withdrawn for destruction until the partner is told', async () => {
    const local = await open();
    const ledger = [consent(1, {})];
    // As pulled from the server, which wrote it when the delivery was registered.
    const provided = delivery(ledger);
    await local.provisions.insert(provided);
    const received = await recordReceipt(local, {
      clientId: client.id,
      partnerId: uuid(77),
      items: [{ key: 'results', label: { en: 'Test results', ja: '検査結果' } }],
      obtainedHow: 'Blood tests the clinic ran',
      at: NOW,
      staffId: CONCIERGE,
      now: NOW,
    });
    expect(received.kind).toBe('received');
    const withdrawn = [...ledger, consent(3, { action: 'withdrawn', refersTo: uuid(1), at: NOW + 100 })];
    expect(provisionsToDestroy(await all(local), withdrawn).map((r) => r.id)).toEqual([provided.id]);
    await recordDestroyNotified(local, provided, CONCIERGE, NOW + 200);
    expect(provisionsToDestroy(await all(local), withdrawn)).toEqual([]);
  });
});
