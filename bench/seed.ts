/**
 * Data for the sync and load benchmarks: clients and trips with many items. They are written into the server's
 * tables by tests/support/server/seed.ts, re-exported here for the benchmarks.
 */
import type { Client, Trip, TripItem } from '../shared/index';

export {
  assertValid,
  headSeq,
  seedDevices,
  seedDocuments,
  type SeededDevice as BenchDevice,
} from '../tests/support/server/seed';

const FIRST = ['Amelia', 'Lars', 'Sofia', 'Mateo', 'Chloé', 'Wei', 'Aarav', 'Olivia', 'Noah', 'Fatima'];
const LAST = [
  'Hartley',
  'Johansson',
  'Rossi',
  'García',
  'Dubois',
  'Chen',
  'Sharma',
  'Müller',
  'Smith',
  'Haddad',
];
const ZONES = ['Asia/Tokyo', 'Europe/London', 'America/New_York', 'Asia/Singapore', 'Australia/Sydney'];
const OFFSETS: Record<string, string> = {
  'Asia/Tokyo': '+09:00',
  'Europe/London': '+01:00',
  'America/New_York': '-04:00',
  'Asia/Singapore': '+08:00',
  'Australia/Sydney': '+10:00',
};
const STATUSES: Client['status'][] = ['active', 'active', 'prospect', 'archived'];
const BASE_TIME = 1_790_000_000_000;

/** A uuid-shaped id that names its kind and number, so a failure points at the document. */
export const benchId = (kind: number, n: number) =>
  `00000000-0000-4000-${(0x8000 + kind).toString(16)}-${n.toString(16).padStart(12, '0')}`;

export function benchClient(n: number, assignedStaffIds: string[]): Client {
  const first = FIRST[n % FIRST.length]!;
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
  return {
    id: benchId(1, n),
    names: { latin: `${first} ${last} ${n}`, katakana: `クライアント ${n}` },
    status: STATUSES[n % STATUSES.length]!,
    assignedStaffIds,
    createdAt: BASE_TIME + n,
    updatedAt: BASE_TIME + n,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A week-long trip for client `n`: a flight in, a hotel stay, a check-up, a therapy and a transfer out. */
export function benchTrip(n: number, assignedStaffIds: string[], itemCount = 5): Trip {
  const zone = 'Asia/Tokyo';
  const home = ZONES[n % ZONES.length]!;
  const month = 1 + (n % 12);
  const day = 1 + (n % 20);
  const date = (offset: number) => `2026-${pad(month)}-${pad(day + offset)}`;
  const at = (offset: number, hour: number, tz = zone) => `${date(offset)}T${pad(hour)}:00:00${OFFSETS[tz]}`;
  const templates: Array<Omit<TripItem, 'id'>> = [
    {
      kind: 'flight',
      start: at(0, 9, home),
      end: at(1, 15),
      title: `Flight from ${home.split('/')[1]} to Haneda`,
      notes: 'Wheelchair assistance at arrival; vegetarian meal requested.',
    },
    {
      kind: 'hotel',
      start: at(1, 16),
      end: at(7, 11),
      title: 'The Okura Tokyo, Prestige room',
      location: '2-10-4 Toranomon, Minato-ku, Tokyo',
    },
    {
      kind: 'procedure',
      start: at(2, 9),
      end: at(2, 12),
      title: 'Comprehensive cardiac check-up',
      location: "St Luke's International Hospital",
      notes: 'Fasting from midnight. Echocardiogram, stress test, coronary CT. Interpreter booked.',
    },
    {
      kind: 'therapy',
      start: at(4, 14),
      end: at(4, 16),
      title: 'Onsen hydrotherapy session',
      location: 'Hakone Yumoto',
    },
    {
      kind: 'transfer',
      start: at(7, 11),
      end: at(7, 12),
      title: 'Private car to Haneda',
      notes: 'Two large suitcases.',
    },
  ];
  const items = Array.from({ length: itemCount }, (_, i) => ({
    id: benchId(3, n * 100 + i),
    ...templates[i % templates.length]!,
  }));
  return {
    id: benchId(2, n),
    clientId: benchId(1, n),
    assignedStaffIds,
    title: `Medical stay ${n}`,
    startDate: date(0),
    endDate: date(7),
    timeZone: zone,
    items,
    createdAt: BASE_TIME + n,
    updatedAt: BASE_TIME + n,
  };
}
