import { describe, expect, it } from 'vitest';
import type { IncidentNotification } from './incident';
import { incidentChanges, NOTIFICATION_LATE_MS, recordedLate } from './incident-history';

const DAY = 86_400_000;
const T0 = 1_790_000_000_000;
const told = (notifiedAt: number, recordedAt?: number): IncidentNotification => ({
  id: '00000000-0000-4000-8000-000000000001',
  clientId: '00000000-0000-4000-8000-000000000002',
  channel: 'phone',
  language: 'en',
  notifiedAt,
  notifiedBy: '00000000-0000-4000-8000-000000000003',
  ...(recordedAt !== undefined ? { recordedAt } : {}),
});

describe('recordedLate', () => {
  it('is how long after the time told the server recorded it, past a day', () => {
    expect(recordedLate(told(T0, T0 + 5 * 60_000))).toBeUndefined();
    expect(recordedLate(told(T0, T0 + NOTIFICATION_LATE_MS))).toBeUndefined();
    expect(recordedLate(told(T0, T0 + 3 * DAY))).toBe(3 * DAY);
  });
  it('says nothing of a notification recorded before the server kept the time', () => {
    expect(recordedLate(told(T0))).toBeUndefined();
  });
});

describe('incidentChanges', () => {
  it('names a change of the discovery, which starts the clocks', () => {
    const facts = {
      summary: 'x',
      cause: 'other' as const,
      dataCategories: [],
      clientIds: [],
      euClientIds: [],
      encrypted: false,
      keyExposed: false,
      wrongfulPurpose: false,
      financialHarmRisk: false,
    };
    expect(
      incidentChanges(
        { facts, discoveredAt: T0, discoveredBy: 'a' },
        { facts, discoveredAt: T0 - DAY, discoveredBy: 'a' },
      ),
    ).toEqual(['discoveredAt']);
  });
});
