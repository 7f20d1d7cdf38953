import type { Client, ClientStatus } from '../../shared/domain/client';

/**
 * Clients for the search benchmark: names from many countries (diacritics, some with katakana or kanji), e-mail
 * addresses, E.164 phones in several countries and passport numbers, generated from a fixed seed so that every
 * run searches the same data. One client is the person being looked up.
 */

const FIRST = [
  'Amelia',
  'Zoë',
  'Olivia',
  'Léa',
  'Søren',
  'Björn',
  'Chloé',
  'José',
  'Mateus',
  'Ingrid',
  'Ana',
  'Łukasz',
  'François',
  'Mia',
  'Noah',
  'Liam',
  'Émile',
  'Jürgen',
  'Zoe',
  'Hana',
  'Wei',
  'Fang',
  'Priya',
  'Arjun',
  'Fatima',
  'Omar',
  'Elena',
  'Dmitri',
  'Sofía',
  'Mateo',
  'Ava',
  'Harper',
  'Charlotte',
  'Henrik',
  'Astrid',
  'Nadia',
  'Thomas',
  'Hartmut',
  'Sharon',
  'Grace',
];
const LAST = [
  'Hartley',
  'Müller',
  'Ødegård',
  'García',
  'Nguyễn',
  "O'Brien",
  'Smith-Jones',
  'Montgomery',
  'Dubois',
  'Rossi',
  'Kowalski',
  'Andersson',
  'Fernández',
  'Wang',
  'Li',
  'Chen',
  'Patel',
  'Khan',
  'Ivanova',
  'Schmidt',
  'Johansson',
  'Costa',
  'Silva',
  'Novak',
  'Horvát',
  'Papadopoulos',
  'Yılmaz',
  'Hughes',
  'Whitfield',
  'Blake',
  'Fischer',
  'Lefèvre',
  'Martínez',
  'Kim',
  'Park',
  'Tanaka',
  'Okafor',
  'Mensah',
  'Hart',
  'Hartmann',
];
const KATAKANA = [
  'アメリア',
  'ハートリー',
  'モンゴメリー',
  'ソフィア',
  'ミュラー',
  'ガルシア',
  'オブライエン',
  'パテル',
  'ハナ',
  'ワン',
];
const KANJI = ['王 芳', '李 娜', '陳 偉', '張 美玲', '田中 花子', '金 敏俊', '朴 智妍'];
const DOMAINS = ['example.com', 'example.co.uk', 'example.de', 'example.fr', 'example.cn', 'example.com.au'];
const PHONES = [
  (n: string) => `+44207946${n}`,
  (n: string) => `+1212555${n}`,
  (n: string) => `+331426${n}`,
  (n: string) => `+612937${n}`,
  (n: string) => `+861065${n}`,
  (n: string) => `+9714${n}12`,
  (n: string) => `+6561${n}`,
];
const STATUSES: ClientStatus[] = ['active', 'active', 'prospect', 'archived'];

/** mulberry32: a small seeded generator, so the data is the same in every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z-]/g, '')
    .toLowerCase();

export const TARGET_INDEX = 4821;

export function makeClients(count: number): Client[] {
  const next = random(20_261_124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const staff = Array.from(
    { length: 12 },
    (_, i) => `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`,
  );
  return Array.from({ length: count }, (_, i): Client => {
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const number = String(i).padStart(4, '0').slice(-4);
    if (i === TARGET_INDEX) {
      return {
        id,
        names: { latin: 'Zoë Hartley-Whitmore', katakana: 'ゾーイ・ハートリー' },
        contact: { email: 'zoe.hartley-whitmore@example.co.uk', phone: `+44207946${number}` },
        passport: { number: `X${1_000_000 + i}`, country: 'GB', expiryDate: '2031-03-31' },
        status: 'active',
        assignedStaffIds: [staff[0]!],
        createdAt: 1_790_000_000_000,
        updatedAt: 1_790_000_000_000 + i,
      };
    }
    const first = pick(FIRST);
    const last = next() < 0.15 ? `${pick(LAST)}-${pick(LAST)}` : pick(LAST);
    const names: Client['names'] = { latin: `${first} ${last}` };
    if (next() < 0.4) names.katakana = `${pick(KATAKANA)}・${pick(KATAKANA)}`;
    if (next() < 0.15) names.kanji = pick(KANJI);
    return {
      id,
      names,
      contact: {
        email: `${ascii(first)}.${ascii(last)}${i}@${pick(DOMAINS)}`,
        phone: pick(PHONES)(number),
      },
      passport: {
        number: `${String.fromCharCode(65 + (i % 26))}${1_000_000 + i}`,
        country: 'GB',
        expiryDate: '2031-03-31',
      },
      status: pick(STATUSES),
      assignedStaffIds: [pick(staff)],
      createdAt: 1_790_000_000_000,
      updatedAt: 1_790_000_000_000 + i,
    };
  });
}

/** Trips of one client in three (and of the target): for the list's "upcoming trip" filter. */
export function makeTrips(
  clients: readonly Client[],
): { clientId: string; startDate: string; endDate: string }[] {
  return clients
    .filter((_, i) => i % 3 === 0 || i === TARGET_INDEX)
    .map((client, i) => ({
      clientId: client.id,
      startDate: i % 2 === 0 ? '2026-12-01' : '2027-06-01',
      endDate: i % 2 === 0 ? '2026-12-10' : '2027-06-10',
    }));
}

/** The day the benchmark's "upcoming trip" filter looks from. */
export const BENCH_TODAY = '2026-11-24';

/** The filter bar as the list sends it: nothing chosen, and a status with "upcoming trip" chosen. */
export const FILTER_CHOICES = [
  { label: 'no filter', choice: { status: 'all', upcomingTripOnly: false } },
  { label: 'status active + upcoming trip', choice: { status: 'active', upcomingTripOnly: true } },
] as const;

/** What a concierge types to find the target client, one keystroke at a time. */
export const SEQUENCES = [
  { label: 'a name', typed: 'zoe hartley-wh' },
  { label: 'a name in katakana', typed: 'ゾーイ・ハート' },
  { label: 'an e-mail address', typed: 'zoe.hartley-whitmore@exa' },
  { label: 'a passport number', typed: 'x1004821' },
  { label: 'a phone number', typed: '+44 20 7946 4821' },
] as const;

export interface KeystrokeTimings {
  /** The text in the search box after this keystroke. */
  text: string;
  /** Milliseconds per repetition: the index, and the naive filter over the same records. */
  indexMs: number[];
  naiveMs: number[];
  /** Clients matching, for each. */
  matches: number;
  naiveMatches: number;
}

export interface SequenceTimings {
  label: string;
  typed: string;
  keystrokes: KeystrokeTimings[];
  /** Whether the target client was the first hit once the whole text was typed. */
  targetFirst: boolean;
}

export interface SearchBenchResult {
  count: number;
  buildMs: number;
  /** The first search after the index is built, before any warm-up. */
  firstSearchMs: number;
  sequences: SequenceTimings[];
}

export interface SearchBenchApi {
  runSearchBench(count: number, repetitions: number): Promise<SearchBenchResult>;
}
