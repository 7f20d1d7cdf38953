/**
 * Compares settings of the initial sync side by side (not part of `npm run bench`): the same server and data as
 * bench/sync.ts, each setting run in turn, round after round, so the shared machine's load falls on all alike.
 * Besides the wall time, each run reports where CPU went: the page's main thread, the rest of Chromium (IndexedDB
 * runs in the browser process) and this Node process (the server on PGlite, and Playwright).
 *
 *   BENCH_XP='[{"name":"100"},{"name":"1000","pullBatchSize":1000}]' BENCH_XP_ROUNDS=3 npx tsx bench/sync-experiment.ts
 */
import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWebHost } from '../scripts/web-host';
import { buildServer } from '../server/app';
import { openDatabase } from '../server/db/open';
import { addStaff, logIn, setUpOrganisation } from '../tests/support/server/staff';
import { watchPageErrors } from '../tests/support/page-errors';
import { launchDevice } from './browser';
import { median } from './report';
import { benchClient, benchTrip, seedDocuments } from './seed';
import type { InitialSyncResult, StoreVariant, SyncBenchApi, SyncTuning } from './sync/api';
import { buildSyncPage } from './sync/build';

type Setting = SyncTuning & { name: string; variant?: StoreVariant };

const CLIENTS = Number(process.env.BENCH_SYNC_CLIENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_XP_ROUNDS ?? 2);
const SETTINGS = JSON.parse(process.env.BENCH_XP ?? '[{"name":"default"}]') as Setting[];

/** CPU seconds (user + system) of the processes below this one: Chromium's renderers, and all the others. */
async function childrenCpu(): Promise<{ renderer: number; other: number; byType: Map<string, number> }> {
  const ticks = 100;
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  const renderers = new Set<number>();
  const types = new Map<number, string>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 15) continue;
    parents.set(Number(entry), Number(fields[1]));
    cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / ticks);
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('--type=renderer')) renderers.add(Number(entry));
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1] ?? 'browser';
    const sub = /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1];
    types.set(Number(entry), sub ? `${type}:${sub}` : type);
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p))
      if (p === process.pid) return true;
    return false;
  };
  const total = { renderer: 0, other: 0, byType: new Map<string, number>() };
  for (const [pid, seconds] of cpu) {
    if (!below(pid)) continue;
    total[renderers.has(pid) ? 'renderer' : 'other'] += seconds;
    const type = types.get(pid)!;
    total.byType.set(type, (total.byType.get(type) ?? 0) + seconds);
  }
  return total;
}

const dir = await mkdtemp(path.join(tmpdir(), 'lumina-bench-xp-'));
const db = await openDatabase({ dataDir: dir });
let setupCode = '';
const origins: string[] = [];
const server = await buildServer({
  db,
  allowedOrigins: origins,
  logLevel: 'warn',
  onSetupCode: (code) => (setupCode = code),
});
try {
  const admin = await setUpOrganisation(server.app, setupCode);
  const coordinator = await addStaff(server.app, admin, 'coordinator');
  await seedDocuments(
    db,
    'clients',
    Array.from({ length: CLIENTS }, (_, n) => benchClient(n, [])),
  );
  await seedDocuments(
    db,
    'trips',
    Array.from({ length: CLIENTS }, (_, n) => benchTrip(n, [])),
  );
  const serverUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const host = await startWebHost({ serverUrl, root: await buildSyncPage() });
  origins.push(host.url);
  const results = new Map<
    string,
    Array<InitialSyncResult & { page: number; chromium: number; node: number }>
  >();
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? SETTINGS : [...SETTINGS].reverse();
    for (const setting of order) {
      const device = await launchDevice();
      const page = device.context.pages()[0] ?? (await device.context.newPage());
      watchPageErrors((error) => console.error(`[page] ${error}`)).watchPage(page);
      await page.goto(host.url);
      await page.waitForFunction(
        () => typeof (globalThis as Partial<SyncBenchApi>).initialSync === 'function',
      );
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const busy = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value;
      const target = {
        serverUrl,
        token: (await logIn(server.app, coordinator.deviceId, coordinator.keys)).token,
      };
      const [busy0, chromium0, node0] = [await busy(), await childrenCpu(), process.cpuUsage()];
      const result = await page.evaluate(
        ([t, v, s]) => (globalThis as unknown as SyncBenchApi).initialSync(t, v, s),
        [target, setting.variant ?? 'vault', setting] as const,
      );
      const busyMs = (await busy()) - busy0;
      const chromium1 = await childrenCpu();
      const pageCpu = chromium1.renderer - chromium0.renderer;
      const chromium = chromium1.other - chromium0.other;
      const byType = [...chromium1.byType]
        .map(([type, seconds]) => `${type} ${(seconds - (chromium0.byType.get(type) ?? 0)).toFixed(1)}`)
        .join(', ');
      const nodeUsage = process.cpuUsage(node0);
      const node = (nodeUsage.user + nodeUsage.system) / 1e6;
      await device.close();
      if (result.clients !== CLIENTS || result.trips !== CLIENTS) {
        throw new Error(`${setting.name}: ${result.clients} clients, ${result.trips} trips after sync`);
      }
      results.set(setting.name, [
        ...(results.get(setting.name) ?? []),
        { ...result, page: pageCpu, chromium, node },
      ]);
      console.log(
        `round ${round + 1} ${setting.name.padEnd(24)} ${(result.ms / 1000).toFixed(2)} s, ${result.pulls} pulls, ` +
          `awaiting server ${(result.pullWaitMs / 1000).toFixed(1)} s, main thread busy ${busyMs.toFixed(1)} s; ` +
          `CPU s: renderer ${pageCpu.toFixed(1)}, ` +
          `rest of Chromium ${chromium.toFixed(1)} (${byType}), node ${node.toFixed(1)}  (load ${(await readFile('/proc/loadavg', 'utf8')).split(' ')[0]})`,
      );
    }
  }
  console.log('\nmedians:');
  for (const [name, runs] of results) {
    const m = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f)).toFixed(2);
    console.log(
      `${name.padEnd(24)} ${m((r) => r.ms / 1000)} s; CPU s: renderer ${m((r) => r.page)}, rest of Chromium ${m((r) => r.chromium)}, node ${m((r) => r.node)}`,
    );
  }
  await host.close();
} finally {
  await server.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
}
