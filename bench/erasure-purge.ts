import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxStorage } from 'rxdb';
import { openBenchPage } from './browser';
import { buildBenchPage } from './page-build';
import { descendantsCpu } from './process-cpu';
import { ms, ratio, section } from './report';

/**
 * The device's purge (`purgeErased`, renderer/src/features/erasure/erasure-data.ts) on a store holding 10,000
 * clients, each with a trip: one client erased (an APPI request), then 1,000 at once (a retention run). Two runs of
 * the same scenario (erasure/purge-scenario.ts), each over the app's own store (`openLocalStore`: the vault's
 * sealing and ledger included):
 *
 * - in this Node process over RxDB's memory storage: the purge's own work (finding the tombstones, RxDB's cleanup,
 *   the vault), with this process's CPU time;
 * - in Chromium over IndexedDB (Dexie), in a profile on disk, as on a device: CPU time is Chromium's (its renderer,
 *   and its browser process, which runs IndexedDB).
 *
 * Baseline, in the same run and store: reading every client and trip once (what the client list and Today do at
 * unlock).
 */
const CLIENTS = Number(process.env.BENCH_PURGE_CLIENTS ?? 10_000);
const BATCH = 1_000;
// Imported by path at run time: the scenario imports the renderer, which type-checks under the web configuration.
const SCENARIO = './erasure/purge-scenario';

/** A step of the scenario (PurgeScenario's methods), run where the scenario lives. */
type Step = (method: string, ...args: number[]) => Promise<unknown>;
interface Measured {
  wall: number;
  cpu: number;
  value: unknown;
}
type Measure = (work: () => Promise<unknown>) => Promise<Measured>;

async function runSteps(label: string, step: Step, measure: Measure): Promise<void> {
  section(`Device purge (${CLIENTS.toLocaleString('en')} clients with a trip, ${label})`);
  const seeded = await measure(() => step('seed', CLIENTS));
  console.log(`seeded in ${ms(seeded.wall)}`);
  const base = await measure(() => step('readAll'));
  console.log(
    `baseline, reading every client and trip (${String(base.value)} rows): ${ms(base.wall)} wall, ${ms(base.cpu)} CPU`,
  );
  const line = (what: string, m: Measured) =>
    console.log(
      `${what}: ${ms(m.wall)} wall (${ratio(m.wall, base.wall)} the baseline), ${ms(m.cpu)} CPU (${ratio(m.cpu, base.cpu)})`,
    );
  await step('tombstone', 1, 1);
  const one = await measure(() => step('purge', 1, 1));
  if (one.value !== 1) throw new Error('the purge of one client did not happen');
  line('purge of 1 erased client', one);
  await step('tombstone', 2, BATCH);
  const many = await measure(() => step('purge', 2, BATCH));
  if (many.value !== BATCH) throw new Error('the purge of the batch did not happen');
  const left = await step('clientsLeft');
  if (left !== CLIENTS - BATCH - 1)
    throw new Error(`expected ${CLIENTS - BATCH - 1} clients left, found ${left}`);
  line(`purge of ${BATCH} erased clients at once`, many);
}

async function inNode(): Promise<void> {
  // The feature module reaches the host bridge at import (a browser global): Node stands in for the window.
  (globalThis as { window?: unknown }).window ??= globalThis;
  const { openPurgeScenario } = (await import(SCENARIO)) as {
    openPurgeScenario(
      name: string,
      storage: RxStorage<unknown, unknown>,
    ): Promise<Record<string, (...args: number[]) => Promise<unknown>>>;
  };
  const memory = getRxStorageMemory() as RxStorage<unknown, unknown>;
  const scenario = await openPurgeScenario(`purge-bench-${Date.now()}`, memory);
  const measure: Measure = async (work) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const value = await work();
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / 1000, value };
  };
  try {
    await runSteps(
      'memory storage + vault, in Node',
      (method, ...args) => scenario[method]!(...args),
      measure,
    );
  } finally {
    await scenario.close!();
  }
}

async function inChromium(): Promise<void> {
  const outDir = await buildBenchPage('erasure');
  const bench = await openBenchPage(outDir, 'purgeBench', { onDisk: true });
  try {
    const { page } = bench;
    const step: Step = (method, ...args) =>
      page.evaluate(
        ([m, a]) =>
          (globalThis as unknown as { purgeBench(m: string, a: number[]): Promise<unknown> }).purgeBench(
            m,
            a,
          ),
        [method, args] as const,
      );
    const measure: Measure = async (work) => {
      const before = await descendantsCpu();
      const started = performance.now();
      const value = await work();
      const wall = performance.now() - started;
      const after = await descendantsCpu();
      const cpu = (after.renderers + after.others - before.renderers - before.others) * 1000;
      return { wall, cpu, value };
    };
    await step('open');
    await runSteps('IndexedDB + vault, in Chromium, profile on disk', step, measure);
    await step('close');
    bench.failOnPageErrors();
  } finally {
    await bench.close();
  }
}

export async function runErasurePurgeBenchmark(): Promise<void> {
  await inNode();
  await inChromium();
}
