import { ClientSearchIndex } from '../../shared/domain/client-search';
import type { Client } from '../../shared/domain/client';
import {
  makeClients,
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
function naiveSearch(clients: readonly Client[], query: string): Client[] {
  const lower = query.toLowerCase();
  return clients.filter(
    (client) =>
      client.names.latin.toLowerCase().includes(lower) ||
      (client.names.katakana ?? '').includes(query) ||
      (client.names.kanji ?? '').includes(query) ||
      (client.contact?.email ?? '').toLowerCase().includes(lower) ||
      (client.passport?.number ?? '').toLowerCase().includes(lower) ||
      (client.contact?.phone ?? '').includes(query),
  );
}

/** A query no typed text extends: searching it makes the next keystroke start from scratch. */
const RESET = '\u0000reset';

async function runSearchBench(count: number, repetitions: number): Promise<SearchBenchResult> {
  const clients = makeClients(count);
  const buildStart = performance.now();
  const index = new ClientSearchIndex(clients);
  const buildMs = performance.now() - buildStart;
  // The very first search runs before the JIT has compiled anything: timed once, on its own.
  const firstStart = performance.now();
  index.search(SEQUENCES[0].typed.slice(0, 1));
  const firstSearchMs = performance.now() - firstStart;
  // Then one untimed pass of typing, as a person's first few keystrokes would give.
  for (const { typed } of SEQUENCES) for (let n = 1; n <= typed.length; n++) index.search(typed.slice(0, n));
  const sequences: SearchBenchResult['sequences'] = [];
  for (const { label, typed } of SEQUENCES) {
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
        index.search(before);
        const start = performance.now();
        matches = index.search(text).total;
        indexMs.push(performance.now() - start);
        const naiveStart = performance.now();
        naiveMatches = naiveSearch(clients, text).length;
        naiveMs.push(performance.now() - naiveStart);
      }
      keystrokes.push({ text, indexMs, naiveMs, matches, naiveMatches });
      // Let the page breathe between keystrokes, as between real ones.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const first = index.search(typed).hits[0];
    sequences.push({ label, typed, keystrokes, targetFirst: first?.client.id === clients[TARGET_INDEX]?.id });
  }
  return { count, buildMs, firstSearchMs, sequences };
}

const api: SearchBenchApi = { runSearchBench };
Object.assign(globalThis, api);
