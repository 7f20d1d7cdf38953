import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { SHARE_REQUEST_STATUSES } from '../../../../shared/domain/share-request';
import { catalogues, localeOf } from '../../i18n/index';
import { REPORT_ACCESS_KINDS, reportLabels } from './report-labels';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: catalogues.en }, ja: { translation: catalogues.ja } },
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
const labelsIn = (language: 'en' | 'ja') => reportLabels(i18n.getFixedT(localeOf(language)), language);
const CHANNELS = ['email', 'phone', 'letter', 'in-person'];
/**
 * A code of the export's JSON shown as it is: a hyphenated one ("request-handled") anywhere in the text, a one-word
 * one ("approved") as the whole text (as a word of a sentence it is English, "approved by a manager").
 */
const rawCodeOf = (text: string, codes: readonly string[]) =>
  codes.find((code) =>
    code.includes('-') ? new RegExp(`(^|[^a-z-])${code}($|[^a-z-])`).test(text) : text.trim() === code,
  );

describe.each(['en', 'ja'] as const)('the readable report in %s', (language) => {
  const label = labelsIn(language);

  it('names every access-log kind of the device and the server in words, never by its code', () => {
    for (const kind of REPORT_ACCESS_KINDS) {
      expect(i18n.exists(`export.report.accessKind.${kind}`, { lng: language }), kind).toBe(true);
      const what = label.accessWhat({ kind, fields: ['allergies'] });
      expect(rawCodeOf(what, REPORT_ACCESS_KINDS), `${kind}: ${what}`).toBeUndefined();
      if (language === 'ja') expect(what, kind).not.toMatch(/[a-z]{3,}/);
    }
    expect(label.accessWhat({ kind: 'medical-unsealed', fields: ['allergies'] })).toContain(
      language === 'en' ? 'Allergies' : 'アレルギー',
    );
  });

  it('names every share status and notification channel in words', () => {
    for (const status of SHARE_REQUEST_STATUSES) {
      const shown = label.shareStatus(status);
      expect(i18n.exists(`export.report.shareStatus.${status}`, { lng: language }), status).toBe(true);
      expect(rawCodeOf(shown, SHARE_REQUEST_STATUSES), `${status}: ${shown}`).toBeUndefined();
    }
    for (const channel of CHANNELS) {
      expect(rawCodeOf(label.channel(channel), CHANNELS), channel).toBeUndefined();
    }
  });

  it('still shows a code it does not know, plainly', () => {
    expect(label.accessWhat({ kind: 'kind-added-later' })).toContain('kind-added-later');
    expect(label.shareStatus('on-hold')).toBe('on-hold');
    expect(label.channel('carrier-pigeon')).toBe('carrier-pigeon');
    expect(label.languageName('xx-invalid-tag-!')).toBe('xx-invalid-tag-!');
  });
});

describe('dates of the readable report', () => {
  const at = Date.UTC(2026, 11, 7, 12);

  it('read British English in English, as the rest of the app', () => {
    const en = labelsIn('en');
    expect(en.locale).toBe('en-GB');
    expect(en.date(at)).toBe('7 Dec 2026');
    expect(en.dateTime(at)).toMatch(/^7 Dec 2026, \d\d:\d\d$/);
    expect(en.day('2026-12-07')).toBe('7 Dec 2026');
    expect(en.instant('2026-12-07T09:30+09:00', 'Asia/Tokyo')).toBe('7 Dec 2026, 09:30');
    const t = i18n.getFixedT(en.locale);
    const line = t('export.report.requestLine', { time: en.date(at), type: 't', status: 's' });
    expect(line).toBe('7 Dec 2026: t (s)');
    expect(line).not.toContain('Dec 7');
  });

  it('are never formatted by i18next in the catalogue (whose English is American): the app formats them', () => {
    for (const messages of Object.values(catalogues)) {
      expect(JSON.stringify(messages.export.report)).not.toMatch(/datetime/);
    }
  });

  it('follow the Japanese order in Japanese', () => {
    const ja = labelsIn('ja');
    expect(ja.date(at)).toBe('2026/12/07');
    expect(ja.day('2026-12-07')).toBe('2026/12/07');
    expect(ja.languageName('en')).toBe('英語');
  });

  it('leave a trip time that does not parse as it was written', () => {
    expect(labelsIn('en').instant('not a time', 'Asia/Tokyo')).toBe('not a time');
  });
});
