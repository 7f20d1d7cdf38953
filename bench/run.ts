/**
 * `npm run bench`: benchmarks that run with one command and print each figure with its ratio to a baseline
 * measured in the same run, then every target as met or MISSED. Budgets live here, not in the tests.
 *
 *   store   the encrypted local store against plain RxDB over Dexie (bench/store.ts)
 *   search  client search as you type over 10,000 clients, keystroke by keystroke (bench/search.ts)
 *   sync    initial sync of 10,000 clients and 10,000 trips to an empty device, and push-to-visible latency
 *           between two devices (bench/sync.ts)
 *   load    200 devices pulling and pushing at once, on PGlite and on real PostgreSQL (bench/load.ts)
 *   bodies  the worst /health latency while 10 MiB bodies are refused, and during maximal pushes (500 rows naming
 *           500 clients), against a baseline (bench/bodies.ts)
 *   export  the complete export of one client (50 trips, 500 items, medical) among 10,000, in Node over RxDB in
 *           memory and in Chromium over the encrypted IndexedDB store (bench/export/, export-browser.ts)
 *   audit   the access log: what logging adds to a medical-section opening, verifying 1,000,000 entries (audit.ts)
 *   erasure erasing 1,000 clients through the retention job, on PostgreSQL when a server is named (erasure.ts)
 *   purge   the device's purge of erased clients from a store of 10,000, in Node and in Chromium (erasure-purge.ts)
 *
 * BENCH_ONLY=store,search,sync,load,bodies,export,audit,erasure,purge (any of them, comma-separated) runs only those parts.
 */
import { printTargets } from './report';

const EXPORT_BENCH = './export/export-bench';

const PARTS = {
  store: async () => (await import('./store')).runStoreBenchmark(),
  search: async () => (await import('./search')).runSearchBenchmark(),
  sync: async () => (await import('./sync')).runSyncBenchmark(),
  load: async () => (await import('./load')).runLoadBenchmark(),
  bodies: async () => (await import('./bodies')).runBodiesBenchmark(),
  // Renderer code (DOM types): type-checked by bench/tsconfig.json, not by the Node project that checks this file.
  export: async () => {
    await ((await import(EXPORT_BENCH)) as { runExportBenchmark(): Promise<void> }).runExportBenchmark();
    await (await import('./export-browser')).runExportBrowserBenchmark();
  },
  audit: async () => (await import('./audit')).runAuditBenchmark(),
  erasure: async () => (await import('./erasure')).runErasureBenchmark(),
  purge: async () => (await import('./erasure-purge')).runErasurePurgeBenchmark(),
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
const started = Date.now();
for (const part of requested as Part[]) await PARTS[part]();
printTargets();
console.log(`\nbenchmarks done in ${((Date.now() - started) / 1000).toFixed(0)} s (${requested.join(', ')})`);
