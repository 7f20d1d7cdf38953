import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { catalogues } from '../../i18n/index';
import { purposeRows } from './consent-states';
import { purposeLabelWithCode } from './labels';
import { receiptJson, receiptLines } from './receipt-content';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CLIENT = uuid(1);
const PARTNER = uuid(7);
const provision = (n: number, fields: Partial<ConsentRecord>): ConsentRecord => ({
  id: uuid(100 + n),
  clientId: CLIENT,
  action: 'given',
  purpose: 'provision',
  partnerId: PARTNER,
  statedPurpose: 'words said to the client',
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

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: catalogues.en }, ja: { translation: catalogues.ja } },
  lng: 'en',
  interpolation: { escapeValue: false },
});

describe('the receipt’s provision lines for one partner and two purposes', () => {
  const treatment = provision(1, { purposeCode: 'treatment-arrangement' });
  const claim = provision(2, { purposeCode: 'insurance-claim' });
  const lines = receiptLines(purposeRows([treatment, claim], [], CLIENT, 5_000)).filter(
    (line) => line.purpose === 'provision',
  );
  const partnerName = (_: string, language: string) =>
    language === 'ja' ? 'ラッフルズ病院' : 'Raffles Hospital';

  it('name each line’s catalogue purpose on the printed page, in the receipt’s language', () => {
    const labels = (language: 'en' | 'ja') =>
      lines.map((line) => purposeLabelWithCode(i18n.getFixedT(language), language, line, partnerName));
    expect(labels('en')).toEqual([
      'Provision to a partner: Raffles Hospital (An insurance claim)',
      'Provision to a partner: Raffles Hospital (Arranging treatment and admission)',
    ]);
    expect(labels('ja')).toEqual([
      '提携先への第三者提供: ラッフルズ病院 (保険金の請求)',
      '提携先への第三者提供: ラッフルズ病院 (治療・入院の手配)',
    ]);
  });

  it('name each line’s catalogue purpose in the JSON, by code and in the receipt’s language', () => {
    const consents = (language: 'en' | 'ja') =>
      (
        JSON.parse(
          receiptJson({
            client: { id: CLIENT, name: 'Zoë' },
            issuedAt: 0,
            language,
            lines,
            howToWithdraw: '',
          }),
        ).consents as Record<string, unknown>[]
      ).map((line) => [line.recordId, line.purposeCode, line.purposeName]);
    expect(consents('en')).toEqual([
      [claim.id, 'insurance-claim', 'An insurance claim'],
      [treatment.id, 'treatment-arrangement', 'Arranging treatment and admission'],
    ]);
    expect(consents('ja')).toEqual([
      [claim.id, 'insurance-claim', '保険金の請求'],
      [treatment.id, 'treatment-arrangement', '治療・入院の手配'],
    ]);
  });

  it('leave a consent from before the catalogue, and other purposes, without a purpose name', () => {
    const old = receiptLines(purposeRows([provision(3, {})], [], CLIENT, 5_000));
    const json = JSON.parse(
      receiptJson({
        client: { id: CLIENT, name: 'Zoë' },
        issuedAt: 0,
        language: 'en',
        lines: old,
        howToWithdraw: '',
      }),
    ).consents as Record<string, unknown>[];
    for (const line of json) expect(line).not.toHaveProperty('purposeName');
    const label = purposeLabelWithCode(
      i18n.getFixedT('en'),
      'en',
      old.find((l) => l.purpose === 'provision')!,
      partnerName,
    );
    expect(label).toBe('Provision to a partner: Raffles Hospital');
  });
});
