import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../i18n/index';
import { sharePurposeText } from './share-purpose';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: catalogues.en }, ja: { translation: catalogues.ja } },
  lng: 'en',
  interpolation: { escapeValue: false },
});

describe('a share request’s purpose on the card the approving manager sees', () => {
  const request = { purpose: 'Admission paperwork', purposeCode: 'insurance-claim' as const };

  it('names the catalogue purpose the consent gate checks, in English and Japanese, then the requester’s words', () => {
    expect(sharePurposeText(i18n.getFixedT('en'), request)).toEqual({
      catalogue: 'Purpose under the client’s consent: An insurance claim',
      missing: false,
      words: 'In the requester’s words: Admission paperwork',
    });
    expect(sharePurposeText(i18n.getFixedT('ja'), request)).toEqual({
      catalogue: '顧客の同意に基づく提供目的：保険金の請求',
      missing: false,
      words: '依頼者の記載：Admission paperwork',
    });
  });

  it('says a request from before the catalogue names no purpose and is asked again', () => {
    const old = sharePurposeText(i18n.getFixedT('en'), { purpose: 'Admission paperwork' });
    expect(old.missing).toBe(true);
    expect(old.catalogue).toMatch(/^Asked before requests named a purpose from the consent catalogue/);
    expect(sharePurposeText(i18n.getFixedT('ja'), { purpose: 'x' }).catalogue).toMatch(/^同意の提供目的/);
  });
});
