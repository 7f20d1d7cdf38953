/**
 * The export benchmark in Chromium (issue 16 review: the figure on the device's encrypted IndexedDB store): the
 * scenario of bench/export/export-scenario.ts run in a page (bench/export/page/) over RxDB, Dexie and the vault
 * wrapper, in a Chromium profile on disk (launchDevice) so IndexedDB writes reach the disk as a device's do.
 */
import { openBenchPage } from './browser';
import { buildExportPage } from './export/build';
// Not export-scenario.ts itself: it imports the renderer, which Node's type-check does not take.
import { LOG_PER_CLIENT_DEFAULT } from './export/defaults';
import { checkTarget, median, ms } from './report';

/** What the page answers (bench/export/export-scenario.ts ExportScenarioResult, wall times only). */
interface PageResult {
  cold: { wall: number };
  full: Array<{ wall: number }>;
  base: Array<{ wall: number }>;
  items: number;
  bytes: number;
  logEntries: number;
}

const CLIENTS = Number(process.env.BENCH_EXPORT_CLIENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 7);
const LOG_PER_CLIENT = Number(process.env.BENCH_EXPORT_LOG_PER_CLIENT ?? LOG_PER_CLIENT_DEFAULT);
const TARGET_MS = 1000;

export async function runExportBrowserBenchmark(): Promise<void> {
  const outDir = await buildExportPage();
  const bench = await openBenchPage(outDir, 'runExportBench', { onDisk: true });
  try {
    const { page } = bench;
    const started = Date.now();
    const result = await page.evaluate(
      ([clients, runs, log]) =>
        (
          globalThis as unknown as { runExportBench(c: number, r: number, l: number): Promise<PageResult> }
        ).runExportBench(clients, runs, log),
      [CLIENTS, RUNS, LOG_PER_CLIENT] as const,
    );
    bench.failOnPageErrors();
    const wall = median(result.full.map((s) => s.wall));
    const baseWall = median(result.base.map((s) => s.wall));
    console.log(
      `\nClient export, 1 client of ${CLIENTS} (50 trips, ${result.items} items, full medical section; JSON ${(result.bytes / 1024).toFixed(0)} KiB; ` +
        `${result.logEntries} access-log entries on the store), ` +
        `encrypted IndexedDB store in Chromium (vault over RxDB and Dexie, profile on disk), median of ${result.full.length} runs ` +
        `(store filled and exported in ${((Date.now() - started) / 1000).toFixed(0)} s):\n` +
        `  first export  wall ${ms(result.cold.wall)}  (its queries read the store: IndexedDB and the vault)\n` +
        `  export        wall ${ms(wall)}  (later runs: RxDB keeps the queries' results)\n` +
        `  baseline      wall ${ms(baseWall)}  (read the same documents and serialise them)\n` +
        `  ratio         wall ${(wall / baseWall).toFixed(2)}x\n` +
        `  runs          ${result.full.map((s) => s.wall.toFixed(0)).join(', ')} ms`,
    );
    checkTarget(
      `export of a client with 50 trips, 500 items, medical, among ${CLIENTS} clients, encrypted IndexedDB in Chromium (wall, median)`,
      wall,
      TARGET_MS,
      ' ms',
    );
    checkTarget(
      `first export of that client, encrypted IndexedDB in Chromium (wall)`,
      result.cold.wall,
      TARGET_MS,
      ' ms',
    );
  } finally {
    await bench.close();
  }
}
