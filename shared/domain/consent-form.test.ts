import { describe, expect, it } from 'vitest';
import {
  noticeChoices,
  validateConsentForm,
  validateWithdrawalForm,
  type ConsentFormInput,
} from './consent-form';
import type { Partner } from './partner';
import type { PrivacyNotice } from './privacy-notice';

const now = Date.UTC(2026, 10, 24, 9, 0);
const DAY = 86_400_000;
const uuid = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const RECORDER = uuid(1);
const WITNESS = uuid(2);
const PARTNER = uuid(3);

const notice = (n: number, effectiveAt: number, languages: string[]): PrivacyNotice => ({
  id: uuid(100 + n),
  kind: 'privacy-notice',
  version: `2026.${n}`,
  effectiveAt,
  summary: 'changes',
  substantial: false,
  texts: languages.map((language) => ({ language, text: `notice ${n} ${language}`, sha256: 'a'.repeat(64) })),
  publishedBy: RECORDER,
  assignedStaffIds: [],
  createdAt: 0,
  updatedAt: 0,
});
const v1 = notice(1, now - 60 * DAY, ['en', 'ja']);
const v2 = notice(2, now - 2 * DAY, ['en']);
const future = notice(3, now + DAY, ['en', 'ja']);
const notices = [v1, v2, future];
const context = { notices, clientLanguages: ['ja'], recorderId: RECORDER, now };

const base: ConsentFormInput = {
  action: 'given',
  purpose: 'medical-data',
  noticeId: v1.id,
  method: 'signed-paper',
  at: now - 1_000,
};

describe('the notice versions a consent form offers', () => {
  it('offers effective versions only, newest first, in the client’s language or marked as a fallback', () => {
    expect(
      noticeChoices(notices, ['ja', 'en'], now).map((c) => [c.notice.version, c.language, c.fallback]),
    ).toEqual([
      ['2026.2', 'en', false],
      ['2026.1', 'ja', false],
    ]);
    expect(
      noticeChoices(notices, ['fr'], now).map((c) => [c.notice.version, c.language, c.fallback]),
    ).toEqual([
      ['2026.2', 'en', true],
      ['2026.1', 'en', true],
    ]);
    // A regional tag finds its primary language; no language known: English.
    expect(noticeChoices([v1], ['ja-JP'], now)[0]).toMatchObject({ language: 'ja', fallback: false });
    expect(noticeChoices([v1], [], now)[0]).toMatchObject({ language: 'en', fallback: false });
  });
});

describe('the consent form', () => {
  it('accepts a medical consent under an effective version, in the language offered', () => {
    expect(validateConsentForm({ ...base, notes: '  form ref 12 ' }, context)).toEqual({
      ok: true,
      value: {
        action: 'given',
        purpose: 'medical-data',
        noticeId: v1.id,
        language: 'ja',
        method: 'signed-paper',
        at: now - 1_000,
        notes: 'form ref 12',
      },
    });
  });

  it('requires every field and an option for each choice', () => {
    const result = validateConsentForm(
      { action: '', purpose: 'fun', noticeId: '', method: 'fax', at: NaN },
      context,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'consent.action', code: 'required' },
        { path: 'consent.purpose', code: 'unknown-option' },
        { path: 'consent.noticeId', code: 'required' },
        { path: 'consent.method', code: 'unknown-option' },
        { path: 'consent.at', code: 'invalid-date' },
      ],
    });
  });

  it('refuses a version not yet effective or unknown', () => {
    for (const noticeId of [future.id, uuid(999)])
      expect(validateConsentForm({ ...base, noticeId }, context)).toEqual({
        ok: false,
        errors: [{ path: 'consent.noticeId', code: 'unknown-option' }],
      });
  });

  it('refuses a moment in the future, more than 30 days back, or before the version took effect', () => {
    const at = (value: number, noticeId = v1.id) =>
      validateConsentForm({ ...base, noticeId, at: value }, context);
    expect(at(now + 3_600_000)).toMatchObject({ errors: [{ path: 'consent.at', code: 'date-in-future' }] });
    expect(at(now + 30_000)).toMatchObject({ ok: true, value: { at: now } });
    expect(at(now - 31 * DAY)).toMatchObject({
      errors: [{ path: 'consent.at', code: 'date-too-early', params: { days: 30 } }],
    });
    expect(at(now - 29 * DAY)).toMatchObject({ ok: true });
    expect(at(now - 3 * DAY, v2.id)).toMatchObject({
      errors: [{ path: 'consent.at', code: 'before-notice' }],
    });
  });

  it('lets a correction older than the bound keep the date and notice of the record it corrects, nothing else', () => {
    const correcting = { at: now - 50 * DAY, noticeId: v1.id };
    const at = (value: number, noticeId = v1.id) =>
      validateConsentForm({ ...base, noticeId, at: value }, { ...context, correcting });
    expect(at(correcting.at)).toMatchObject({ ok: true, value: { at: correcting.at } });
    expect(at(correcting.at + DAY)).toMatchObject({
      errors: [{ path: 'consent.at', code: 'correction-keeps-date', params: { days: 30 } }],
    });
    expect(at(correcting.at, v2.id)).toMatchObject({
      errors: expect.arrayContaining([
        expect.objectContaining({ path: 'consent.noticeId', code: 'correction-keeps-notice' }),
      ]),
    });
    // Within the bound a correction may take a later date, never one before the record it corrects.
    const recent = { at: now - 5 * DAY, noticeId: v1.id };
    const within = (value: number) =>
      validateConsentForm({ ...base, at: value }, { ...context, correcting: recent });
    expect(within(recent.at + DAY)).toMatchObject({ ok: true });
    expect(within(recent.at - 60_000)).toMatchObject({
      errors: [{ path: 'consent.at', code: 'before-referred' }],
    });
    expect(at(now + 3_600_000)).toMatchObject({ errors: [{ path: 'consent.at', code: 'date-in-future' }] });
  });

  it('records the person recording as the witness of a verbal consent, and no one else', () => {
    const verbal = { ...base, method: 'verbal-witnessed' };
    expect(validateConsentForm(verbal, context)).toMatchObject({
      ok: true,
      value: { witnessStaffId: RECORDER },
    });
    expect(validateConsentForm({ ...verbal, witnessStaffId: RECORDER }, context)).toMatchObject({
      ok: true,
      value: { witnessStaffId: RECORDER },
    });
    expect(validateConsentForm({ ...verbal, witnessStaffId: WITNESS }, context)).toMatchObject({
      errors: [{ path: 'consent.witnessStaffId', code: 'witness-not-recorder' }],
    });
    const written = validateConsentForm(base, context);
    expect(written.ok && written.value).not.toHaveProperty('witnessStaffId');
  });

  it('requires the partner, the stated purpose and the catalogue purpose of a provision, and drops them elsewhere', () => {
    const provision = { ...base, purpose: 'provision' };
    expect(validateConsentForm(provision, context)).toMatchObject({
      errors: [
        { path: 'consent.partnerId', code: 'required' },
        { path: 'consent.statedPurpose', code: 'required' },
        { path: 'consent.purposeCode', code: 'required' },
      ],
    });
    expect(
      validateConsentForm(
        {
          ...provision,
          partnerId: PARTNER,
          statedPurpose: 'x',
          purposeCode: 'shopping',
          partnerCountry: 'XX',
        },
        context,
      ),
    ).toMatchObject({
      errors: [
        { path: 'consent.purposeCode', code: 'unknown-option' },
        { path: 'consent.partnerCountry', code: 'unknown-country' },
      ],
    });
    expect(
      validateConsentForm(
        { ...provision, partnerId: 'clinic', statedPurpose: 'x', purposeCode: 'aftercare' },
        context,
      ),
    ).toMatchObject({
      errors: [{ path: 'consent.partnerId', code: 'invalid-format' }],
    });
    expect(
      validateConsentForm(
        {
          ...provision,
          partnerId: PARTNER.toUpperCase(),
          statedPurpose: ' Pre-op check ',
          purposeCode: 'medical-assessment',
          partnerCountry: ' sg ',
        },
        context,
      ),
    ).toMatchObject({
      ok: true,
      value: {
        purpose: 'provision',
        partnerId: PARTNER,
        statedPurpose: 'Pre-op check',
        purposeCode: 'medical-assessment',
        partnerCountry: 'SG',
      },
    });
    const medical = validateConsentForm(
      { ...base, partnerId: PARTNER, statedPurpose: 'x', country: 'US' },
      context,
    );
    expect(medical.ok && medical.value).not.toHaveProperty('partnerId');
    expect(medical.ok && medical.value).not.toHaveProperty('country');
  });

  it('takes the partner from the directory: one a consent may name, with the directory’s country', () => {
    const partner = (n: number, status: Partner['vetting']['status'], country: string): Partner => ({
      id: uuid(200 + n),
      names: { en: `Clinic ${n}`, ja: `クリニック${n}` },
      kind: 'clinic',
      country,
      city: 'City',
      vetting: { status },
      assignedStaffIds: [],
      createdAt: 0,
      updatedAt: 0,
    });
    const partners = [partner(1, 'vetted', 'SG'), partner(2, 'suspended', 'JP')];
    const provision = {
      ...base,
      purpose: 'provision',
      statedPurpose: 'Pre-op check',
      purposeCode: 'medical-assessment',
    };
    // The country typed (or left over from an earlier choice) gives way to the directory's.
    expect(
      validateConsentForm(
        { ...provision, partnerId: uuid(201), partnerCountry: 'US' },
        { ...context, partners },
      ),
    ).toMatchObject({ ok: true, value: { partnerId: uuid(201), partnerCountry: 'SG' } });
    for (const partnerId of [uuid(202), PARTNER]) {
      expect(validateConsentForm({ ...provision, partnerId }, { ...context, partners })).toMatchObject({
        errors: [{ path: 'consent.partnerId', code: 'unknown-option' }],
      });
    }
    // A correction keeps its partner, suspended since.
    expect(
      validateConsentForm(
        { ...provision, partnerId: uuid(202) },
        { ...context, partners, correctingPartnerId: uuid(202) },
      ),
    ).toMatchObject({ ok: true, value: { partnerCountry: 'JP' } });
  });

  it('requires the country (not Japan) and what the client was told of it for an overseas transfer', () => {
    const overseas = { ...base, purpose: 'overseas-transfer' };
    expect(validateConsentForm(overseas, context)).toMatchObject({
      errors: [
        { path: 'consent.country', code: 'required' },
        { path: 'consent.countryInformation', code: 'required' },
      ],
    });
    expect(
      validateConsentForm({ ...overseas, country: 'jp', countryInformation: 'x' }, context),
    ).toMatchObject({
      errors: [{ path: 'consent.country', code: 'country-japan' }],
    });
    expect(
      validateConsentForm({ ...overseas, country: 'QQ', countryInformation: 'x' }, context),
    ).toMatchObject({
      errors: [{ path: 'consent.country', code: 'unknown-country' }],
    });
    expect(
      validateConsentForm({ ...overseas, country: 'sg', countryInformation: 'PDPA 2012 applies.' }, context),
    ).toMatchObject({ ok: true, value: { country: 'SG', countryInformation: 'PDPA 2012 applies.' } });
  });

  it('records a refusal and a "client was told" for any purpose the same way', () => {
    for (const action of ['refused', 'informed'])
      expect(validateConsentForm({ ...base, action, purpose: 'marketing' }, context)).toMatchObject({
        ok: true,
        value: { action, purpose: 'marketing' },
      });
    expect(validateConsentForm({ ...base, action: 'withdrawn' }, context)).toMatchObject({
      errors: [{ path: 'consent.action', code: 'unknown-option' }],
    });
  });
});

describe('the withdrawal form', () => {
  const ctx = { referredAt: now - 10 * DAY, recorderId: RECORDER, now };
  it('needs who asked, how and when, not before the consent it ends', () => {
    expect(validateWithdrawalForm({ requestedBy: '', method: '', at: now }, ctx)).toEqual({
      ok: false,
      errors: [
        { path: 'withdrawal.requestedBy', code: 'required' },
        { path: 'withdrawal.method', code: 'required' },
      ],
    });
    expect(
      validateWithdrawalForm({ requestedBy: 'client', method: 'email', at: now - 11 * DAY }, ctx),
    ).toMatchObject({ errors: [{ path: 'withdrawal.at', code: 'before-referred' }] });
    expect(
      validateWithdrawalForm(
        {
          requestedBy: 'representative',
          method: 'verbal-witnessed',
          at: now - DAY,
          notes: ' by phone ',
        },
        ctx,
      ),
    ).toEqual({
      ok: true,
      value: {
        requestedBy: 'representative',
        method: 'verbal-witnessed',
        at: now - DAY,
        witnessStaffId: RECORDER,
        notes: 'by phone',
      },
    });
    expect(
      validateWithdrawalForm(
        { requestedBy: 'client', method: 'verbal-witnessed', at: now, witnessStaffId: WITNESS },
        ctx,
      ),
    ).toMatchObject({ errors: [{ path: 'withdrawal.witnessStaffId', code: 'witness-not-recorder' }] });
  });
});
