import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { CLIENT_STATUSES, type Client } from '../../../../shared/index';
import type { MedicalContent } from '../../../../shared/domain/medical';
import { SHARE_REQUEST_STATUSES } from '../../../../shared/domain/share-request';
import type { TripItem } from '../../../../shared/domain/trip';
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

const CLIENT: Omit<Client, 'conflicts'> = {
  id: '00000000-0000-4000-8000-000000000001',
  names: { latin: 'Greta Report', katakana: 'グレタ' },
  nationality: 'GB',
  dateOfBirth: '1980-04-02',
  languages: ['en-GB', 'ja'],
  contact: { email: 'greta@example.com', phone: '+442079460018', address: '10 Downing Street\nLondon' },
  passport: { number: 'GR1234567', country: 'FR', expiryDate: '2031-05-01' },
  preferences: { seat: 'window', room: 'japanese-style', dietary: 'Japanese breakfast' },
  emergencyContacts: [
    { name: 'Hans Report', relationship: 'Spouse', phone: '+442079460019', email: 'hans@example.com' },
    { name: 'Ida Report', relationship: 'Daughter', phone: '+442079460020' },
  ],
  lifestyle: {
    dietaryRestrictions: ['halal', 'gluten-free'],
    mobilityNeeds: 'No stairs',
    allergies: ['Feathers'],
  },
  status: 'active',
  assignedStaffIds: [],
  createdAt: 1,
  updatedAt: 1,
};
const MEDICAL: MedicalContent = {
  history: 'Knee surgery, 2021',
  currentMedications: [{ name: 'Amlodipine', dose: '5 mg', schedule: 'Morning' }],
  allergies: [{ substance: 'Penicillin', reaction: 'Rash', severity: 'anaphylaxis' }],
  conditions: [{ name: 'Hypertension', notes: 'Controlled' }],
  documentNotes: 'Referral letter',
  plannedTreatments: [{ description: 'Physiotherapy', institution: 'Tokyo Clinic', date: '2027-01-15' }],
};
/** What the old report printed: codes, object keys, JSON. */
const RAW = [
  /\bGB\b/,
  /\bFR\b/,
  /[{}[\]"]/,
  /\[object Object\]/,
  /\b(expiryDate|relationship|dietaryRestrictions|mobilityNeeds|currentMedications|severity|substance|dose|schedule|institution|window|japanese-style|halal|gluten-free|anaphylaxis)\b\s*:/,
  /\b(window|japanese-style|gluten-free|anaphylaxis)\b/,
];
const showsRaw = (text: string) => RAW.find((pattern) => pattern.test(text));

it('catches what the old report printed', () => {
  // The old report's `readable`: "key: value" pairs of the stored object, codes as stored.
  for (const old of [
    'number: GR1234567, country: FR, expiryDate: 2031-05-01',
    'GB',
    'name: Hans Report, relationship: Spouse, phone: +442079460019',
    'seat: window, room: japanese-style',
    'substance: Penicillin, reaction: Rash, severity: anaphylaxis',
  ])
    expect(showsRaw(old), old).toBeDefined();
});

describe.each(['en', 'ja'] as const)('nested values of the readable report in %s', (language) => {
  const label = labelsIn(language);
  const words = {
    en: { country: 'United Kingdom', passportCountry: 'France', seat: 'Window', severity: 'Anaphylaxis' },
    ja: { country: 'イギリス', passportCountry: 'フランス', seat: '窓側', severity: 'アナフィラキシー' },
  }[language];

  it('names countries in the report’s language', () => {
    expect(label.country('GB')).toBe(words.country);
    expect(label.clientField('nationality', CLIENT)).toEqual([words.country]);
    expect(label.country('not-a-code')).toBe('not-a-code');
  });

  it('shows every field of the record as labelled text, never a code, an object or JSON', () => {
    const fields = ['names', 'nationality', 'dateOfBirth', 'languages', 'contact', 'passport'] as const;
    const more = ['preferences', 'emergencyContacts', 'lifestyle', 'status'] as const;
    for (const field of [...fields, ...more]) {
      const lines = label.clientField(field, CLIENT);
      expect(lines.length, field).toBeGreaterThan(0);
      for (const line of lines) expect(showsRaw(line), `${field}: ${line}`).toBeUndefined();
    }
    const passport = label.clientField('passport', CLIENT).join('\n');
    expect(passport).toContain('GR1234567');
    expect(passport).toContain(words.passportCountry);
    expect(passport).toContain(language === 'en' ? '1 May 2031' : '2031/05/01');
    expect(label.clientField('preferences', CLIENT).join('\n')).toContain(words.seat);
    // One line per emergency contact, each with its parts labelled.
    const contacts = label.clientField('emergencyContacts', CLIENT);
    expect(contacts).toHaveLength(2);
    expect(contacts[0]).toContain('Hans Report');
    expect(contacts[0]).toContain(language === 'en' ? 'Relationship: Spouse' : '続柄：Spouse');
    // The address's lines on one line.
    expect(label.clientField('contact', CLIENT).join('\n')).toContain(
      language === 'en' ? '10 Downing Street, London' : '10 Downing Street、London',
    );
    expect(label.clientField('languages', CLIENT)[0]).toContain(language === 'en' ? 'Japanese' : '日本語');
    for (const status of CLIENT_STATUSES)
      expect(label.clientField('status', { ...CLIENT, status })[0], status).not.toBe(status);
  });

  it('shows the medical section’s lists as labelled lines', () => {
    for (const [field, value] of Object.entries(MEDICAL)) {
      const lines = label.medicalField(field, value);
      expect(lines.length, field).toBeGreaterThan(0);
      for (const line of lines) expect(showsRaw(line), `${field}: ${line}`).toBeUndefined();
    }
    const allergy = label.medicalField('allergies', MEDICAL.allergies)[0]!;
    expect(allergy).toContain('Penicillin');
    expect(allergy).toContain(words.severity);
    expect(label.medicalField('plannedTreatments', MEDICAL.plannedTreatments)[0]).toContain('Tokyo Clinic');
  });

  it('shows an itinerary item’s kind, place and cost in words, and a sealed medical item by its kind', () => {
    const hotel: TripItem = {
      id: 'i1',
      kind: 'hotel',
      start: '2026-12-07T15:00+09:00',
      end: '2026-12-08T11:00+09:00',
      title: 'Hoshinoya Kyoto',
      location: 'Arashiyama',
      cost: { amount: 180000, currency: 'JPY' },
    };
    const details = label.itemDetails(hotel);
    expect(details).toContain('Arashiyama');
    expect(details).toContain('180,000');
    expect(details).not.toMatch(/\bJPY\b|\bhotel\b/);
    const sealed: TripItem = {
      id: 'i2',
      kind: 'procedure',
      start: hotel.start,
      end: hotel.end,
      sealedDetails: 'x',
    };
    expect(label.itemTitle(sealed)).not.toBe('procedure');
    expect(label.itemTitle(sealed)).not.toMatch(/undefined/);
    // Not opened on the exporting device: said so, and where to look for who can grant (issue 16 review, F1).
    expect(label.itemDetails(sealed)).toBe(i18n.getFixedT(localeOf(language))('export.report.itemSealed'));
    expect(label.itemDetails(sealed)).toContain(language === 'en' ? 'not opened' : '開けません');
    // Opened with the device's grant: its details as any other item's.
    const opened = { ...sealed, openedDetails: { title: 'Knee MRI', location: 'Keio', notes: 'No metal' } };
    expect(label.itemTitle(opened)).toBe('Knee MRI');
    expect(label.itemDetails(opened)).toContain('Keio');
    expect(label.itemDetails(opened)).toContain('No metal');
    expect(label.itemDetails(opened)).not.toContain(label.itemDetails(sealed));
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
