/**
 * `npm run bench`: benchmarks that run with one command and print each figure with its ratio to a baseline
 * measured in the same run. Budgets live here, not in the tests.
 *
 *   store   the encrypted local store against plain RxDB over Dexie (bench/store.ts)
 *   search  client search as you type over 10,000 clients, keystroke by keystroke (bench/search.ts)
 *
 * BENCH_ONLY=store or BENCH_ONLY=search (or both, comma-separated) runs only those parts.
 */
const PARTS = {
  store: async () => (await import('./store')).runStoreBenchmark(),
  search: async () => (await import('./search')).runSearchBenchmark(),
} as const;
type Part = keyof typeof PARTS;

const requested = (process.env.BENCH_ONLY ?? Object.keys(PARTS).join(','))
  .split(',')
  .map((part) => part.trim())
  .filter(Boolean);
const unknown = requested.filter((part) => !(part in PARTS));
if (unknown.length > 0) {
  console.error(
    `BENCH_ONLY: unknown part(s) ${unknown.join(', ')}; choose from ${Object.keys(PARTS).join(', ')}`,
  );
  process.exit(2);
}
for (const part of requested as Part[]) await PARTS[part]();

export {};
