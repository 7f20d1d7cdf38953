/**
 * Sync benchmarks, a real server (buildServer on PGlite in a temporary directory, on 127.0.0.1) and devices in
 * headless Chromium running the app's store and replication code (bench/sync/sync-bench.ts):
 *
 * 1. Initial sync: 10,000 clients and 10,000 trips of 5 itinerary items (BENCH_SYNC_CLIENTS, BENCH_TRIP_ITEMS)
 *    to an empty device, as a coordinator (who reaches everything). Baseline: the same sync into plain RxDB
 *    over Dexie as it comes (no encryption, none of the app's Dexie settings, RxDB's replication writing a meta
 *    row beside each document instead of the app's first sync in bulk), in the same run. Target: ≤ 10 s.
 *    Each sync also reports the CPU it used (the page, the rest of Chromium, this process), which other work on
 *    the machine does not inflate as it does the wall time.
 * 2. Push-to-visible latency: an office device (coordinator) edits a client or a trip of a concierge; the
 *    concierge's device, listening on the live stream, sees it in its store. BENCH_LATENCY_SAMPLES times.
 *    Baseline: a bare HTTP push and pull round trip from the page, in the same run. Target: p95 ≤ 500 ms.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { watchPageErrors } from '../tests/support/page-errors';
import { startWebHost } from '../scripts/web-host';
import { buildServer } from '../server/app';
import { openDatabase } from '../server/db/open';
import { addStaff, logIn, setUpOrganisation, type TestStaff } from '../tests/support/server/staff';
import type { FastifyInstance } from 'fastify';
import { launchDevice } from './browser';
import { descendantsCpu, ownCpu } from './process-cpu';
import { checkTarget, median, ms, percentile, ratio, section } from './report';
import { benchClient, benchTrip, headSeq, seedDocuments } from './seed';
import type { InitialSyncResult, StoreVariant, SyncBenchApi, SyncTarget } from './sync/api';
import { buildSyncPage } from './sync/build';
import { LOOPBACK_AUTH_RATE_LIMIT } from '../tests/support/server/limits';

const CLIENTS = Number(process.env.BENCH_SYNC_CLIENTS ?? 10_000);
const TRIP_ITEMS = Number(process.env.BENCH_TRIP_ITEMS ?? 5);
const ROUNDS = Number(process.env.BENCH_SYNC_ROUNDS ?? 2);
/** Which stores the initial sync runs (comma-separated); both by default, the baseline needs 'plain'. */
const VARIANTS = (process.env.BENCH_SYNC_VARIANTS ?? 'plain,vault').split(',') as StoreVariant[];
/** A directory: each initial sync's page CPU profile is written there (open it in Chromium's DevTools). */
const PROFILE_DIR = process.env.BENCH_SYNC_PROFILE;
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 50);
/** The concierge whose device receives the changes holds this many clients (and their trips). */
const CONCIERGE_CLIENTS = 50;

type Api = SyncBenchApi;

interface DevicePage {
  page: Page;
  close(): Promise<void>;
}

/** A fresh device (its own browser profile on disk) with the sync page loaded. */
async function openDevice(url: string): Promise<DevicePage> {
  const device = await launchDevice();
  const page = device.context.pages()[0] ?? (await device.context.newPage());
  watchPageErrors((error) => console.error(`[page] ${error}`)).watchPage(page);
  await page.goto(url);
  await page.waitForFunction(() => typeof (globalThis as Partial<Api>).initialSync === 'function');
  return { page, close: () => device.close() };
}

function within<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took more than ${seconds} s`)), seconds * 1000);
    }),
  ]);
}

/** A fresh session for a bench device (sessions live 15 minutes; a slow run may outlast one). */
async function target(app: FastifyInstance, serverUrl: string, staff: TestStaff): Promise<SyncTarget> {
  return { serverUrl, token: (await logIn(app, staff.deviceId, staff.keys)).token };
}

export async function runSyncBenchmark(): Promise<void> {
  section('Sync: initial sync and push-to-visible latency (server on PGlite, devices in headless Chromium)');
  const dir = await mkdtemp(path.join(tmpdir(), 'lumina-bench-sync-'));
  const db = await openDatabase({ dataDir: dir });
  const origins: string[] = [];
  let setupCode = '';
  const server = await buildServer({
    db,
    authRateLimit: LOOPBACK_AUTH_RATE_LIMIT,
    allowedOrigins: origins,
    logLevel: 'warn',
    onSetupCode: (code) => (setupCode = code),
  });
  let host: Awaited<ReturnType<typeof startWebHost>> | undefined;
  try {
    const admin = await setUpOrganisation(server.app, setupCode);
    const coordinator = await addStaff(server.app, admin, 'coordinator');
    const concierge = await addStaff(server.app, admin, 'concierge');
    // Other concierges, who need not exist as staff for their clients to be stored.
    const others = Array.from({ length: 20 }, () => randomUUID());
    const assignees = (n: number) => [n < CONCIERGE_CLIENTS ? concierge.staffId : others[n % others.length]!];
    const clients = Array.from({ length: CLIENTS }, (_, n) => benchClient(n, assignees(n)));
    const trips = Array.from({ length: CLIENTS }, (_, n) => benchTrip(n, assignees(n), TRIP_ITEMS));
    const seedStart = performance.now();
    await seedDocuments(db, 'clients', clients);
    await seedDocuments(db, 'trips', trips);
    const bytes = (docs: object[]) => docs.reduce((sum, doc) => sum + JSON.stringify(doc).length, 0);
    console.log(
      `seeded ${CLIENTS} clients (${(bytes(clients) / 1e6).toFixed(1)} MB of JSON) and ${CLIENTS} trips with ` +
        `${CLIENTS * TRIP_ITEMS} itinerary items (${(bytes(trips) / 1e6).toFixed(1)} MB) in ` +
        `${((performance.now() - seedStart) / 1000).toFixed(1)} s, each checked against the wire schema`,
    );

    const serverUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
    host = await startWebHost({ serverUrl, root: await buildSyncPage() });
    origins.push(host.url);

    await initialSync(host.url, () => target(server.app, serverUrl, coordinator));
    if (LATENCY_SAMPLES > 0)
      await latency(host.url, {
        office: await target(server.app, serverUrl, coordinator),
        field: await target(server.app, serverUrl, concierge),
        head: await headSeq(db),
      });
  } finally {
    await host?.close();
    await server.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** CPU seconds one initial sync used: the page's renderer, the rest of Chromium (IndexedDB), this process. */
interface SyncCpu {
  renderer: number;
  browser: number;
  node: number;
}

const describeCpu = (c: SyncCpu) =>
  `CPU ${(c.renderer + c.browser + c.node).toFixed(1)} s (page ${c.renderer.toFixed(1)}, ` +
  `rest of Chromium ${c.browser.toFixed(1)}, server and driver ${c.node.toFixed(1)})`;

/** Samples the page's JavaScript until `stop`, which writes the profile in Chromium's .cpuprofile format. */
async function startProfile(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await cdp.send('Profiler.stop');
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(profile));
      console.log(`   profile: ${file}`);
    },
  };
}

async function initialSync(url: string, session: () => Promise<SyncTarget>) {
  const results: Array<InitialSyncResult & { cpu: SyncCpu }> = [];
  let cpu: SyncCpu | undefined;
  console.log(`\n1. Initial sync to an empty device, ${ROUNDS} round(s) per store, order alternating`);
  for (let round = 0; round < ROUNDS; round++) {
    const order: StoreVariant[] = round % 2 === 0 ? ['plain', 'vault'] : ['vault', 'plain'];
    for (const variant of order.filter((v) => VARIANTS.includes(v))) {
      const device = await openDevice(url);
      const sync = await session();
      const profiler = PROFILE_DIR ? await startProfile(device.page) : undefined;
      const [chromium0, node0] = [await descendantsCpu(), ownCpu()];
      const result = await within(
        device.page.evaluate(([t, v]) => (globalThis as unknown as Api).initialSync(t, v), [
          sync,
          variant,
        ] as const),
        300,
        'an initial sync',
      ).finally(async () => {
        const chromium1 = await descendantsCpu();
        cpu = {
          renderer: chromium1.renderers - chromium0.renderers,
          browser: chromium1.others - chromium0.others,
          node: ownCpu() - node0,
        };
        if (profiler) await profiler.stop(path.join(PROFILE_DIR!, `sync-${variant}-${round + 1}.cpuprofile`));
        await device.close();
      });
      if (result.clients !== CLIENTS || result.trips !== CLIENTS) {
        throw new Error(
          `the ${variant} store holds ${result.clients} clients and ${result.trips} trips after sync`,
        );
      }
      results.push({ ...result, cpu: cpu! });
      console.log(
        `   round ${round + 1}, ${variant === 'vault' ? 'encrypted store' : 'plain RxDB    '}: ` +
          `${(result.ms / 1000).toFixed(2)} s, ${result.pulls} pulls ` +
          `(${(result.pullWaitMs / 1000).toFixed(2)} s of them awaiting the server's answer); ${describeCpu(cpu!)}`,
      );
    }
  }
  const of = (variant: StoreVariant) => median(results.filter((r) => r.variant === variant).map((r) => r.ms));
  const vault = of('vault');
  const plain = of('plain');
  const cpuOf = (variant: StoreVariant) => {
    const runs = results.filter((r) => r.variant === variant).map((r) => r.cpu);
    return {
      renderer: median(runs.map((c) => c.renderer)),
      browser: median(runs.map((c) => c.browser)),
      node: median(runs.map((c) => c.node)),
    };
  };
  const total = (c: SyncCpu) => c.renderer + c.browser + c.node;
  if (VARIANTS.includes('vault') && VARIANTS.includes('plain')) {
    console.log(
      `   median CPU: encrypted store ${describeCpu(cpuOf('vault'))}; plain RxDB ${describeCpu(cpuOf('plain'))}; ` +
        `ratio ${ratio(total(cpuOf('vault')), total(cpuOf('plain')))}`,
    );
  }
  console.log(
    `   median: encrypted store ${(vault / 1000).toFixed(2)} s, plain RxDB over Dexie (baseline) ` +
      `${(plain / 1000).toFixed(2)} s, ratio ${ratio(vault, plain)}`,
  );
  checkTarget(
    `sync: initial sync of ${CLIENTS} clients + ${CLIENTS} trips (encrypted store, median)`,
    vault / 1000,
    10,
    ' s',
  );
}

async function latency(url: string, at: { office: SyncTarget; field: SyncTarget; head: number }) {
  console.log(
    `\n2. Push-to-visible latency, ${LATENCY_SAMPLES} changes, office device to a concierge's device`,
  );
  const officeDevice = await openDevice(url);
  const fieldDevice = await openDevice(url);
  const office = officeDevice.page;
  const field = fieldDevice.page;
  try {
    // The baseline first, so its new clients are not in flight while the devices are measured.
    const bare = await within(
      office.evaluate(([t, s, n]) => (globalThis as unknown as Api).bareRoundTrips(t, s, n), [
        at.office,
        at.head,
        LATENCY_SAMPLES,
      ] as const),
      300,
      'the bare round trips',
    );
    const opened = await within(
      office.evaluate((t) => (globalThis as unknown as Api).openDevice(t), at.office),
      300,
      'the office device',
    );
    const held = await within(
      field.evaluate((t) => (globalThis as unknown as Api).openDevice(t), at.field),
      300,
      "the concierge's device",
    );
    console.log(
      `   office device holds ${opened.clients} clients and ${opened.trips} trips; ` +
        `the concierge's device ${held.clients} and ${held.trips}`,
    );
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const kind = i % 2 === 0 ? 'client' : 'trip';
      const n = Math.floor(i / 2) % CONCIERGE_CLIENTS;
      const id = kind === 'client' ? benchClient(n, []).id : benchTrip(n, []).id;
      const marker = `Latency sample ${i}`;
      await field.evaluate(([k, d, m]) => (globalThis as unknown as Api).expectChange(k, d, m), [
        kind,
        id,
        marker,
      ] as const);
      const wrote = await office.evaluate(
        ([k, d, m]) => (globalThis as unknown as Api).writeChange(k, d, m),
        [kind, id, marker] as const,
      );
      const seen = await within(
        field.evaluate(() => (globalThis as unknown as Api).changeSeen()),
        15,
        `change ${i} to become visible`,
      );
      samples.push(seen - wrote);
      // Let the office device's own echo (the stream tells it of its change) settle before the next change.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const line = (label: string, values: number[]) =>
      `   ${label.padEnd(44)} p50 ${ms(percentile(values, 50)).padEnd(10)} p95 ${ms(percentile(values, 95)).padEnd(10)} max ${ms(Math.max(...values))}`;
    console.log(line('device A write -> device B store (clients, trips)', samples));
    console.log(line('baseline: bare HTTP push + pull from the page', bare));
    console.log(
      `   ratio to the baseline: p50 ${ratio(percentile(samples, 50), percentile(bare, 50))}, ` +
        `p95 ${ratio(percentile(samples, 95), percentile(bare, 95))}`,
    );
    checkTarget('sync: push-to-visible latency, p95', percentile(samples, 95), 500, ' ms');
    await office.evaluate(() => (globalThis as unknown as Api).closeDevice());
    await field.evaluate(() => (globalThis as unknown as Api).closeDevice());
  } finally {
    await officeDevice.close();
    await fieldDevice.close();
  }
}
