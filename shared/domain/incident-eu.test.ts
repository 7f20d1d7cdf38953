import { describe, expect, it } from 'vitest';
import { assessIncident, incidentTimers, type Incident, type IncidentFacts } from './incident';
import { euClientsAfter, euProposal, type EuClientRecord } from './incident-eu';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const HOUR = 3_600_000;
const T0 = 1_790_000_000_000;

const records = new Map<string, EuClientRecord>([
  [uuid(1), { nationality: 'JP', contact: { phone: '+81312345678' } }],
  [uuid(2), { nationality: 'FR' }],
  [uuid(3), { nationality: 'US', passport: { country: 'IE' } }],
  [uuid(4), { nationality: 'GB', contact: { phone: '+4930123456' } }],
  [uuid(5), { nationality: 'GB', contact: { phone: '+442079460018' } }],
  [uuid(6), { nationality: 'CH', contact: { phone: '+41441234567' } }],
]);
const lookup = (id: string) => records.get(id);

describe('euProposal', () => {
  it('proposes a client by EU/EEA nationality, passport or phone country, saying which', () => {
    expect(euProposal(lookup(uuid(2)))).toEqual([{ ground: 'nationality', country: 'FR' }]);
    expect(euProposal(lookup(uuid(3)))).toEqual([{ ground: 'passport', country: 'IE' }]);
    expect(euProposal(lookup(uuid(4)))).toEqual([{ ground: 'phone', country: 'DE' }]);
    expect(euProposal({ nationality: 'NO', passport: { country: 'NO' } })).toEqual([
      { ground: 'nationality', country: 'NO' },
      { ground: 'passport', country: 'NO' },
    ]);
  });

  it('proposes nobody without an EU/EEA link: Japan, the UK (+44) and Switzerland (+41) are not in it', () => {
    for (const n of [1, 5, 6]) expect(euProposal(lookup(uuid(n)))).toEqual([]);
    expect(euProposal(undefined)).toEqual([]);
    expect(euProposal({ contact: { phone: '0312345678' } })).toEqual([]);
  });
});

describe('euClientsAfter', () => {
  it('proposes the clients added and keeps the DPO’s choice for the others', () => {
    // The DPO unticked client 2 (a French national living in Tokyo) and ticked client 1 (resident in Paris).
    const before = { clientIds: [uuid(1), uuid(2)], euClientIds: [uuid(1)] };
    expect(euClientsAfter(before, [uuid(1), uuid(2), uuid(3), uuid(5)], lookup)).toEqual([uuid(1), uuid(3)]);
    expect(euClientsAfter(before, [uuid(2)], lookup)).toEqual([]);
    expect(euClientsAfter({ clientIds: [], euClientIds: [] }, [uuid(1), uuid(2)], lookup)).toEqual([uuid(2)]);
  });

  it('an update that adds an EU client makes GDPR apply and starts its 72-hour clock', () => {
    const recorded: IncidentFacts = {
      summary: 'Export e-mailed to the wrong clinic',
      cause: 'misdelivery',
      dataCategories: ['medical'],
      clientIds: [uuid(1)],
      euClientIds: euClientsAfter({ clientIds: [], euClientIds: [] }, [uuid(1)], lookup),
      encrypted: false,
      keyExposed: false,
      wrongfulPurpose: false,
      financialHarmRisk: false,
    };
    expect(assessIncident(recorded).gdpr).toMatchObject({ applies: false, reasons: ['no-eu-clients'] });
    const clientIds = [...recorded.clientIds, uuid(2)];
    const updated: IncidentFacts = {
      ...recorded,
      clientIds,
      euClientIds: euClientsAfter(recorded, clientIds, lookup),
    };
    expect(updated.euClientIds).toEqual([uuid(2)]);
    expect(assessIncident(updated).gdpr).toEqual({
      applies: true,
      reportable: true,
      reasons: ['risk-to-rights', 'high-risk-individuals'],
      notifyIndividuals: true,
    });
    const incident: Incident = {
      id: uuid(100),
      discoveredAt: T0,
      discoveredBy: uuid(10),
      recordedBy: uuid(10),
      recordedAt: T0,
      facts: updated,
      updatedAt: T0 + 2 * HOUR,
      notifications: [],
      revision: 2,
      history: [],
    };
    expect(incidentTimers(incident, T0 + 2 * HOUR).find((t) => t.kind === 'gdpr')).toEqual({
      kind: 'gdpr',
      dueAt: T0 + 72 * HOUR,
      state: 'running',
    });
    expect(incidentTimers(incident, T0 + 73 * HOUR).find((t) => t.kind === 'gdpr')?.state).toBe('overdue');
  });
});
