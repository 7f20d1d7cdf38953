import type { Client } from './client';
import { MEDICAL_TRIP_ITEM_KINDS, type Trip } from './trip';

/**
 * Anonymised statistics for management (issue 17 point 6; docs/erasure.md, "Anonymised statistics"): counts of
 * distinct clients per nationality, age band, treatment category (the kind of medical itinerary items) and month of
 * trip start. Only category values come out (ISO country codes, ten-year bands, fixed kinds, `YYYY-MM`): no id, no
 * name, no free text, no date of birth. A cell counting fewer than K_ANONYMITY_MIN clients is suppressed, and when
 * exactly one cell of a table is suppressed the next smallest is too, so no suppressed count can be worked out from
 * the total. One dimension per table: crossing dimensions makes small cells and re-identification likelier.
 */
export const K_ANONYMITY_MIN = 5;

export const STATISTIC_DIMENSIONS = ['nationality', 'ageBand', 'treatmentCategory', 'month'] as const;
export type StatisticDimension = (typeof STATISTIC_DIMENSIONS)[number];

export interface StatisticsCell {
  value: string;
  count: number;
}

export interface StatisticsTable {
  dimension: StatisticDimension;
  /** Cells shown: each counts at least k clients. */
  cells: StatisticsCell[];
  /** How many cells were suppressed (their values and counts are not given). */
  suppressedCells: number;
}

export type StatisticsClient = Pick<Client, 'id' | 'nationality' | 'dateOfBirth'>;
export type StatisticsTrip = Pick<Trip, 'clientId' | 'startDate' | 'items'>;

/** The ten-year band of an age on `today` (`YYYY-MM-DD`): `0-9` ... `80+`, or `unknown`. */
export function ageBand(dateOfBirth: string | undefined, today: string): string {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return 'unknown';
  let age = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (today.slice(5) < dateOfBirth.slice(5)) age -= 1;
  if (age < 0) return 'unknown';
  if (age >= 80) return '80+';
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}`;
}

function table(dimension: StatisticDimension, groups: Map<string, Set<string>>, k: number): StatisticsTable {
  const all = [...groups].map(([value, ids]) => ({ value, count: ids.size }));
  const small = all.filter((cell) => cell.count < k);
  let shown = all
    .filter((cell) => cell.count >= k)
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  let suppressed = small.length;
  if (suppressed === 1 && shown.length > 0) {
    shown = shown.slice(0, -1);
    suppressed += 1;
  }
  return { dimension, cells: shown, suppressedCells: suppressed };
}

const add = (groups: Map<string, Set<string>>, value: string, clientId: string) => {
  const ids = groups.get(value) ?? new Set<string>();
  ids.add(clientId);
  groups.set(value, ids);
};

/** The four tables over the clients and their trips, each cell at least `k` clients (k below 5 is refused). */
export function anonymisedStatistics(
  clients: readonly StatisticsClient[],
  trips: readonly StatisticsTrip[],
  today: string,
  k = K_ANONYMITY_MIN,
): StatisticsTable[] {
  if (!Number.isInteger(k) || k < K_ANONYMITY_MIN)
    throw new RangeError(`k must be at least ${K_ANONYMITY_MIN}`);
  const known = new Set(clients.map((client) => client.id));
  const nationality = new Map<string, Set<string>>();
  const age = new Map<string, Set<string>>();
  for (const client of clients) {
    add(nationality, client.nationality ?? 'unknown', client.id);
    add(age, ageBand(client.dateOfBirth, today), client.id);
  }
  const treatment = new Map<string, Set<string>>();
  const month = new Map<string, Set<string>>();
  for (const trip of trips) {
    if (!known.has(trip.clientId)) continue;
    add(month, trip.startDate.slice(0, 7), trip.clientId);
    for (const item of trip.items) {
      if ((MEDICAL_TRIP_ITEM_KINDS as readonly string[]).includes(item.kind))
        add(treatment, item.kind, trip.clientId);
    }
  }
  return [
    table('nationality', nationality, k),
    table('ageBand', age, k),
    table('treatmentCategory', treatment, k),
    table('month', month, k),
  ];
}
