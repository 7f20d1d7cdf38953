import { describe, expect, it } from 'vitest';
import { signConsentRecord, type UnsignedConsentRecord } from '../crypto/consent-signature';
import { toBase64Url } from '../crypto/encoding';
import type { StaffIdentity } from '../crypto/identity';
import { loadSodium } from '../crypto/sodium';
import type { ConsentRecord } from '../domain/consent';
import type { Partner } from '../domain/partner';
import type { PrivacyNotice } from '../domain/privacy-notice';
import type { AnyDocument, PushCaller, PushFacts } from './push-rules';
import { collectionRegistry } from './registry';

/** The consent rule as the registry names it: a provision record names a partner of the directory (issue 14). */

const sodium = await loadSodium();
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CLIENT = uuid(1);
const NOW = 1_800_000_000_000;
const DAY = 86_400_000;
const caller: PushCaller = { staffId: uuid(20), deviceId: uuid(21), role: 'coordinator' };
const pair = sodium.crypto_sign_keypair();
const hex = (text: string) => sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string(text)));
const NOTICE: PrivacyNotice = {
  id: uuid(900),
  kind: 'privacy-notice',
  version: 'v1',
  effectiveAt: NOW - 100 * DAY,
  summary: 'first',
  substantial: false,
  texts: [{ language: 'en', text: 'notice', sha256: hex('notice') }],
  publishedBy: uuid(30),
  assignedStaffIds: [],
  createdAt: 1,
  updatedAt: 1,
};

function partner(n: number, country: string, status: Partner['vetting']['status']): Partner {
  return {
    id: uuid(700 + n),
    names: { en: `Clinic ${n}`, ja: `クリニック${n}` },
    kind: 'clinic',
    country,
    city: 'City',
    vetting: { status },
    assignedStaffIds: [],
    createdAt: 1,
    updatedAt: 1,
  };
}
const VETTED_SG = partner(1, 'SG', 'vetted');
const PENDING_JP = partner(2, 'JP', 'pending');
const SUSPENDED = partner(3, 'JP', 'suspended');
const UNKNOWN = uuid(799);

function record(fields: Partial<UnsignedConsentRecord> & { id: string }): ConsentRecord {
  return signConsentRecord(
    sodium,
    {
      clientId: CLIENT,
      action: 'given',
      purpose: 'provision',
      partnerId: VETTED_SG.id,
      statedPurpose: 'Treatment planning',
      purposeCode: 'treatment-arrangement',
      noticeId: NOTICE.id,
      noticeVersion: NOTICE.version,
      noticeHash: NOTICE.texts[0]!.sha256,
      language: 'en',
      method: 'signed-paper',
      at: NOW - DAY,
      recordedBy: caller.staffId,
      deviceId: caller.deviceId,
      recordedAt: NOW - DAY,
      assignedStaffIds: [],
      ...fields,
    },
    { staffId: caller.deviceId, signSecretKey: pair.privateKey } as StaffIdentity,
  );
}

const wire = <T extends object>(doc: T) => ({ ...doc, _deleted: false }) as AnyDocument & T;

function facts(ledger: ConsentRecord[]): PushFacts {
  const partners = [VETTED_SG, PENDING_JP, SUSPENDED];
  return {
    document: async (collection, id) => {
      const found =
        collection === 'partners'
          ? partners.find((doc) => doc.id === id)
          : ledger.find((doc) => doc.id === id);
      return found && wire(found);
    },
    keyWrapsOfClient: async () => [],
    client: async () => undefined,
    clientHeld: async () => false,
    consentsOfClient: async () => ledger,
    notices: async () => [NOTICE],
    deviceSignKey: async (deviceId) =>
      deviceId === caller.deviceId ? toBase64Url(pair.publicKey) : undefined,
    staffActive: async () => true,
    now: () => NOW,
  };
}

const rule = collectionRegistry.consents.pushRule!;
const reason = async (next: ConsentRecord, ledger: ConsentRecord[] = [], master?: ConsentRecord) =>
  (
    await rule({
      caller,
      master: master && wire(master),
      next: wire(next),
      facts: facts(ledger),
    })
  )?.reason;

describe('consent push rule: the partner a provision record names', () => {
  it('accepts a consent for a partner of the directory, vetted or being vetted, with its country', async () => {
    expect(await reason(record({ id: uuid(1), partnerCountry: 'SG' }))).toBeUndefined();
    expect(await reason(record({ id: uuid(2), partnerId: PENDING_JP.id }))).toBeUndefined();
  });

  it('refuses a partner the directory does not hold, whatever the action', async () => {
    expect(await reason(record({ id: uuid(3), partnerId: UNKNOWN }))).toBe('consent-partner-unknown');
    const refused = record({ id: uuid(4), action: 'refused', partnerId: UNKNOWN, purposeCode: undefined });
    expect(await reason(refused)).toBe('consent-partner-unknown');
  });

  it('refuses a country other than the directory’s', async () => {
    expect(await reason(record({ id: uuid(5), partnerCountry: 'US' }))).toBe(
      'consent-partner-country-mismatch',
    );
  });

  it('refuses a consent given to a suspended partner, and takes a refusal naming it', async () => {
    expect(await reason(record({ id: uuid(6), partnerId: SUSPENDED.id }))).toBe('consent-partner-suspended');
    const refused = record({
      id: uuid(7),
      action: 'refused',
      partnerId: SUSPENDED.id,
      purposeCode: undefined,
    });
    expect(await reason(refused)).toBeUndefined();
  });

  it('never refuses a withdrawal for its partner, nor a retry of a record held', async () => {
    // A consent held for a partner suspended since (or never in the directory: one migrated from version 0).
    const held = record({ id: uuid(8), partnerId: UNKNOWN });
    const withdrawal = record({
      id: uuid(9),
      action: 'withdrawn',
      partnerId: UNKNOWN,
      refersTo: held.id,
      purposeCode: undefined,
      statedPurpose: undefined,
      at: NOW - DAY / 2,
      recordedAt: NOW - DAY / 2,
    });
    expect(await reason(withdrawal, [held])).toBeUndefined();
    expect(await reason(held, [held], held)).toBeUndefined();
  });
});
