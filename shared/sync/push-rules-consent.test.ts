import { describe, expect, it } from 'vitest';
import { signConsentRecord, type UnsignedConsentRecord } from '../crypto/consent-signature';
import { toBase64Url } from '../crypto/encoding';
import type { StaffIdentity } from '../crypto/identity';
import { loadSodium } from '../crypto/sodium';
import type { ConsentRecord } from '../domain/consent';
import { CONSENT_BACKDATE_MAX_MS, CONSENT_CLOCK_SKEW_MS } from '../domain/consent-ledger';
import type { PrivacyNotice } from '../domain/privacy-notice';
import {
  consentRule,
  medicalRule,
  orgSettingRule,
  type AnyDocument,
  type PushCaller,
  type PushFacts,
} from './push-rules';

/** The consent ledger's, the notices' and the medical gate's push rules, with facts held in memory. */

const sodium = await loadSodium();
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CLIENT = uuid(1);
const OTHER_CLIENT = uuid(2);
const DAY = 24 * 60 * 60 * 1000;
const NOW = 1_800_000_000_000;
const concierge: PushCaller = { staffId: uuid(10), deviceId: uuid(11), role: 'concierge' };
const coordinator: PushCaller = { staffId: uuid(20), deviceId: uuid(21), role: 'coordinator' };
const admin: PushCaller = { staffId: uuid(30), deviceId: uuid(31), role: 'admin' };
const keys = new Map(
  [concierge, coordinator].map((caller) => [caller.deviceId, sodium.crypto_sign_keypair()] as const),
);
const signer = (caller: PushCaller) =>
  ({ staffId: caller.deviceId, signSecretKey: keys.get(caller.deviceId)!.privateKey }) as StaffIdentity;

const hex = (text: string) => sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string(text)));
function notice(n: number, effectiveAt: number, extra: Partial<PrivacyNotice> = {}): PrivacyNotice {
  return {
    id: uuid(900 + n),
    kind: 'privacy-notice',
    version: `v${n}`,
    effectiveAt,
    summary: 'changes',
    substantial: false,
    texts: [{ language: 'en', text: `notice ${n}`, sha256: hex(`notice ${n}`) }],
    publishedBy: admin.staffId,
    assignedStaffIds: [],
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  };
}
const V1 = notice(1, NOW - 100 * DAY);
const wire = <T extends object>(doc: T, deleted = false) =>
  ({ ...doc, _deleted: deleted }) as AnyDocument & T;

function record(by: PushCaller, fields: Partial<UnsignedConsentRecord> & { id: string }): ConsentRecord {
  return signConsentRecord(
    sodium,
    {
      clientId: CLIENT,
      action: 'given',
      purpose: 'medical-data',
      noticeId: V1.id,
      noticeVersion: V1.version,
      noticeHash: V1.texts[0]!.sha256,
      language: 'en',
      method: 'signed-paper',
      at: NOW - DAY,
      recordedBy: by.staffId,
      deviceId: by.deviceId,
      recordedAt: NOW - DAY,
      assignedStaffIds: [concierge.staffId],
      ...fields,
    },
    signer(by),
  );
}

function facts(
  ledger: ConsentRecord[] = [],
  notices: PrivacyNotice[] = [V1],
  options: { others?: ConsentRecord[]; inactive?: string[] } = {},
): PushFacts {
  return {
    document: async (_collection, id) => {
      const found = [...ledger, ...(options.others ?? [])].find((doc) => doc.id === id);
      return found && wire(found);
    },
    keyWrapsOfClient: async () => [],
    client: async () => undefined,
    clientHeld: async () => false,
    consentsOfClient: async (clientId) => ledger.filter((doc) => doc.clientId === clientId),
    notices: async () => notices,
    deviceSignKey: async (deviceId) => {
      const pair = keys.get(deviceId);
      return pair && toBase64Url(pair.publicKey);
    },
    staffActive: async (staffId) => !(options.inactive ?? []).includes(staffId),
    now: () => NOW,
  };
}

const GIVEN = record(concierge, { id: uuid(600) });
const push = (next: ConsentRecord, ledger: ConsentRecord[] = [], more: Parameters<typeof facts>[2] = {}) =>
  consentRule({ caller: concierge, master: undefined, next: wire(next), facts: facts(ledger, [V1], more) });
const reason = async (refusal: Promise<unknown>) =>
  ((await refusal) as { reason?: string } | undefined)?.reason;

describe('consent push rule: new records', () => {
  it('accepts a record signed by the caller’s device under an effective notice', async () => {
    expect(await push(GIVEN)).toBeUndefined();
  });

  it('refuses a record the caller did not record, or another device’s, or a forged signature', async () => {
    expect(await reason(push(record(coordinator, { id: uuid(601) })))).toBe('consent-recorder-not-caller');
    const othersDevice = record(coordinator, { id: uuid(601), recordedBy: concierge.staffId });
    expect(await reason(push(othersDevice))).toBe('consent-device-not-caller');
    // The caller's device id, signed with another device's key.
    const forged = signConsentRecord(
      sodium,
      { ...GIVEN, id: uuid(602), signature: undefined } as UnsignedConsentRecord,
      { ...signer(coordinator), staffId: concierge.deviceId },
    );
    expect(await reason(push(forged))).toBe('consent-signature-invalid');
    expect(await reason(push({ ...GIVEN, at: GIVEN.at - 1 }))).toBe('consent-signature-invalid');
    expect(await reason(push({ ...GIVEN, signature: undefined }))).toBe('consent-signature-invalid');
  });

  it('refuses a legacy record, a future one, a back-dated one, and a grant pushed a month after recording', async () => {
    expect(await reason(push({ ...GIVEN, legacy: true }))).toBe('consent-legacy-not-allowed');
    const future = NOW + CONSENT_CLOCK_SKEW_MS + 1;
    expect(await reason(push(record(concierge, { id: uuid(603), at: future, recordedAt: future })))).toBe(
      'consent-recorded-in-future',
    );
    const backdated = record(concierge, { id: uuid(604), at: NOW - CONSENT_BACKDATE_MAX_MS - 2 * DAY });
    expect(await reason(push(backdated))).toBe('consent-backdated');
    const late = NOW - CONSENT_BACKDATE_MAX_MS - DAY;
    expect(await reason(push(record(concierge, { id: uuid(605), at: late, recordedAt: late })))).toBe(
      'consent-backdated',
    );
  });

  it('refuses an unknown notice, a wrong hash, a consent before its notice, an inactive witness', async () => {
    expect(await reason(push(record(concierge, { id: uuid(606), noticeId: uuid(999) })))).toBe(
      'consent-notice-unknown',
    );
    expect(await reason(push(record(concierge, { id: uuid(607), noticeHash: '1'.repeat(64) })))).toBe(
      'consent-notice-hash-mismatch',
    );
    const early = V1.effectiveAt - 1;
    expect(await reason(push(record(concierge, { id: uuid(608), at: early, recordedAt: NOW - DAY })))).toBe(
      'consent-before-notice',
    );
    // The witness is the caller (its session and device's signature prove who it is); a name typed for another
    // staff member is refused.
    const witnessed = record(concierge, {
      id: uuid(609),
      method: 'verbal-witnessed',
      witnessStaffId: concierge.staffId,
    });
    expect(await push(witnessed)).toBeUndefined();
    expect(await reason(push(witnessed, [], { inactive: [concierge.staffId] }))).toBe(
      'consent-witness-not-active',
    );
    const named = record(concierge, {
      id: uuid(610),
      method: 'verbal-witnessed',
      witnessStaffId: coordinator.staffId,
    });
    expect(await reason(push(named))).toBe('consent-witness-not-recorder');
  });

  it('takes one withdrawal of a consent of the same client, and refuses the second', async () => {
    const withdrawal = record(concierge, { id: uuid(610), action: 'withdrawn', refersTo: GIVEN.id });
    expect(await push(withdrawal, [GIVEN])).toBeUndefined();
    const again = record(concierge, { id: uuid(611), action: 'withdrawn', refersTo: GIVEN.id });
    expect(await reason(push(again, [GIVEN, withdrawal]))).toBe('consent-already-withdrawn');
    expect(await reason(push(again, []))).toBe('consent-refers-to-unknown');
    const theirs = record(concierge, { id: uuid(612), clientId: OTHER_CLIENT });
    const acrossClients = record(concierge, { id: uuid(613), action: 'withdrawn', refersTo: theirs.id });
    expect(await reason(push(acrossClients, [GIVEN], { others: [theirs] }))).toBe(
      'consent-refers-to-other-client',
    );
    const marketing = record(concierge, {
      id: uuid(614),
      action: 'withdrawn',
      purpose: 'marketing',
      refersTo: GIVEN.id,
    });
    expect(await reason(push(marketing, [GIVEN]))).toBe('consent-refers-to-other-purpose');
  });
});

describe('consent push rule: accepted records never change', () => {
  const master = wire(GIVEN);
  const run = (next: AnyDocument) => consentRule({ caller: concierge, master, next, facts: facts([GIVEN]) });

  it('accepts a retry, whatever assignees it carries (the server rewrites them)', async () => {
    expect(await run(wire(GIVEN))).toBeUndefined();
    expect(await run(wire({ ...GIVEN, assignedStaffIds: [] }))).toBeUndefined();
  });

  it('refuses any change, deletion or re-signing', async () => {
    const immutable = { rule: 'insert-only', reason: 'consent-record-immutable' };
    expect(await run(wire({ ...GIVEN, notes: 'changed' }))).toEqual(immutable);
    expect(await run(wire(GIVEN, true))).toEqual(immutable);
    const resigned = record(concierge, { id: GIVEN.id, at: GIVEN.at - 1 });
    expect(await run(wire(resigned))).toEqual(immutable);
    expect(
      await consentRule({ caller: coordinator, master: undefined, next: wire(GIVEN, true), facts: facts() }),
    ).toEqual(immutable);
  });
});

describe('notice push rule', () => {
  const run = (caller: PushCaller, next: AnyDocument, master?: AnyDocument, held: PrivacyNotice[] = [V1]) =>
    orgSettingRule({ caller, master, next, facts: facts([], held) });
  const future = notice(2, NOW + 10 * DAY);

  it('lets the admin alone load a version with true hashes and a label of its own', async () => {
    expect(await run(admin, wire(future))).toBeUndefined();
    expect(await reason(run(coordinator, wire(future)))).toBe('org-setting-admin-only');
    const wrongHash = { ...future, texts: [{ ...future.texts[0]!, text: 'other words' }] };
    expect(await reason(run(admin, wire(wrongHash)))).toBe('notice-hash-mismatch');
    expect(await reason(run(admin, wire({ ...future, version: V1.version })))).toBe('notice-version-taken');
    expect(await reason(run(admin, wire({ ...future, substantial: true })))).toBe(
      'notice-renewal-deadline-required',
    );
    expect(await reason(run(admin, wire({ ...future, publishedBy: coordinator.staffId })))).toBe(
      'notice-publisher-not-caller',
    );
  });

  it('lets the admin change or delete a version before it takes effect, never after', async () => {
    const changed = wire({ ...future, summary: 'corrected', updatedAt: 2 });
    expect(await run(admin, changed, wire(future), [V1, future])).toBeUndefined();
    expect(await run(admin, wire(future, true), wire(future), [V1, future])).toBeUndefined();
    expect(await run(admin, wire({ ...V1, summary: 'rewritten' }), wire(V1))).toEqual({
      rule: 'effective',
      reason: 'notice-effective-immutable',
    });
    expect(await reason(run(admin, wire(V1, true), wire(V1)))).toBe('notice-effective-not-deleted');
    expect(await run(admin, wire(V1), wire(V1))).toBeUndefined();
  });
});

describe('medical push rule, against the ledger', () => {
  const envelope = `1.k1.${'A'.repeat(60)}`;
  const section = (overrides: Record<string, unknown> = {}): AnyDocument => ({
    id: uuid(700),
    clientId: CLIENT,
    keyId: 'k1',
    history: envelope,
    currentMedications: envelope,
    allergies: envelope,
    conditions: envelope,
    documentNotes: envelope,
    plannedTreatments: envelope,
    consentId: GIVEN.id,
    assignedStaffIds: [concierge.staffId],
    createdAt: 4,
    updatedAt: 4,
    _deleted: false,
    ...overrides,
  });
  const run = (
    ledger: ConsentRecord[],
    notices: PrivacyNotice[] = [V1],
    master?: AnyDocument,
    next = section(),
  ) => reason(medicalRule({ caller: concierge, master, next, facts: facts(ledger, notices) }));

  it('accepts a section under the client’s medical-data consent in force', async () => {
    expect(await run([GIVEN])).toBeUndefined();
  });

  it('refuses it without one: missing, another client’s, another purpose, withdrawn', async () => {
    expect(await run([])).toBe('medical-consent-missing');
    expect(await run([{ ...GIVEN, clientId: OTHER_CLIENT }])).toBe('medical-consent-missing');
    expect(await run([{ ...GIVEN, purpose: 'marketing' }])).toBe('medical-consent-missing');
    const withdrawal = record(concierge, { id: uuid(620), action: 'withdrawn', refersTo: GIVEN.id });
    expect(await run([GIVEN, withdrawal])).toBe('medical-consent-withdrawn');
  });

  it('after a substantial change, until its deadline, then only once renewed', async () => {
    const soon = notice(3, NOW - DAY, { substantial: true, renewalDeadline: NOW + DAY });
    expect(await run([GIVEN], [V1, soon])).toBeUndefined();
    const past = notice(3, NOW - 2 * DAY, { substantial: true, renewalDeadline: NOW - DAY });
    expect(await run([GIVEN], [V1, past])).toBe('medical-renewal-required');
    const renewed = record(concierge, {
      id: uuid(621),
      noticeId: past.id,
      noticeVersion: past.version,
      noticeHash: past.texts[0]!.sha256,
    });
    expect(await run([GIVEN, renewed], [V1, past])).toBeUndefined();
  });

  it('lets a reassignment or a deletion through without a consent check', async () => {
    const master = section();
    expect(
      await run([], [V1], master, section({ assignedStaffIds: [uuid(50)], updatedAt: 9 })),
    ).toBeUndefined();
    expect(await run([], [V1], master, section({ _deleted: true }))).toBeUndefined();
    expect(await run([], [V1], master, section({ history: `1.k1.${'B'.repeat(60)}` }))).toBe(
      'medical-consent-missing',
    );
  });
});
