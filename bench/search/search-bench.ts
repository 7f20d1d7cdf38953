import {
  ClientSearchIndex,
  clientListFilters,
  clientsWithTripWithin,
  type ClientSearchFilters,
} from '../../shared/domain/client-search';
import type { Client } from '../../shared/domain/client';
import {
  BENCH_TODAY,
  FILTER_CHOICES,
  makeClients,
  makeTrips,
  SEQUENCES,
  TARGET_INDEX,
  type KeystrokeTimings,
  type SearchBenchApi,
  type SearchBenchResult,
} from './records';

/**
 * The baseline: what one would write first, an Array.filter with `includes` over the same records on every
 * keystroke (lower-casing as it goes; no folding of diacritics or kana, no ranking).
 */
function naiveSearch(clients: readonly Client[], query: string, filters?: ClientSearchFilters): Client[] {
  const lower = query.toLowerCase();
  const upcoming = filters?.upcomingTrip as ReadonlySet<string> | undefined;
  return clients.filter(
    (client) =>
      (filters?.statuses === undefined || filters.statuses.includes(client.status)) &&
      (upcoming === undefined || upcoming.has(client.id)) &&
      (client.names.latin.toLowerCase().includes(lower) ||
        (client.names.katakana ?? '').includes(query) ||
        (client.names.kanji ?? '').includes(query) ||
        (client.contact?.email ?? '').toLowerCase().includes(lower) ||
        (client.passport?.number ?? '').toLowerCase().includes(lower) ||
        (client.contact?.phone ?? '').includes(query)),
  );
}

/** A query no typed text extends: searching it makes the next keystroke start from scratch. */
const RESET = '\u0000reset';

async function runSearchBench(count: number, repetitions: number): Promise<SearchBenchResult> {
  const clients = makeClients(count);
  const upcoming = clientsWithTripWithin(makeTrips(clients), BENCH_TODAY, 365);
  const buildStart = performance.now();
  const index = new ClientSearchIndex(clients);
  const buildMs = performance.now() - buildStart;
  // The very first search runs before the JIT has compiled anything: timed once, on its own.
  const firstStart = performance.now();
  index.searchAll(SEQUENCES[0].typed.slice(0, 1));
  const firstSearchMs = performance.now() - firstStart;
  // Then one untimed pass of typing, as a person's first few keystrokes would give.
  for (const { typed } of SEQUENCES)
    for (let n = 1; n <= typed.length; n++) index.searchAll(typed.slice(0, n));
  const sequences: SearchBenchResult['sequences'] = [];
  // Timed: the call the client list makes on each keystroke (ClientList.tsx), every match in order.
  for (const filterChoice of FILTER_CHOICES)
    for (const { label: typedLabel, typed } of SEQUENCES) {
      const label = `${typedLabel}, ${filterChoice.label}`;
      const filters = clientListFilters(filterChoice.choice, upcoming);
      const keystrokes: KeystrokeTimings[] = [];
      for (let n = 1; n <= typed.length; n++) {
        const text = typed.slice(0, n);
        const before = n === 1 ? RESET : typed.slice(0, n - 1);
        const indexMs: number[] = [];
        const naiveMs: number[] = [];
        let matches = 0;
        let naiveMatches = 0;
        for (let r = 0; r < repetitions; r++) {
          // The state a person typing would leave: the previous keystroke's search, not timed.
          index.searchAll(before, { filters });
          const start = performance.now();
          matches = index.searchAll(text, { filters }).total;
          indexMs.push(performance.now() - start);
          const naiveStart = performance.now();
          naiveMatches = naiveSearch(clients, text, filters).length;
          naiveMs.push(performance.now() - naiveStart);
        }
        keystrokes.push({ text, indexMs, naiveMs, matches, naiveMatches });
        // Let the page breathe between keystrokes, as between real ones.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const first = index.searchAll(typed, { filters }).clients[0];
      sequences.push({ label, typed, keystrokes, targetFirst: first?.id === clients[TARGET_INDEX]?.id });
    }
  return { count, buildMs, firstSearchMs, sequences };
}

const api: SearchBenchApi = { runSearchBench };
Object.assign(globalThis, api);
