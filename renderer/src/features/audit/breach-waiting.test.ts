import { describe, expect, it } from 'vitest';
import type { Incident, IncidentFacts } from '../../../../shared/domain/incident';
import { dueCount, orderWaiting } from '../today/waiting';
import { breachWaiting } from './breach-waiting';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A fixed clock: the tests never read the machine's. */
const NOW = Date.UTC(2026, 11, 7, 12, 0);

/** Medical data e-mailed in the clear to the wrong clinic: reportable under APPI, and under GDPR for client 2. */
const misSent: IncidentFacts = {
  summary: 'Export e-mailed to the wrong clinic',
  cause: 'misdelivery',
  dataCategories: ['medical'],
  clientIds: [uuid(1), uuid(2)],
  euClientIds: [uuid(2)],
  encrypted: false,
  keyExposed: false,
  wrongfulPurpose: false,
  financialHarmRisk: false,
};
const incident = (
  n: number,
  discoveredAt: number,
  facts: IncidentFacts,
  extra: Partial<Incident> = {},
): Incident => ({
  id: uuid(n),
  discoveredAt,
  discoveredBy: uuid(10),
  recordedBy: uuid(10),
  recordedAt: discoveredAt,
  facts,
  updatedAt: discoveredAt,
  notifications: [],
  revision: 1,
  history: [],
  ...extra,
});
const t = (key: string, options?: Record<string, unknown>) =>
  options ? `${key} ${JSON.stringify(options)}` : key;

describe('breachWaiting (the breach clocks on the DPO’s Today)', () => {
  it('shows a back-dated reportable incident’s overdue clocks, most urgent first, and counts them as due', () => {
    const discovered = NOW - 6 * DAY;
    const items = orderWaiting(breachWaiting([incident(100, discovered, misSent)], NOW, t));
    expect(items).toEqual([
      {
        id: `breach:${uuid(100)}:gdpr`,
        text: `audit.breach.waiting ${JSON.stringify({ timer: 'audit.breach.timer.gdpr', date: discovered })}`,
        due: discovered + 72 * HOUR,
        state: 'overdue',
        section: 'audit',
      },
      {
        id: `breach:${uuid(100)}:ppc-preliminary`,
        text: `audit.breach.waiting ${JSON.stringify({ timer: 'audit.breach.timer.ppc-preliminary', date: discovered })}`,
        due: discovered + 5 * DAY,
        state: 'overdue',
        section: 'audit',
      },
    ]);
    expect(dueCount(items)).toBe(2);
  });

  it('shows a clock in its last day as due soon, and none while running, once filed or when not reportable', () => {
    const fourDays = incident(101, NOW - 4 * DAY, { ...misSent, euClientIds: [] });
    expect(breachWaiting([fourDays], NOW, t).map((item) => [item.id, item.state])).toEqual([
      [`breach:${uuid(101)}:ppc-preliminary`, 'due-soon'],
    ]);
    expect(breachWaiting([incident(102, NOW - HOUR, misSent)], NOW, t)).toEqual([]);
    const filed = incident(103, NOW - 6 * DAY, misSent, {
      ppcPreliminaryAt: NOW - 5 * DAY,
      gdprReportedAt: NOW - 5 * DAY,
    });
    expect(breachWaiting([filed], NOW, t)).toEqual([]);
    const encrypted = incident(104, NOW - 40 * DAY, { ...misSent, encrypted: true });
    expect(breachWaiting([encrypted], NOW, t)).toEqual([]);
  });

  it('shows the final report overdue after 30 days, or only after 60 with a wrongful purpose', () => {
    const done = { ppcPreliminaryAt: NOW - 30 * DAY, gdprReportedAt: NOW - 30 * DAY };
    const late = incident(105, NOW - 31 * DAY, misSent, done);
    expect(breachWaiting([late], NOW, t).map((item) => [item.id, item.state])).toEqual([
      [`breach:${uuid(105)}:ppc-final`, 'overdue'],
    ]);
    const wrongful = incident(106, NOW - 31 * DAY, { ...misSent, wrongfulPurpose: true }, done);
    expect(breachWaiting([wrongful], NOW, t)).toEqual([]);
  });
});
