import { describe, expect, it } from 'vitest';
import { ageBand, anonymisedStatistics, type StatisticsClient, type StatisticsTrip } from './statistics';

const client = (n: number, nationality: string, dateOfBirth?: string): StatisticsClient => ({
  id: `c${n}`,
  nationality,
  ...(dateOfBirth ? { dateOfBirth } : {}),
});
const trip = (clientId: string, startDate: string, kinds: string[]): StatisticsTrip =>
  ({
    clientId,
    startDate,
    items: kinds.map((kind, i) => ({
      id: `${clientId}-${i}`,
      kind,
      start: '',
      end: '',
      title: 'secret note',
    })),
  }) as unknown as StatisticsTrip;

describe('anonymised statistics', () => {
  it('bands ages by decade on the day, with unknown for missing or future dates', () => {
    expect(ageBand('1985-03-14', '2026-03-13')).toBe('40-49');
    expect(ageBand('1986-03-14', '2026-03-13')).toBe('30-39');
    expect(ageBand('1986-03-14', '2026-03-14')).toBe('40-49');
    expect(ageBand('1930-01-01', '2026-01-01')).toBe('80+');
    expect(ageBand(undefined, '2026-01-01')).toBe('unknown');
    expect(ageBand('2030-01-01', '2026-01-01')).toBe('unknown');
  });

  it('shows only cells of at least five clients, and suppresses a second cell when one alone would be', () => {
    const clients = [
      ...Array.from({ length: 7 }, (_, n) => client(n, 'GB', '1980-06-01')),
      ...Array.from({ length: 5 }, (_, n) => client(10 + n, 'US', '1990-06-01')),
      client(20, 'FR', '1990-06-01'),
    ];
    const [nationality, age] = anonymisedStatistics(clients, [], '2026-12-07');
    // FR (1) is suppressed; the smallest shown cell (US, 5) goes too, or 13 - 7 - 5 would give FR away.
    expect(nationality).toEqual({
      dimension: 'nationality',
      cells: [{ value: 'GB', count: 7 }],
      suppressedCells: 2,
    });
    expect(age).toEqual({
      dimension: 'ageBand',
      cells: [
        { value: '40-49', count: 7 },
        { value: '30-39', count: 6 },
      ],
      suppressedCells: 0,
    });
  });

  it('counts distinct clients per treatment and month, never a free-text value or an id', () => {
    const clients = Array.from({ length: 6 }, (_, n) => client(n, 'JP'));
    const trips = clients.flatMap((c, n) => [
      trip(c.id, '2026-04-02', ['procedure', 'procedure', 'hotel']),
      trip(c.id, '2026-04-20', n < 5 ? ['therapy'] : []),
    ]);
    const tables = anonymisedStatistics(
      clients,
      [...trips, trip('gone', '2026-04-01', ['procedure'])],
      '2026-12-07',
    );
    expect(tables[2]).toEqual({
      dimension: 'treatmentCategory',
      cells: [
        { value: 'procedure', count: 6 },
        { value: 'therapy', count: 5 },
      ],
      suppressedCells: 0,
    });
    expect(tables[3]!.cells).toEqual([{ value: '2026-04', count: 6 }]);
    const text = JSON.stringify(tables);
    expect(text).not.toContain('secret');
    expect(text).not.toMatch(/"c\d"/);
  });

  it('refuses k below five', () => {
    expect(() => anonymisedStatistics([], [], '2026-12-07', 4)).toThrow(RangeError);
  });
});
