import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../../shared/auth/roles';
import { toBase64Url } from '../../../../shared/crypto/encoding';
import { generateIdentity, loadSodium, newDataKey, type Sodium } from '../../../../shared/crypto/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { canWriteMedical, marketingAllowed } from '../../../../shared/domain/consent-ledger';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import { newClient } from '../../../../shared/index';
import type { Partner } from '../../../../shared/domain/partner';
import { consentPushRule } from '../../../../shared/sync/consent-push-rule';
import type { AnyDocument, PushFacts } from '../../../../shared/sync/push-rules';
import { openLocalStore, type LocalStore } from '../../store/local-store';
import { consentCommands, type ConsentCommands } from './consent-data';
import { ledgerEntries, trustedRecords } from './consent-records';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 9, 0);
const COORDINATOR = uuid(20);
const CONCIERGE = uuid(30);
const PARTNER = uuid(77);
const SUSPENDED = uuid(78);
const partner = (id: string, status: Partner['vetting']['status']): Partner => ({
  id,
  names: { en: 'Raffles Clinic', ja: 'ラッフルズクリニック' },
  kind: 'clinic',
  country: 'SG',
  city: 'Singapore',
  vetting: { status },
  assignedStaffIds: [],
  createdAt: 1,
  updatedAt: 1,
});
const PARTNERS = [partner(PARTNER, 'vetted'), partner(SUSPENDED, 'suspended')];
const client = newClient(uuid(1), { latin: 'Zoë Hartley' }, 1, [CONCIERGE]);
const other = newClient(uuid(2), { latin: 'Ren Aoki' }, 1, [uuid(99)]);

const hex = (sodium: Sodium, text: string) =>
  sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string(text)));
const notice = (sodium: Sodium): PrivacyNotice => ({
  id: uuid(900),
  kind: 'privacy-notice',
  version: '2026.1',
  effectiveAt: NOW - 100 * DAY,
  summary: 'first',
  substantial: false,
  texts: ['en', 'ja'].map((language) => ({
    language,
    text: `notice ${language}`,
    sha256: hex(sodium, `notice ${language}`),
  })),
  publishedBy: uuid(10),
  assignedStaffIds: [],
  createdAt: 1,
  updatedAt: 1,
});

describe('the consents data layer', () => {
  let sodium: Sodium;
  let store: LocalStore | undefined;
  beforeAll(async () => {
    sodium = await loadSodium();
  });
  afterEach(async () => {
    await store?.remove();
    store = undefined;
  });

  const devices = new Map<string, ReturnType<typeof generateIdentity>>();

  async function open() {
    const key = newDataKey(sodium);
    store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `consents-${crypto.randomUUID()}`,
      getRxStorageMemory(),
    );
    await store.clients.bulkInsert([client, other]);
    await store.orgSettings.insert(notice(sodium));
    await store.partners.bulkInsert(PARTNERS);
    return store;
  }

  function as(local: LocalStore, staffId: string, role: Role): ConsentCommands & { deviceId: string } {
    const deviceId = crypto.randomUUID();
    const keys = generateIdentity(sodium, deviceId);
    devices.set(deviceId, keys);
    const commands = consentCommands({
      sodium: async () => sodium,
      store: local,
      staffId,
      deviceId,
      role,
      deviceKeys: () => ({
        ...keys,
        signSecretKey: keys.signSecretKey.slice(),
        boxSecretKey: keys.boxSecretKey.slice(),
      }),
      now: () => NOW,
    });
    return { ...commands, deviceId };
  }

  /** The server's consent rule over what the local store holds, as a push of `record` by its recorder. */
  async function serverAccepts(local: LocalStore, record: ConsentRecord, role: Role = 'coordinator') {
    const held = (await local.consents.find({ selector: { clientId: record.clientId } }).exec())
      .map((doc) => doc.toJSON() as ConsentRecord)
      .filter((doc) => doc.id !== record.id);
    const facts = {
      consentsOfClient: async () => held,
      notices: async () => [notice(sodium)],
      deviceSignKey: async (id: string) => {
        const keys = devices.get(id);
        return keys ? toBase64Url(keys.signPublicKey) : undefined;
      },
      staffActive: async () => true,
      document: async (collection: string, id: string) => {
        const found = collection === 'partners' ? PARTNERS.find((p) => p.id === id) : undefined;
        return found && { ...found, _deleted: false };
      },
      now: () => NOW,
    } as unknown as PushFacts;
    return consentPushRule({
      caller: { staffId: record.recordedBy, deviceId: record.deviceId, role },
      master: undefined,
      next: { ...record, _deleted: false } as unknown as AnyDocument,
      facts,
    });
  }

  const given = {
    clientId: client.id,
    action: 'given' as const,
    purpose: 'medical-data' as const,
    noticeId: uuid(900),
    language: 'ja',
    method: 'signed-paper' as const,
    at: NOW - DAY,
  };

  it('records, signs and inserts a consent the server accepts, which opens the medical gate', async () => {
    const local = await open();
    const coordinator = as(local, COORDINATOR, 'coordinator');
    const result = await coordinator.record(given);
    expect(result.ok).toBe(true);
    const record = result.ok ? result.record : undefined;
    expect(record).toMatchObject({
      ...given,
      noticeVersion: '2026.1',
      noticeHash: hex(sodium, 'notice ja'),
      recordedBy: COORDINATOR,
      deviceId: coordinator.deviceId,
      recordedAt: NOW,
      assignedStaffIds: [CONCIERGE],
    });
    expect(await serverAccepts(local, record!)).toBeUndefined();
    const stored = (await local.consents.find().exec()).map((doc) => doc.toJSON() as ConsentRecord);
    const entries = ledgerEntries(sodium, stored, devices as never);
    expect(entries.map((entry) => entry.validity)).toEqual(['valid']);
    expect(canWriteMedical(trustedRecords(entries), [notice(sodium)], client.id, NOW)).toMatchObject({
      ok: true,
    });
  });

  it('records provision, overseas and marketing consents, a refusal and a "told", each accepted by the server', async () => {
    const local = await open();
    const coordinator = as(local, COORDINATOR, 'coordinator');
    const inputs = [
      {
        ...given,
        purpose: 'provision' as const,
        partnerId: PARTNER,
        statedPurpose: 'Pre-treatment assessment',
        purposeCode: 'medical-assessment' as const,
        partnerCountry: 'SG',
      },
      { ...given, purpose: 'overseas-transfer' as const, country: 'SG', countryInformation: 'PDPA 2012.' },
      {
        ...given,
        purpose: 'marketing' as const,
        method: 'verbal-witnessed' as const,
        witnessStaffId: COORDINATOR,
      },
      { ...given, action: 'refused' as const, purpose: 'notice-acknowledgement' as const },
      { ...given, action: 'informed' as const },
    ];
    for (const input of inputs) {
      const result = await coordinator.record(input);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) expect(await serverAccepts(local, result.record)).toBeUndefined();
    }
    const all = (await local.consents.find().exec()).map((doc) => doc.toJSON() as ConsentRecord);
    expect(marketingAllowed(all, client.id, NOW)).toBe(true);
  });

  it('refuses a provision naming a partner the directory here does not hold, or holds suspended', async () => {
    const local = await open();
    const coordinator = as(local, COORDINATOR, 'coordinator');
    const provision = {
      ...given,
      purpose: 'provision' as const,
      statedPurpose: 'Aftercare',
      purposeCode: 'aftercare' as const,
    };
    expect(await coordinator.record({ ...provision, partnerId: uuid(79) })).toEqual({
      ok: false,
      problem: 'partner-unknown',
    });
    expect(await coordinator.record({ ...provision, partnerId: SUSPENDED })).toEqual({
      ok: false,
      problem: 'partner-suspended',
    });
    expect(await coordinator.record({ ...provision, partnerId: PARTNER, partnerCountry: 'US' })).toEqual({
      ok: false,
      problem: 'partner-country-mismatch',
    });
    expect(await local.consents.count().exec()).toBe(0);
  });

  it('withdraws a consent at once: the gate closes, a second withdrawal is refused', async () => {
    const local = await open();
    const concierge = as(local, CONCIERGE, 'concierge');
    const consent = await concierge.record({ ...given, purpose: 'marketing' });
    if (!consent.ok) throw new Error(consent.problem);
    const withdrawal = await concierge.withdraw({
      clientId: client.id,
      refersTo: consent.record.id,
      requestedBy: 'client',
      method: 'email',
      at: NOW - 60_000,
    });
    expect(withdrawal).toMatchObject({
      ok: true,
      record: {
        action: 'withdrawn',
        purpose: 'marketing',
        refersTo: consent.record.id,
        requestedBy: 'client',
      },
    });
    if (withdrawal.ok) expect(await serverAccepts(local, withdrawal.record, 'concierge')).toBeUndefined();
    const all = (await local.consents.find().exec()).map((doc) => doc.toJSON() as ConsentRecord);
    expect(marketingAllowed(all, client.id, NOW)).toBe(false);
    const again = await concierge.withdraw({
      clientId: client.id,
      refersTo: consent.record.id,
      requestedBy: 'client',
      method: 'email',
      at: NOW,
    });
    expect(again).toEqual({ ok: false, problem: 'already-withdrawn' });
    // Access log: one entry per record written, by the recording device, names only.
    const logged = (await local.auditEvents.find().exec()).map((d) => d.toJSON());
    expect(
      logged.sort((x, y) => x.seq - y.seq).map((e) => [e.kind, e.deviceId, e.clientId, e.target]),
    ).toEqual([
      ['consent-recorded', concierge.deviceId, client.id, consent.record.id],
      ['consent-withdrawn', concierge.deviceId, client.id, withdrawal.ok && withdrawal.record.id],
    ]);
  });

  it('corrects a record with a new one, the original kept', async () => {
    const local = await open();
    const coordinator = as(local, COORDINATOR, 'coordinator');
    const consent = await coordinator.record(given);
    if (!consent.ok) throw new Error(consent.problem);
    const correction = await coordinator.correct({
      ...given,
      method: 'e-signature',
      refersTo: consent.record.id,
    });
    expect(correction).toMatchObject({ ok: true, record: { action: 'corrected', method: 'e-signature' } });
    if (correction.ok) expect(await serverAccepts(local, correction.record)).toBeUndefined();
    expect(await local.consents.count().exec()).toBe(2);
    expect((await local.consents.findOne(consent.record.id).exec())!.toJSON()).toEqual(consent.record);
  });

  it('refuses what the server would refuse, writing nothing', async () => {
    const local = await open();
    const coordinator = as(local, COORDINATOR, 'coordinator');
    expect(await as(local, uuid(10), 'admin').record(given)).toEqual({ ok: false, problem: 'not-allowed' });
    expect(await as(local, CONCIERGE, 'concierge').record({ ...given, clientId: other.id })).toEqual({
      ok: false,
      problem: 'not-allowed',
    });
    expect(await coordinator.record({ ...given, clientId: uuid(3) })).toEqual({
      ok: false,
      problem: 'client-unknown',
    });
    expect(await coordinator.record({ ...given, language: 'fr' })).toEqual({
      ok: false,
      problem: 'notice-unavailable',
    });
    expect(await coordinator.record({ ...given, method: 'verbal-witnessed' })).toEqual({
      ok: false,
      problem: 'witness-required',
    });
    expect(await coordinator.record({ ...given, at: NOW - 40 * DAY })).toEqual({
      ok: false,
      problem: 'backdated',
    });
    expect(
      await coordinator.record({
        ...given,
        purpose: 'overseas-transfer',
        country: 'JP',
        countryInformation: 'x',
      }),
    ).toEqual({
      ok: false,
      problem: 'country-japan',
    });
    expect(
      await coordinator.withdraw({
        clientId: client.id,
        refersTo: uuid(5),
        requestedBy: 'client',
        method: 'email',
        at: NOW,
      }),
    ).toEqual({ ok: false, problem: 'refers-to-unknown' });
    const locked = consentCommands({
      sodium: async () => sodium,
      store: local,
      staffId: COORDINATOR,
      deviceId: uuid(21),
      role: 'coordinator',
      deviceKeys: () => {
        throw new Error('locked');
      },
    });
    expect(await locked.record(given)).toEqual({ ok: false, problem: 'locked' });
    expect(await local.consents.count().exec()).toBe(0);
    expect(await local.auditEvents.count().exec()).toBe(0);
  });
});
