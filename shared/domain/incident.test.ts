import { describe, expect, it } from 'vitest';
import {
  APPI_PEOPLE_THRESHOLD,
  assessIncident,
  incidentFactsSchema,
  incidentTimers,
  type Incident,
  type IncidentFacts,
} from './incident';
import { ppcReportDraft } from './incident-report';
import Ajv from 'ajv';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = 1_790_000_000_000;

/** A laptop with the app's encrypted store, lost; its passphrase was not with it. */
const lostLaptop: IncidentFacts = {
  summary: 'Laptop left on a train',
  cause: 'lost-device',
  dataCategories: ['medical', 'contact', 'passport'],
  clientIds: [uuid(1), uuid(2), uuid(3)],
  euClientIds: [uuid(2)],
  encrypted: true,
  keyExposed: false,
  wrongfulPurpose: false,
  financialHarmRisk: false,
};
/** An export with medical details sent unencrypted to the wrong address. */
const misSent: IncidentFacts = {
  ...lostLaptop,
  summary: 'Export e-mailed to the wrong clinic',
  cause: 'misdelivery',
  clientIds: [uuid(1)],
  euClientIds: [],
  encrypted: false,
};
const incident = (facts: IncidentFacts, extra: Partial<Incident> = {}): Incident => ({
  id: uuid(100),
  discoveredAt: T0,
  discoveredBy: uuid(10),
  recordedBy: uuid(10),
  recordedAt: T0 + HOUR,
  facts,
  updatedAt: T0 + HOUR,
  notifications: [],
  revision: 1,
  history: [],
  ...extra,
});

describe('assessIncident', () => {
  it('does not report a lost laptop whose data was encrypted and whose key was not exposed, saying why', () => {
    expect(assessIncident(lostLaptop)).toEqual({
      appi: { reportable: false, reasons: ['encrypted-key-safe'], notifyIndividuals: false },
      gdpr: { applies: true, reportable: false, reasons: ['encrypted-key-safe'], notifyIndividuals: false },
      people: 3,
    });
  });

  it('reports medical data of even one person sent in the clear, and tells the person', () => {
    const result = assessIncident(misSent);
    expect(result.appi).toEqual({ reportable: true, reasons: ['special-care'], notifyIndividuals: true });
    expect(result.gdpr).toEqual({
      applies: false,
      reportable: false,
      reasons: ['no-eu-clients'],
      notifyIndividuals: false,
    });
  });

  it('reports when the key was exposed with the encrypted data', () => {
    expect(assessIncident({ ...lostLaptop, keyExposed: true }).appi.reportable).toBe(true);
    expect(assessIncident({ ...lostLaptop, keyExposed: true }).gdpr).toMatchObject({
      reportable: true,
      reasons: ['risk-to-rights', 'high-risk-individuals'],
    });
  });

  it('applies the other APPI triggers, and none for ordinary data of few people', () => {
    const plain: IncidentFacts = { ...misSent, dataCategories: ['contact'] };
    expect(assessIncident(plain).appi).toMatchObject({ reportable: false, reasons: ['no-trigger'] });
    expect(assessIncident({ ...plain, financialHarmRisk: true }).appi.reasons).toEqual(['financial-harm']);
    expect(assessIncident({ ...plain, wrongfulPurpose: true }).appi.reasons).toEqual(['wrongful-purpose']);
    const many = Array.from({ length: APPI_PEOPLE_THRESHOLD + 1 }, (_, i) => uuid(1000 + i));
    expect(assessIncident({ ...plain, clientIds: many }).appi.reasons).toEqual(['over-threshold']);
    expect(
      assessIncident({ ...plain, clientIds: many.slice(0, APPI_PEOPLE_THRESHOLD) }).appi.reportable,
    ).toBe(false);
    expect(assessIncident({ ...misSent, clientIds: [] }).appi).toMatchObject({
      reportable: false,
      reasons: ['no-one-affected'],
    });
  });

  it('counts only listed clients as EU clients', () => {
    expect(assessIncident({ ...misSent, euClientIds: [uuid(9)] }).gdpr.applies).toBe(false);
    expect(assessIncident({ ...misSent, euClientIds: [uuid(1)] }).gdpr.reportable).toBe(true);
  });
});

describe('incidentTimers', () => {
  it('runs no clock for an incident that is not reportable', () => {
    expect(incidentTimers(incident(lostLaptop), T0 + 10 * DAY)).toEqual([]);
  });

  it('runs the PPC clocks from discovery: preliminary aimed at 3 days against 5, final 30 days', () => {
    const timers = incidentTimers(incident(misSent), T0 + DAY);
    expect(timers).toEqual([
      { kind: 'ppc-preliminary', dueAt: T0 + 5 * DAY, targetAt: T0 + 3 * DAY, state: 'running' },
      { kind: 'ppc-final', dueAt: T0 + 30 * DAY, state: 'running' },
    ]);
    expect(incidentTimers(incident(misSent), T0 + 4 * DAY)[0]!.state).toBe('due-soon');
    expect(incidentTimers(incident(misSent), T0 + 5 * DAY + 1)[0]!.state).toBe('overdue');
    expect(
      incidentTimers(incident(misSent, { ppcPreliminaryAt: T0 + 2 * DAY }), T0 + 6 * DAY)[0],
    ).toMatchObject({
      state: 'done',
      doneAt: T0 + 2 * DAY,
    });
    expect(incidentTimers(incident({ ...misSent, wrongfulPurpose: true }), T0)[1]!.dueAt).toBe(T0 + 60 * DAY);
  });

  it('runs GDPR’s 72 hours for EU clients', () => {
    const gdpr = incidentTimers(incident({ ...misSent, euClientIds: [uuid(1)] }), T0 + 71 * HOUR).find(
      (t) => t.kind === 'gdpr',
    );
    expect(gdpr).toEqual({ kind: 'gdpr', dueAt: T0 + 72 * HOUR, state: 'due-soon' });
  });
});

describe('ppcReportDraft', () => {
  it('pre-fills the nine items in Japanese with English alongside', () => {
    const draft = ppcReportDraft(
      incident(misSent, {
        notifications: [
          {
            id: uuid(7),
            clientId: uuid(1),
            channel: 'email',
            language: 'en',
            notifiedAt: T0,
            notifiedBy: uuid(10),
          },
        ],
      }),
    );
    expect(draft.map((item) => item.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(draft[2]).toMatchObject({ labelJa: '本人の数', ja: '1 名', en: '1' });
    expect(draft[1]!.ja).toContain('要配慮個人情報');
    expect(draft[3]).toMatchObject({ ja: '誤送付・誤送信', en: 'sent to the wrong recipient' });
    expect(draft[5]).toMatchObject({ ja: '1 名中 1 名に通知済み', en: '1 of 1 told' });
    expect(draft[8]!.en).toBe('not encrypted');
  });
});

describe('incidentFactsSchema', () => {
  it('accepts the facts and refuses unknown fields or categories', () => {
    const validate = new Ajv({ strict: true }).compile(incidentFactsSchema);
    expect(validate(lostLaptop)).toBe(true);
    expect(validate({ ...lostLaptop, dataCategories: ['genome'] })).toBe(false);
    expect(validate({ ...lostLaptop, clientName: 'x' })).toBe(false);
  });
});
