import { describe, expect, it } from 'vitest';
import type { Incident, IncidentFacts } from './incident';
import { japanDate, ppcReportDraft } from './incident-report';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
/** 2026-12-08 08:00 in Japan: 2026-12-07 23:00 UTC. */
const EIGHT_JST = Date.UTC(2026, 11, 7, 23, 0);

/** A laptop lost, later found stolen and its data misused. */
const stolen: IncidentFacts = {
  summary: 'Laptop taken from a taxi',
  cause: 'stolen-device',
  dataCategories: ['contact'],
  clientIds: [uuid(1), uuid(2)],
  euClientIds: [uuid(2)],
  encrypted: false,
  keyExposed: false,
  wrongfulPurpose: true,
  financialHarmRisk: false,
};
const incident = (facts: IncidentFacts, discoveredAt = EIGHT_JST): Incident => ({
  id: uuid(100),
  discoveredAt,
  discoveredBy: uuid(10),
  recordedBy: uuid(10),
  recordedAt: discoveredAt,
  facts,
  updatedAt: discoveredAt,
  notifications: [],
  revision: 1,
  history: [],
});

describe('ppcReportDraft', () => {
  it('fills items 5, 7 and 8 with what the DPO wrote, in both columns', () => {
    const draft = ppcReportDraft(
      incident({
        ...stolen,
        secondaryHarm: 'フィッシングメールが2名に届いた',
        publication: 'Not published: every person affected was told',
        prevention: 'Full-disk encryption on every laptop',
      }),
    );
    expect(draft[4]).toMatchObject({
      item: 5,
      labelEn: 'Secondary harm, or its risk',
      ja: 'フィッシングメールが2名に届いた',
      en: 'フィッシングメールが2名に届いた',
    });
    expect(draft[6]).toMatchObject({ item: 7, labelEn: 'Publication' });
    expect(draft[6]!.ja).toBe('Not published: every person affected was told');
    expect(draft[7]).toMatchObject({ item: 8, labelEn: 'Measures against recurrence' });
    expect(draft[7]!.en).toBe('Full-disk encryption on every laptop');
    expect(draft[3]).toMatchObject({ ja: '端末の盗難', en: 'theft of a device' });
  });

  it('says "under investigation" and "not decided" for items left empty or blank', () => {
    const draft = ppcReportDraft(incident({ ...stolen, secondaryHarm: '  ', prevention: '' }));
    expect(draft[4]).toMatchObject({ ja: '調査中', en: 'under investigation' });
    expect(draft[6]).toMatchObject({ ja: '未定', en: 'not decided' });
    expect(draft[7]).toMatchObject({ ja: '調査中', en: 'under investigation' });
  });

  it('dates the discovery in Japan time: 08:00 JST is that day, not the UTC day before', () => {
    expect(new Date(EIGHT_JST).toISOString().slice(0, 10)).toBe('2026-12-07');
    expect(japanDate(EIGHT_JST)).toBe('2026-12-08');
    const [summary] = ppcReportDraft(incident(stolen));
    expect(summary!.ja.startsWith('2026-12-08 に発覚。')).toBe(true);
    expect(summary!.en.startsWith('Discovered on 2026-12-08.')).toBe(true);
    // Midnight in Japan starts the day; a minute before is still the day before.
    expect(japanDate(Date.UTC(2026, 11, 7, 15, 0))).toBe('2026-12-08');
    expect(japanDate(Date.UTC(2026, 11, 7, 14, 59))).toBe('2026-12-07');
  });
});
