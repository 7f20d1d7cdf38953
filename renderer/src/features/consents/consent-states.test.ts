import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import { purposeRows, recordLinks } from './consent-states';
import { receiptJson, receiptLanguage, receiptLines } from './receipt-content';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CLIENT = uuid(1);
const PARTNER = uuid(7);
const notice = (n: number, effectiveAt: number, renewalDeadline?: number): PrivacyNotice => ({
  id: uuid(900 + n),
  kind: 'privacy-notice',
  version: `v${n}`,
  effectiveAt,
  summary: 's',
  substantial: renewalDeadline !== undefined,
  ...(renewalDeadline !== undefined ? { renewalDeadline } : {}),
  texts: [{ language: 'en', text: 't', sha256: 'a'.repeat(64) }],
  publishedBy: uuid(2),
  assignedStaffIds: [],
  createdAt: 0,
  updatedAt: 0,
});
const record = (n: number, fields: Partial<ConsentRecord>): ConsentRecord => ({
  id: uuid(100 + n),
  clientId: CLIENT,
  action: 'given',
  purpose: 'medical-data',
  noticeId: uuid(901),
  noticeVersion: 'v1',
  noticeHash: 'a'.repeat(64),
  language: 'en',
  method: 'signed-paper',
  at: 1_000 + n,
  recordedBy: uuid(3),
  deviceId: uuid(4),
  recordedAt: 1_000 + n,
  assignedStaffIds: [],
  ...fields,
});

describe('the state per purpose', () => {
  const medical = record(1, {});
  const provision = record(2, { purpose: 'provision', partnerId: PARTNER, statedPurpose: 'x' });
  const marketing = record(3, { purpose: 'marketing' });
  const withdrawal = record(4, { action: 'withdrawn', purpose: 'marketing', refersTo: marketing.id });

  it('shows a migrated (legacy) consent as unverified, never in force', () => {
    const legacy = record(9, { legacy: true });
    const medicalRow = purposeRows([legacy], [], CLIENT, 5_000).find((row) => row.purpose === 'medical-data');
    expect(medicalRow).toMatchObject({ state: 'unverified', unverified: legacy });
    expect(medicalRow?.live).toBeUndefined();
  });

  it('gives two purposes with one partner a row each, each ended only by its own withdrawal', () => {
    const treatment = { ...provision, purposeCode: 'treatment-arrangement' as const };
    const claim = record(5, { ...treatment, id: uuid(105), purposeCode: 'insurance-claim' });
    const ended = record(6, {
      action: 'withdrawn',
      purpose: 'provision',
      partnerId: PARTNER,
      refersTo: claim.id,
    });
    const rows = purposeRows([treatment, claim, ended], [notice(1, 0)], CLIENT, 5_000);
    expect(rows.filter((row) => row.purpose === 'provision').map((row) => [row.key, row.state])).toEqual([
      [`provision:${PARTNER}:insurance-claim`, 'withdrawn'],
      [`provision:${PARTNER}:treatment-arrangement`, 'in-force'],
    ]);
  });

  it('lists medical data, marketing and the acknowledgement always, and each partner and country recorded', () => {
    const rows = purposeRows([medical, provision, marketing, withdrawal], [notice(1, 0)], CLIENT, 5_000);
    expect(rows.map((row) => [row.key, row.state])).toEqual([
      ['medical-data', 'in-force'],
      [`provision:${PARTNER}`, 'in-force'],
      ['marketing', 'withdrawn'],
      ['notice-acknowledgement', 'never-given'],
    ]);
    expect(rows[2]!.withdrawal).toEqual(withdrawal);
  });

  it('marks a medical consent under a version older than a substantial change as needing renewal', () => {
    const rows = purposeRows([medical], [notice(1, 0), notice(2, 2_000, 9_000)], CLIENT, 5_000);
    expect(rows[0]).toMatchObject({ state: 'needs-renewal', renewal: { deadline: 9_000 } });
  });

  it('links a withdrawal to the whole correction chain it ends, and a correction to what it replaces', () => {
    const correction = record(5, { action: 'corrected', refersTo: medical.id, method: 'email' });
    const ending = record(6, { action: 'withdrawn', refersTo: medical.id });
    const { withdrawnBy, correctedBy } = recordLinks([medical, correction, ending]);
    expect(correctedBy.get(medical.id)).toEqual(correction);
    expect(withdrawnBy.get(medical.id)).toEqual(ending);
    expect(withdrawnBy.get(correction.id)).toEqual(ending);
  });
});

describe('the consent receipt', () => {
  it('is in the first of the client’s languages it is written in, English otherwise', () => {
    expect(receiptLanguage(['fr', 'ja-JP', 'en'])).toBe('ja');
    expect(receiptLanguage(['en-GB'])).toBe('en');
    expect(receiptLanguage(['fr'])).toBe('en');
    expect(receiptLanguage(undefined)).toBe('en');
  });

  it('holds one line per purpose, and the same as JSON', () => {
    const medical = record(1, {});
    const rows = purposeRows([medical], [notice(1, 0)], CLIENT, 5_000);
    const lines = receiptLines(rows);
    expect(lines[0]).toEqual({
      purpose: 'medical-data',
      state: 'in-force',
      recordId: medical.id,
      noticeVersion: 'v1',
      noticeHash: 'a'.repeat(64),
      noticeLanguage: 'en',
      method: 'signed-paper',
      at: medical.at,
    });
    expect(lines[1]).toEqual({ purpose: 'marketing', state: 'never-given' });
    const json = JSON.parse(
      receiptJson({
        client: { id: CLIENT, name: 'Zoë' },
        issuedAt: 0,
        language: 'en',
        lines,
        howToWithdraw: 'Contact the DPO',
      }),
    );
    expect(json).toMatchObject({
      kind: 'lumina.consent-receipt.v1',
      language: 'en',
      consents: [{ purpose: 'medical-data', at: new Date(medical.at).toISOString() }, {}, {}],
      howToWithdraw: 'Contact the DPO',
    });
  });

  it('names a provision’s partner by the directory’s name and country in the JSON, keeping its id', () => {
    const provision = record(2, { purpose: 'provision', partnerId: PARTNER, statedPurpose: 'x' });
    const lines = receiptLines(purposeRows([provision], [notice(1, 0)], CLIENT, 5_000));
    const partners = [
      { id: uuid(8), names: { en: 'Other', ja: 'ほか' }, country: 'JP' },
      { id: PARTNER, names: { en: 'Raffles Hospital', ja: 'ラッフルズ病院' }, country: 'SG' },
    ];
    const consents = (language: 'en' | 'ja', held = partners) =>
      JSON.parse(
        receiptJson({
          client: { id: CLIENT, name: 'Zoë' },
          issuedAt: 0,
          language,
          lines,
          partners: held,
          howToWithdraw: '',
        }),
      ).consents as Record<string, unknown>[];
    const line = (language: 'en' | 'ja', held = partners) =>
      consents(language, held).find((entry) => entry.purpose === 'provision');
    expect(line('en')).toMatchObject({
      partnerId: PARTNER,
      partner: { name: 'Raffles Hospital', country: 'SG' },
    });
    expect(line('ja')).toMatchObject({
      partnerId: PARTNER,
      partner: { name: 'ラッフルズ病院', country: 'SG' },
    });
    // A partner the directory here does not hold keeps its id alone; a line without a partner gets no partner fields.
    const unknown = line('en', []);
    expect(unknown).toMatchObject({ partnerId: PARTNER });
    expect(unknown).not.toHaveProperty('partner');
    expect(consents('en').find((entry) => entry.purpose === 'medical-data')).not.toHaveProperty('partner');
  });
});
