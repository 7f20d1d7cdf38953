/**
 * Search benchmark, in Debian's Chromium: 10,000 clients (BENCH_SEARCH_CLIENTS to change) in the client search
 * index, searched the way the client list does it (`searchAll` with the filter bar's filters: every match in
 * order), once with no filter and once with a status and "upcoming trip" chosen; a name, a name in katakana, an e-mail address, a passport number and a phone number typed keystroke by
 * keystroke. Each keystroke's search is timed BENCH_SEARCH_REPETITIONS times (from the state the previous
 * keystroke left), beside the baseline measured in the same run: a naive Array.filter with `includes` over the
 * same records. Target: every keystroke's result within one 60 Hz frame, 16 ms.
 */
import { openBenchPage } from './browser';
import { buildSearchPage } from './search/build';
import type { SearchBenchApi } from './search/records';

const clients = Number(process.env.BENCH_SEARCH_CLIENTS ?? 10_000);
const repetitions = Number(process.env.BENCH_SEARCH_REPETITIONS ?? 25);
const TARGET_MS = 16;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (value: number) => value.toFixed(2).padStart(7);
/** The browser's clock counts in steps of about 0.1 ms: below that, only an upper bound of the ratio is known. */
const CLOCK_STEP_MS = 0.1;
const ratio = (value: number, base: number) =>
  (base <= 0
    ? 'n/a'
    : value < CLOCK_STEP_MS
      ? `<${(CLOCK_STEP_MS / base).toFixed(2)}x`
      : `${(value / base).toFixed(2)}x`
  ).padStart(7);

export async function runSearchBenchmark(): Promise<void> {
  const outDir = await buildSearchPage();
  const bench = await openBenchPage(outDir, 'runSearchBench');
  try {
    const { page } = bench;
    const result = await page.evaluate(
      ([n, r]) => (globalThis as unknown as SearchBenchApi).runSearchBench(n, r),
      [clients, repetitions] as const,
    );
    bench.failOnPageErrors();

    console.log(
      `\nClient search, ${result.count} clients, headless Chromium: index built in ${result.buildMs.toFixed(0)} ms; ` +
        `first search, before the JIT warms up: ${result.firstSearchMs.toFixed(1)} ms`,
    );
    console.log(
      `after one untimed pass of typing, each keystroke timed ${repetitions} times, in ms ` +
        `(the browser's clock counts in steps of about ${CLOCK_STEP_MS} ms);` +
        ' naive = Array.filter(includes) over the same records, in the same run; ratio = index / naive',
    );
    const overall: number[] = [];
    const overallNaive: number[] = [];
    for (const sequence of result.sequences) {
      console.log(`\ntyping ${sequence.label}: "${sequence.typed}"`);
      console.log(
        `  ${'text so far'.padEnd(28)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'max'.padStart(7)}` +
          `${'naive p50'.padStart(11)}${'ratio'.padStart(7)}${'matches'.padStart(9)}${'naive'.padStart(7)}`,
      );
      const all: number[] = [];
      const allNaive: number[] = [];
      for (const keystroke of sequence.keystrokes) {
        all.push(...keystroke.indexMs);
        allNaive.push(...keystroke.naiveMs);
        const p50 = percentile(keystroke.indexMs, 50);
        const naiveP50 = percentile(keystroke.naiveMs, 50);
        console.log(
          `  ${JSON.stringify(keystroke.text).padEnd(28)}${ms(p50)}${ms(percentile(keystroke.indexMs, 95))}` +
            `${ms(Math.max(...keystroke.indexMs))}${ms(naiveP50).padStart(11)}${ratio(p50, naiveP50)}` +
            `${String(keystroke.matches).padStart(9)}${String(keystroke.naiveMatches).padStart(7)}`,
        );
      }
      overall.push(...all);
      overallNaive.push(...allNaive);
      console.log(
        `  all keystrokes: p50 ${percentile(all, 50).toFixed(2)}, p95 ${percentile(all, 95).toFixed(2)}, ` +
          `max ${Math.max(...all).toFixed(2)} ms; naive p50 ${percentile(allNaive, 50).toFixed(2)}, ` +
          `p95 ${percentile(allNaive, 95).toFixed(2)}, max ${Math.max(...allNaive).toFixed(2)} ms; ` +
          `target client first at the end: ${sequence.targetFirst ? 'yes' : 'NO'}`,
      );
    }
    const worst = Math.max(...overall);
    console.log(
      `\nclient search, every keystroke of every sequence: p50 ${percentile(overall, 50).toFixed(2)} ms ` +
        `(${ratio(percentile(overall, 50), percentile(overallNaive, 50)).trim()} of naive), ` +
        `p95 ${percentile(overall, 95).toFixed(2)} ms (${ratio(percentile(overall, 95), percentile(overallNaive, 95)).trim()}), ` +
        `max ${worst.toFixed(2)} ms (${ratio(worst, Math.max(...overallNaive)).trim()}); ` +
        `target ≤ ${TARGET_MS} ms per keystroke: ${worst <= TARGET_MS ? 'met' : 'MISSED'}`,
    );
    if (result.sequences.some((sequence) => !sequence.targetFirst)) {
      throw new Error('the search benchmark did not find its target client first');
    }
  } finally {
    await bench.close();
  }
}
