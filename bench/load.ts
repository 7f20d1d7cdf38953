/**
 * Load benchmark: 200 devices with sessions of their own (BENCH_LOAD_DEVICES: 80% concierges, 20% coordinators)
 * pulling and pushing at once over loopback, with autocannon as the load generator. Each device repeats a cycle of
 * four pulls (clients and trips alternately, from a random checkpoint, 100 documents a page) and one push (a new
 * client, or an edit of one of its own clients against the state it last saw): 80% pulls, 20% pushes.
 *
 * Two runs per engine: paced (each device makes BENCH_LOAD_DEVICE_RATE requests a second, 1 by default: a very
 * busy day) and saturated (each device sends its next request the moment the last is answered: the capacity, where
 * latency is queueing by construction, 200 waiting requests divided by the throughput). Against PGlite (the
 * server's default) and real PostgreSQL when LUMINA_BENCH_DATABASE_URL or LUMINA_TEST_DATABASE_URL names a server
 * where a throwaway database may be created. Baseline in the same run: GET /health (one SELECT 1), paced or not
 * alike. Target: p99 of pulls ≤ 200 ms on real PostgreSQL with 200 devices.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type autocannon from 'autocannon';
import { PULL_LIMIT_DEFAULT, type Client, type Role } from '../shared/index';
import type { Database } from '../server/db/database';
import {
  answers,
  cannon,
  newStats,
  non2xx,
  withCpu,
  type Counters,
  type KindStats,
  type RunResult,
} from './load/cannon';
import { pgliteEngine, postgresEngine } from './load/engines';
import { checkTarget, ms, percentile, section, uncheckedTarget } from './report';
import {
  benchClient,
  benchId,
  benchTrip,
  headSeq,
  seedDevices,
  seedDocuments,
  type BenchDevice,
} from './seed';

const DEVICES = Number(process.env.BENCH_LOAD_DEVICES ?? 200);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const WARM_UP_SECONDS = 3;
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 10_000);
const NEW_CLIENT_SHARE = 0.3;
/** Requests per second each device makes in the paced run: a very busy day, 200 requests a second in all. */
const DEVICE_RATE = Number(process.env.BENCH_LOAD_DEVICE_RATE ?? 1);
const MODES = [
  {
    short: `${DEVICES} devices at ${DEVICE_RATE} req/s each`,
    label: `paced: each device makes ${DEVICE_RATE} request(s) a second (${DEVICES * DEVICE_RATE} req/s offered)`,
    rate: DEVICE_RATE,
  },
  {
    short: `${DEVICES} devices flat out`,
    label: 'saturated: each device sends its next request as soon as the last is answered (capacity)',
    rate: undefined,
  },
];

/** What one device knows: its session and the clients it edits, as it last saw them on the server. */
interface DeviceState extends BenchDevice {
  own: Map<string, Client>;
}

interface World {
  devices: DeviceState[];
  head: number;
  /** New clients pushed so far, across runs: each gets the next number. */
  created: number;
}

async function seed(db: Database): Promise<World> {
  const concierges = Math.round(DEVICES * 0.8);
  const roles: Role[] = Array.from({ length: DEVICES }, (_, i) =>
    i < concierges ? 'concierge' : 'coordinator',
  );
  const seeded = await seedDevices(db, roles);
  const devices: DeviceState[] = seeded.map((device) => ({ ...device, own: new Map() }));
  // Client n is edited by device n % DEVICES only, so devices never edit the same client. Each client (and its
  // trip) is assigned to a concierge, whose device pulls it: its editor when that is a concierge's device.
  const assignee = (n: number) => {
    const editor = n % DEVICES;
    return [devices[editor < concierges ? editor : n % concierges]!.staffId];
  };
  const clients = Array.from({ length: CLIENTS }, (_, n) => benchClient(n, assignee(n)));
  clients.forEach((client, n) => devices[n % DEVICES]!.own.set(client.id, client));
  await seedDocuments(db, 'clients', clients);
  await seedDocuments(
    db,
    'trips',
    Array.from({ length: CLIENTS }, (_, n) => benchTrip(n, assignee(n))),
  );
  // Planner statistics, as PostgreSQL's autovacuum would gather after a bulk load (PGlite has no autovacuum).
  await db.exec('VACUUM ANALYZE');
  return { devices, head: await headSeq(db), created: 0 };
}

function startServer(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  // BENCH_SERVER_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_SERVER_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', path.join(import.meta.dirname, 'load-server.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"listening"'));
      if (line) resolve({ url: (JSON.parse(line) as { listening: string }).listening, child, stop });
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited with code ${code}: ${out}`)));
  });
}

function mixedRequests(world: World, counters: Counters) {
  let lastKind = 'pull';
  const free = world.devices.map((_, i) => i);
  type Context = { device?: number; pending?: Client };
  const device = (context: Context) => world.devices[context.device!]!;
  const auth = (context: Context) => ({ authorization: `Bearer ${device(context).token}` });
  const pull =
    (collection: 'clients' | 'trips', first = false) =>
    (req: autocannon.Request, context: Context) => {
      if (first) {
        const taken = free.shift();
        if (taken === undefined) counters.sharedDevices += 1;
        context.device = taken ?? Math.floor(Math.random() * world.devices.length);
      }
      const after = Math.floor(Math.random() * world.head);
      return {
        ...req,
        method: 'GET' as const,
        path: `/sync/${collection}/pull?after=${after}&limit=${PULL_LIMIT_DEFAULT}`,
        headers: auth(context),
      };
    };
  const push = (req: autocannon.Request, context: Context) => {
    const state = device(context);
    let row: { newDocumentState: object; assumedMasterState?: object };
    if (Math.random() < NEW_CLIENT_SHARE || state.own.size === 0) {
      const n = CLIENTS + world.created++;
      const fresh = {
        ...benchClient(n, state.role === 'concierge' ? [state.staffId] : []),
        id: benchId(5, n),
      };
      context.pending = fresh;
      row = { newDocumentState: { ...fresh, _deleted: false } };
    } else {
      const ids = [...state.own.keys()];
      const current = state.own.get(ids[Math.floor(Math.random() * ids.length)]!)!;
      const edited: Client = {
        ...current,
        names: { ...current.names, latin: `${current.names.latin.split(' · ')[0]} · ${Date.now()}` },
        updatedAt: current.updatedAt + 1,
      };
      context.pending = edited;
      row = {
        newDocumentState: { ...edited, _deleted: false },
        assumedMasterState: { ...current, _deleted: false },
      };
    }
    return {
      ...req,
      method: 'POST' as const,
      path: '/sync/clients/push',
      headers: { ...auth(context), 'content-type': 'application/json' },
      body: JSON.stringify([row]),
    };
  };
  const onPull = () => {
    lastKind = 'pull';
  };
  const onPush = (status: number, body: string, context: Context) => {
    lastKind = 'push';
    if (context.device !== undefined) free.push(context.device);
    const state = device(context);
    const pending = context.pending!;
    // Thrown here, an error would end the load generator without a report: count the oddity instead.
    let answer: unknown;
    try {
      answer = JSON.parse(body);
    } catch {
      answer = undefined;
    }
    if (status !== 200 || !Array.isArray(answer)) {
      const { reason = 'unreadable answer', needs = '' } = (answer ?? {}) as {
        reason?: string;
        needs?: string;
      };
      const key = `${status} ${reason} ${needs}`.trim();
      counters.refusals.set(key, (counters.refusals.get(key) ?? 0) + 1);
      return;
    }
    const conflicts = answer as Array<Client & { _deleted: boolean }>;
    if (conflicts.length === 0) {
      state.own.set(pending.id, pending);
      return;
    }
    counters.conflicts += conflicts.length;
    const { _deleted, ...master } = conflicts[0]!;
    void _deleted;
    state.own.set(master.id, master);
  };
  const requests = [
    { setupRequest: pull('clients', true), onResponse: onPull },
    { setupRequest: pull('trips'), onResponse: onPull },
    { setupRequest: pull('clients'), onResponse: onPull },
    { setupRequest: pull('trips'), onResponse: onPull },
    { setupRequest: push, onResponse: onPush },
  ] as unknown as autocannon.Request[];
  return { requests, kindOf: () => lastKind };
}

async function runMixed(url: string, world: World, seconds: number, rate?: number): Promise<RunResult> {
  const counters: Counters = { conflicts: 0, sharedDevices: 0, refusals: new Map() };
  const { requests, kindOf } = mixedRequests(world, counters);
  const result = await cannon(url, DEVICES, seconds, requests, kindOf, rate);
  return {
    ...result,
    conflicts: counters.conflicts,
    sharedDevices: counters.sharedDevices,
    refusals: counters.refusals,
  };
}

async function runHealth(url: string, seconds: number, rate?: number): Promise<RunResult> {
  const requests = [{ method: 'GET', path: '/health' }] as autocannon.Request[];
  const result = await cannon(url, DEVICES, seconds, requests, () => 'health', rate);
  return { ...result, conflicts: 0, sharedDevices: 0, refusals: new Map() };
}

function printRun(label: string, run: RunResult, kind: string, base?: KindStats) {
  const stats = run.kinds[kind] ?? newStats();
  const p50 = percentile(stats.latencies, 50);
  const p99 = percentile(stats.latencies, 99);
  const rate = answers(stats) / run.seconds;
  const vs = base
    ? ` (${(rate / (answers(base) / run.seconds)).toFixed(2)}x req/s, p50 ${(p50 / percentile(base.latencies, 50)).toFixed(1)}x, p99 ${(p99 / percentile(base.latencies, 99)).toFixed(1)}x of /health)`
    : '';
  console.log(
    `      ${label.padEnd(24)}${rate.toFixed(0).padStart(6)} req/s  p50 ${ms(p50).padEnd(9)} p99 ${ms(p99).padEnd(9)} non-2xx ${non2xx(stats)}${vs}`,
  );
  if (kind === 'push' && run.refusals.size > 0) {
    console.log(`      refused pushes: ${[...run.refusals].map(([why, n]) => `${why} × ${n}`).join(', ')}`);
  }
  return { p50, p99, rate, non2xx: non2xx(stats) };
}

export async function runLoadBenchmark(): Promise<void> {
  section(
    `Load: ${DEVICES} devices pulling and pushing at once over loopback (autocannon, ${SECONDS} s per run)`,
  );
  console.log(
    "   Latencies leave out each connection's first answer, which also waited for the connection to be set up.",
  );
  const adminUrl = process.env.LUMINA_BENCH_DATABASE_URL || process.env.LUMINA_TEST_DATABASE_URL;
  const engines = [pgliteEngine, ...(adminUrl ? [postgresEngine(adminUrl)] : [])];
  if (!adminUrl) {
    console.log(
      '   Neither LUMINA_BENCH_DATABASE_URL nor LUMINA_TEST_DATABASE_URL is set: PGlite only, real PostgreSQL not measured.',
    );
    uncheckedTarget(
      'load: p99 of pulls on real PostgreSQL',
      '≤ 200 ms',
      'no PostgreSQL URL in the environment',
    );
  }
  for (const engine of engines) {
    const { db, env, backends, drop } = await engine.open();
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const seedStart = performance.now();
      const world = await seed(db).finally(() => db.close());
      console.log(
        `\n   ${engine.name}: seeded ${world.devices.length} devices with sessions, ${CLIENTS} clients and ${CLIENTS} trips ` +
          `in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; server in its own process`,
      );
      server = await startServer(env);
      const me = await fetch(new URL('/auth/me', server.url), {
        headers: { authorization: `Bearer ${world.devices[0]!.token}` },
      });
      if (!me.ok) throw new Error(`a seeded session is refused: HTTP ${me.status}`);
      await runMixed(server.url, world, WARM_UP_SECONDS);
      for (const mode of MODES) {
        const url = server.url;
        const health = await runHealth(url, SECONDS, mode.rate);
        const pids = { server: server.child.pid!, backends: await backends() };
        const [mixed, cpu] = await withCpu(pids, () => runMixed(url, world, SECONDS, mode.rate));
        console.log(`\n   ${engine.name}, ${mode.label}`);
        printRun('baseline: GET /health', health, 'health');
        const pulls = printRun('pulls (80%)', mixed, 'pull', health.kinds.health);
        const pushes = printRun('pushes (20%)', mixed, 'push', health.kinds.health);
        console.log(
          `      connection errors ${mixed.errors + health.errors}, timeouts ${mixed.timeouts + health.timeouts}, ` +
            `push conflicts ${mixed.conflicts} (expected only for pushes cut off at the end of the run before), ` +
            `device sessions shared by two connections ${mixed.sharedDevices}`,
        );
        console.log(`      ${cpu}`);
        const failures =
          mixed.errors + mixed.timeouts + health.errors + health.timeouts + pulls.non2xx + pushes.non2xx;
        checkTarget(`load: errors, timeouts and non-2xx, ${engine.name}, ${mode.short}`, failures, 0, '');
        if (engine.name === 'postgres') {
          checkTarget(`load: p99 of pulls on real PostgreSQL, ${mode.short}`, pulls.p99, 200, ' ms');
        }
      }
    } finally {
      await server?.stop();
      await drop();
    }
  }
}
