import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from './consent';
import {
  CONSENT_BACKDATE_MAX_MS,
  canShareWith,
  canWriteMedical,
  consentKeyOf,
  consentStatus,
  ledgerProblem,
  liveConsent,
  marketingAllowed,
  namedConsent,
  renewalNeed,
} from './consent-ledger';
import type { PrivacyNotice } from './privacy-notice';

const CLIENT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const PARTNER = '00000000-0000-4000-8aaa-000000000001';
const PARTNER_2 = '00000000-0000-4000-8aaa-000000000002';
const DAY = 24 * 60 * 60 * 1000;
const id = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;

function notice(n: number, effectiveAt: number, extra: Partial<PrivacyNotice> = {}): PrivacyNotice {
  return {
    id: `00000000-0000-4000-f000-00000000000${n}`,
    kind: 'privacy-notice',
    version: `v${n}`,
    effectiveAt,
    summary: 's',
    substantial: false,
    texts: [{ language: 'en', text: `t${n}`, sha256: String(n).repeat(64) }],
    publishedBy: id(999),
    assignedStaffIds: [],
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}
const V1 = notice(1, 10 * DAY);

function rec(n: number, extra: Partial<ConsentRecord> = {}): ConsentRecord {
  const at = extra.at ?? 20 * DAY + n;
  return {
    id: id(n),
    clientId: CLIENT,
    action: 'given',
    purpose: 'medical-data',
    noticeId: V1.id,
    noticeVersion: V1.version,
    noticeHash: V1.texts[0]!.sha256,
    language: 'en',
    method: 'signed-paper',
    at,
    recordedBy: id(900),
    deviceId: id(901),
    recordedAt: at,
    signature: 'A'.repeat(86),
    assignedStaffIds: [],
    ...extra,
  };
}
const withdraw = (n: number, of: ConsentRecord, at = of.at + 10) =>
  rec(n, {
    action: 'withdrawn',
    refersTo: of.id,
    purpose: of.purpose,
    partnerId: of.partnerId,
    country: of.country,
    at,
  });
const NOW = 100 * DAY;
const medical = { clientId: CLIENT, purpose: 'medical-data' as const };

describe('the ledger fold', () => {
  it('holds a consent in force from its moment until a withdrawal takes effect', () => {
    const given = rec(1);
    const withdrawal = withdraw(2, given, 30 * DAY);
    expect(consentStatus([given], medical, NOW)).toEqual({ live: given });
    expect(consentStatus([given], medical, given.at - 1)).toEqual({});
    expect(consentStatus([given, withdrawal], medical, NOW)).toEqual({ withdrawal });
    expect(consentStatus([given, withdrawal], medical, 30 * DAY - 1)).toEqual({ live: given });
    expect(consentStatus([given], { ...medical, clientId: OTHER }, NOW)).toEqual({});
  });

  it('lets a correction stand in place of the original; a withdrawal of any link ends the chain', () => {
    const given = rec(1, { notes: 'wrong form number' });
    const correction = rec(2, { action: 'corrected', refersTo: given.id, notes: 'form 12' });
    expect(liveConsent([given, correction], medical, NOW)).toEqual(correction);
    expect(consentStatus([given, correction, withdraw(3, given)], medical, NOW).live).toBeUndefined();
    expect(consentStatus([given, correction, withdraw(3, correction)], medical, NOW).live).toBeUndefined();
    // A correction of a correction.
    const again = rec(4, { action: 'corrected', refersTo: correction.id, notes: 'form 13' });
    expect(liveConsent([given, correction, again], medical, NOW)).toEqual(again);
  });

  it('counts refusals and notices told as evidence only, and the newest of several consents', () => {
    const given = rec(1);
    const refused = rec(2, { action: 'refused' });
    const informed = rec(3, { action: 'informed' });
    expect(liveConsent([given, refused, informed], medical, NOW)).toEqual(given);
    expect(liveConsent([refused], medical, NOW)).toBeUndefined();
    const renewed = rec(4, { at: 40 * DAY });
    expect(liveConsent([given, renewed], medical, NOW)).toEqual(renewed);
    // The renewal withdrawn: the earlier consent still stands.
    expect(liveConsent([given, renewed, withdraw(5, renewed)], medical, NOW)).toEqual(given);
  });

  it('keys provision by partner and overseas transfer by country', () => {
    const provision = rec(1, { purpose: 'provision', partnerId: PARTNER, statedPurpose: 'x' });
    const overseas = rec(2, { purpose: 'overseas-transfer', country: 'US', countryInformation: 'x' });
    expect(consentKeyOf(provision)).toBe(`provision:${PARTNER}`);
    expect(consentKeyOf(overseas)).toBe('overseas-transfer:US');
    const ledger = [provision, overseas];
    const japan = { id: PARTNER, country: 'JP', inJapan: true };
    const us = { id: PARTNER, country: 'US', inJapan: false };
    const france = { id: PARTNER, country: 'FR', inJapan: false };
    expect(canShareWith(ledger, CLIENT, japan, NOW)).toEqual({ ok: true, provision });
    expect(canShareWith(ledger, CLIENT, us, NOW)).toEqual({ ok: true, provision, overseas });
    expect(canShareWith(ledger, CLIENT, france, NOW)).toEqual({ ok: false, reason: 'no-overseas-consent' });
    expect(canShareWith(ledger, CLIENT, { ...japan, id: PARTNER_2 }, NOW)).toEqual({
      ok: false,
      reason: 'no-provision-consent',
    });
    expect(canShareWith([...ledger, withdraw(3, overseas)], CLIENT, us, NOW)).toMatchObject({
      reason: 'no-overseas-consent',
    });
    expect(canShareWith([...ledger, withdraw(3, provision)], CLIENT, japan, NOW)).toMatchObject({
      reason: 'no-provision-consent',
    });
  });

  it('allows marketing only under a marketing consent in force', () => {
    const marketing = rec(1, { purpose: 'marketing' });
    expect(marketingAllowed([], CLIENT, NOW)).toBe(false);
    expect(marketingAllowed([rec(2)], CLIENT, NOW)).toBe(false);
    expect(marketingAllowed([marketing], CLIENT, NOW)).toBe(true);
    expect(marketingAllowed([marketing, withdraw(3, marketing)], CLIENT, NOW)).toBe(false);
    expect(marketingAllowed([marketing], OTHER, NOW)).toBe(false);
  });

  it('names a medical section’s consent: live, withdrawn or missing', () => {
    const given = rec(1);
    const correction = rec(2, { action: 'corrected', refersTo: given.id });
    expect(namedConsent([given, correction], given.id, NOW)).toEqual({ state: 'live', consent: correction });
    expect(namedConsent([given], id(9), NOW)).toEqual({ state: 'missing' });
    const withdrawal = withdraw(3, correction);
    expect(namedConsent([given, correction, withdrawal], given.id, NOW)).toEqual({
      state: 'withdrawn',
      withdrawal,
    });
  });
  it('counts a migrated (legacy, unsigned) consent for no gate until a signed correction confirms it', () => {
    const legacy = rec(40, { legacy: true, signature: undefined, at: 15 * DAY });
    const key = { clientId: CLIENT, purpose: 'medical-data' as const };
    expect(consentStatus([legacy], key, 30 * DAY)).toEqual({ unverified: legacy });
    expect(canWriteMedical([legacy], [V1], CLIENT, 30 * DAY)).toEqual({
      ok: false,
      reason: 'no-consent',
      unverified: legacy,
    });
    expect(namedConsent([legacy], legacy.id, 30 * DAY)).toEqual({ state: 'unverified', consent: legacy });
    const marketing = rec(41, { purpose: 'marketing', legacy: true, signature: undefined });
    expect(marketingAllowed([marketing], CLIENT, 30 * DAY)).toBe(false);
    const provision = rec(42, {
      purpose: 'provision',
      partnerId: PARTNER,
      legacy: true,
      signature: undefined,
    });
    expect(
      canShareWith([provision], CLIENT, { id: PARTNER, country: 'JP', inJapan: true }, 30 * DAY).ok,
    ).toBe(false);
    // Confirmed by a signed correction: the chain's head counts, and the section naming the original is in force.
    const confirmed = rec(43, { action: 'corrected', refersTo: legacy.id, at: 25 * DAY });
    expect(canWriteMedical([legacy, confirmed], [V1], CLIENT, 30 * DAY)).toEqual({
      ok: true,
      consent: confirmed,
    });
    expect(namedConsent([legacy, confirmed], legacy.id, 30 * DAY)).toEqual({
      state: 'live',
      consent: confirmed,
    });
    // A withdrawn legacy consent is withdrawn, not unverified.
    const ended = rec(44, { action: 'withdrawn', refersTo: legacy.id, legacy: true, at: 16 * DAY });
    expect(consentStatus([legacy, ended], key, 30 * DAY)).toEqual({ withdrawal: ended });
  });
});

describe('renewal after a substantial change', () => {
  const V2 = notice(2, 50 * DAY, { substantial: true, renewalDeadline: 80 * DAY });
  const given = rec(1);

  it('is needed when a substantial version took effect after the one the consent cites', () => {
    expect(renewalNeed(given, [V1], NOW)).toBeUndefined();
    expect(renewalNeed(given, [V1, V2], 49 * DAY)).toBeUndefined();
    expect(renewalNeed(given, [V1, V2], NOW)).toEqual({ notice: V2, deadline: 80 * DAY });
    const minor = notice(3, 60 * DAY);
    expect(renewalNeed(given, [V1, minor], NOW)).toBeUndefined();
    // A legacy record cites no known version: any substantial version is newer.
    expect(
      renewalNeed(rec(5, { noticeId: '00000000-0000-0000-0000-000000000000' }), [V2], NOW),
    ).toBeDefined();
  });

  it('keeps medical writes working until the deadline, then needs the renewal', () => {
    expect(canWriteMedical([given], [V1, V2], CLIENT, 70 * DAY)).toEqual({ ok: true, consent: given });
    expect(canWriteMedical([given], [V1, V2], CLIENT, NOW)).toMatchObject({
      ok: false,
      reason: 'renewal-required',
    });
    const renewal = rec(2, {
      at: 85 * DAY,
      noticeId: V2.id,
      noticeVersion: V2.version,
      noticeHash: V2.texts[0]!.sha256,
    });
    expect(canWriteMedical([given, renewal], [V1, V2], CLIENT, NOW)).toEqual({ ok: true, consent: renewal });
    // A refusal of the renewal is not a renewal.
    const refusal = { ...renewal, id: id(3), action: 'refused' as const };
    expect(canWriteMedical([given, refusal], [V1, V2], CLIENT, NOW)).toMatchObject({ ok: false });
    expect(canWriteMedical([], [V1], CLIENT, NOW)).toEqual({ ok: false, reason: 'no-consent' });
    expect(canWriteMedical([given, withdraw(4, given)], [V1], CLIENT, NOW)).toEqual({
      ok: false,
      reason: 'consent-withdrawn',
    });
  });
});

describe('what a new record may not do to the ledger', () => {
  const given = rec(1);
  const problem = (record: ConsentRecord, ledger: ConsentRecord[] = [given]) =>
    ledgerProblem(record, ledger, [V1]);

  it('cites a notice held, with the hash of the text in its language, and no earlier than it', () => {
    expect(problem(rec(2))).toBeUndefined();
    expect(problem(rec(2, { noticeId: id(77) }))).toBe('notice-unknown');
    expect(problem(rec(2, { noticeVersion: 'v9' }))).toBe('notice-unknown');
    expect(problem(rec(2, { noticeHash: 'f'.repeat(64) }))).toBe('notice-hash-mismatch');
    expect(problem(rec(2, { language: 'ja' }))).toBe('notice-hash-mismatch');
    expect(problem(rec(2, { at: V1.effectiveAt - 1, recordedAt: V1.effectiveAt }))).toBe('before-notice');
    expect(problem(rec(2, { at: 20 * DAY, recordedAt: 20 * DAY + CONSENT_BACKDATE_MAX_MS + 1 }))).toBe(
      'backdated',
    );
  });

  it('lets a correction past the bound keep exactly the date and notice of the consent it corrects, nothing else', () => {
    const late = given.at + CONSENT_BACKDATE_MAX_MS + 90 * DAY;
    const correction = (extra: Partial<ConsentRecord>, ledger: ConsentRecord[] = [given]) =>
      problem(
        rec(2, { action: 'corrected', refersTo: given.id, at: given.at, recordedAt: late, ...extra }),
        ledger,
      );
    // The paper form was misread and is corrected three months after the bound: the consent's date and notice kept.
    expect(correction({ method: 'verbal-witnessed', notes: 'form 12 misread' })).toBeUndefined();
    // Past the bound, any later date is a moment the ledger never held as this record's: refused.
    expect(correction({ at: given.at + DAY })).toBe('backdated');
    // Another notice dated in the past (a renewal the client never gave then): refused, all four of its fields.
    const V2 = notice(2, 15 * DAY, { substantial: true });
    const byV2 = { noticeId: V2.id, noticeVersion: V2.version, noticeHash: V2.texts[0]!.sha256 };
    expect(
      ledgerProblem(
        rec(2, { action: 'corrected', refersTo: given.id, at: given.at, recordedAt: late, ...byV2 }),
        [given],
        [V1, V2],
      ),
    ).toBe('backdated');
    expect(correction({ noticeVersion: 'v1-other' })).toBe('notice-unknown');
    expect(correction({ language: 'ja' })).toBe('notice-hash-mismatch');
    // What it was given for: a stated purpose or a country's information rewritten months later is new evidence.
    expect(correction({ statedPurpose: 'Also marketing partners' })).toBe('backdated');
    // A migrated, unverified consent: its confirmation is new evidence, within the bound only.
    const legacy = { ...given, legacy: true as const };
    expect(correction({}, [legacy])).toBe('backdated');
    // Within the bound, a correction may still take a later date.
    expect(correction({ at: given.at + DAY, recordedAt: given.at + DAY })).toBeUndefined();
    // Earlier than the consent it corrects: a consent the ledger never held.
    expect(correction({ at: given.at - 1, recordedAt: given.at })).toBe('before-referred');
    // A correction naming no consent held, and a withdrawal, stay within the bound.
    expect(correction({ refersTo: id(99) })).toBe('backdated');
    expect(problem({ ...withdraw(2, given, given.at), recordedAt: late })).toBe('backdated');
  });

  it('refers only to a consent of the same client and purpose, held, not withdrawn or corrected yet', () => {
    expect(problem(withdraw(2, given))).toBeUndefined();
    expect(problem(withdraw(2, given), [])).toBe('refers-to-unknown');
    expect(problem({ ...withdraw(2, given), clientId: OTHER })).toBe('refers-to-other-client');
    expect(problem({ ...withdraw(2, given), purpose: 'marketing' })).toBe('refers-to-other-purpose');
    expect(problem(withdraw(3, rec(2, { action: 'refused' })), [rec(2, { action: 'refused' })])).toBe(
      'refers-to-not-a-consent',
    );
    expect(problem(withdraw(2, given, given.at - 1))).toBe('before-referred');
    expect(problem(withdraw(3, given), [given, withdraw(2, given)])).toBe('already-withdrawn');
    const correction = rec(4, { action: 'corrected', refersTo: given.id });
    expect(problem(correction)).toBeUndefined();
    expect(problem(rec(5, { action: 'corrected', refersTo: given.id }), [given, correction])).toBe(
      'already-corrected',
    );
    // A legacy consent (notice unknown) can be withdrawn citing what it cites, even with no notice held.
    const unknownNotice = { noticeId: '00000000-0000-0000-0000-000000000000', noticeVersion: '2026-04' };
    const legacy = rec(7, {
      ...unknownNotice,
      noticeHash: '0'.repeat(64),
      legacy: true,
      signature: undefined,
    });
    const ending = { ...withdraw(8, legacy), ...unknownNotice, noticeHash: '0'.repeat(64) };
    expect(ledgerProblem(ending, [legacy], [])).toBeUndefined();
    expect(ledgerProblem({ ...ending, action: 'given', refersTo: undefined }, [legacy], [])).toBe(
      'notice-unknown',
    );
    expect(ledgerProblem({ ...ending, language: 'ja' }, [legacy], [])).toBe('notice-unknown');
    // A withdrawal of the correction, once the original was withdrawn: the chain is already ended.
    expect(problem(withdraw(6, correction), [given, correction, withdraw(2, given)])).toBe(
      'already-withdrawn',
    );
  });
});
