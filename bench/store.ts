/**
 * Store benchmark, in Debian's Chromium: 10,000 client-like records (BENCH_RECORDS to change) in raw Dexie,
 * RxDB over Dexie (the baseline), and RxDB with its crypto-js encryption plugin, against the app's encrypted store.
 */
import { startWebHost } from '../scripts/web-host';
import { launchBenchBrowser } from './browser';
import { checkTarget, section } from './report';
import { buildStorePage } from './store/build';
import type { StoreBenchApi, StoreTimings } from './store/records';

const records = Number(process.env.BENCH_RECORDS ?? 10_000);
// This machine is shared and noisy: each store runs several times and the median is reported.
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const VAULT = 'Lumina encrypted store';
const BASELINE = 'RxDB over Dexie (baseline)';

export async function runStoreBenchmark(): Promise<void> {
  section('Local store');
  const outDir = await buildStorePage();
  // No sync server is involved; the CSP still needs an origin for connect-src.
  const host = await startWebHost({ serverUrl: 'http://127.0.0.1:9', root: outDir });
  const browser = await launchBenchBrowser();
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(host.url);
    await page.waitForFunction(
      () => typeof (globalThis as Partial<StoreBenchApi>).runStoreBench === 'function',
    );
    const {
      meanPersonalBytes,
      rounds: perRound,
      crypto,
    } = await page.evaluate(([n, r]) => (globalThis as unknown as StoreBenchApi).runStoreBench(n, r), [
      records,
      rounds,
    ] as const);
    if (pageErrors.length > 0) throw new Error(`the benchmark page failed: ${pageErrors.join('; ')}`);
    const results = medians(perRound);
    printTable(records, meanPersonalBytes, results);
    const ratiosOf = (metric: 'bulkInsertMs' | 'readAllMs') =>
      perRound
        .map((round) => {
          const vault = round.find((r) => r.store === VAULT)!;
          const base = round.find((r) => r.store === BASELINE)!;
          return (vault[metric] / base[metric]).toFixed(2);
        })
        .join(', ');
    console.log(
      `\nper round, encrypted store / plain RxDB: bulk insert ${ratiosOf('bulkInsertMs')}; read all ${ratiosOf('readAllMs')}`,
    );
    console.log(
      `open one client and unseal its medical section: mean ${crypto.openOneMeanMs.toFixed(2)} ms, max ${crypto.openOneMaxMs.toFixed(2)} ms (budget 5 ms)`,
    );
    console.log(
      `unlock (Argon2id, ${crypto.unlockMemLimitMiB} MiB, then open the vault key): ${crypto.unlockMs.toFixed(0)} ms (budget 1500 ms)`,
    );
    console.log(
      `libsodium envelopes alone, one per record: seal ${records} in ${crypto.sealAllMs.toFixed(0)} ms, open in ${crypto.openAllMs.toFixed(0)} ms`,
    );
    const vault = results.find((r) => r.store === VAULT)!;
    const base = results.find((r) => r.store === BASELINE)!;
    console.log(
      `encrypted store vs plain RxDB (medians of ${rounds} rounds): bulk insert ${(vault.bulkInsertMs / base.bulkInsertMs).toFixed(2)}x, read all ${(vault.readAllMs / base.readAllMs).toFixed(2)}x (budget 1.30x)`,
    );
    checkTarget(
      'store: open one client and unseal its medical section (mean)',
      crypto.openOneMeanMs,
      5,
      ' ms',
    );
    checkTarget('store: unlock', crypto.unlockMs, 1500, ' ms');
    checkTarget(
      'store: encrypted / plain RxDB, bulk insert',
      vault.bulkInsertMs / base.bulkInsertMs,
      1.3,
      'x',
    );
    checkTarget('store: encrypted / plain RxDB, read all', vault.readAllMs / base.readAllMs, 1.3, 'x');
  } finally {
    await browser.close();
    await host.close();
  }
}

/** Per store, the median of each timing over the rounds it ran in. */
function medians(perRound: StoreTimings[][]): StoreTimings[] {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const stores = [...new Set(perRound.flat().map((r) => r.store))];
  return stores.map((store) => {
    const runs = perRound.flat().filter((r) => r.store === store);
    return {
      store,
      bulkInsertMs: median(runs.map((r) => r.bulkInsertMs)),
      queryIndexedMs: median(runs.map((r) => r.queryIndexedMs)),
      readAllMs: median(runs.map((r) => r.readAllMs)),
      found: runs[0]!.found,
    };
  });
}

function printTable(count: number, bytes: number, results: StoreTimings[]) {
  const baseline = results.find((r) => r.store === BASELINE)!;
  const cell = (ms: number, base: number) =>
    `${(ms / 1000).toFixed(3)} s (${(ms / base).toFixed(2)}x)`.padEnd(20);
  console.log(
    `\nLocal store, ${count} records, ${bytes.toFixed(0)} bytes of personal data each, headless Chromium`,
  );
  console.log(
    `medians of ${rounds} rounds (crypto-js: one round); ratios are to RxDB over Dexie measured in this run\n`,
  );
  console.log(
    `${'store'.padEnd(30)}${'bulk insert'.padEnd(20)}${'query by index'.padEnd(20)}${'read all'.padEnd(20)}`,
  );
  for (const r of results) {
    console.log(
      `${r.store.padEnd(30)}${cell(r.bulkInsertMs, baseline.bulkInsertMs)}${cell(r.queryIndexedMs, baseline.queryIndexedMs)}${cell(r.readAllMs, baseline.readAllMs)}`,
    );
  }
  if (new Set(results.map((r) => r.found)).size !== 1)
    throw new Error('the stores disagree on the indexed query');
}
