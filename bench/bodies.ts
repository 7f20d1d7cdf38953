/**
 * Oversized bodies (issue 22): the worst `/health` latency while 10 MiB bodies are being refused, beside the worst
 * with no such load, measured in the same run, and the server's CPU time beside wall time; then the same during
 * maximal pushes (bench/max-push.ts). The server runs in its own process (bench/load-server.ts, embedded PGlite in
 * a temporary directory), the senders of bodies in another (bench/bodies-senders.ts),
 * so this process only polls `/health` and its event loop is idle: a slow answer is the server's. The load average
 * and this process's CPU are printed too, since the machine may be shared.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { authPaths, syncPaths } from '../shared/index';
import { cpuMsOf, pollHealth } from './health-probe';
import { pgliteEngine, postgresEngine, type Engine } from './load/engines';
import { maxPushPhase, seedMaxPush, type MaxPushPhase } from './max-push';
import { checkTarget, median, ms, percentile, ratio, section } from './report';

const SENDERS = 6;
const PHASE_MS = 5000;
const HEALTH_TARGET_MS = 100;

/** Runs a bench script under tsx in its own process; stdout is piped, stderr inherited. */
function spawnScript(file: string, env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, file)], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
}

interface Sent {
  refused: number;
  accepted: number;
  cpuMs: number;
}

/** Starts the senders' process; resolves once it sends (its first line), with the promise of its final counts. */
async function startSenders(urls: string[]): Promise<{ done: Promise<Sent> }> {
  const child = spawnScript('bodies-senders.ts', {
    BODIES_URLS: urls.join(','),
    BODIES_SENDERS: String(SENDERS),
    BODIES_MS: String(PHASE_MS),
  });
  let out = '';
  const done = new Promise<Sent>((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Sent)
        : reject(new Error(`the senders exited with ${code}`)),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve();
    });
    done.catch(reject);
  });
  return { done };
}

async function phase(base: string, pid: number, withBodies: boolean) {
  const urls = [`${base}${authPaths.challenge}`, `${base}${syncPaths.push('clients')}`];
  const senders = withBodies ? await startSenders(urls) : undefined;
  const cpu = await cpuMsOf(pid);
  const ownCpu = process.cpuUsage();
  const started = performance.now();
  const over = () => performance.now() >= started + PHASE_MS;
  const [latencies, sent] = await Promise.all([pollHealth(base, over), senders?.done]);
  const own = process.cpuUsage(ownCpu);
  return {
    latencies,
    wallMs: performance.now() - started,
    cpuMs: (await cpuMsOf(pid)) - cpu,
    pollerCpuMs: (own.user + own.system) / 1000,
    sendersCpuMs: sent?.cpuMs ?? 0,
    refused: sent?.refused ?? 0,
    accepted: sent?.accepted ?? 0,
    load: loadavg()[0]!,
  };
}

export async function runBodiesBenchmark(): Promise<void> {
  section('Oversized bodies: /health while 10 MiB bodies are refused, and during maximal pushes');
  await onEngine(pgliteEngine, true);
  const adminUrl = process.env.LUMINA_BENCH_DATABASE_URL || process.env.LUMINA_TEST_DATABASE_URL;
  if (adminUrl) await onEngine(postgresEngine(adminUrl), false);
  else
    console.log(
      '  PostgreSQL not measured: neither LUMINA_BENCH_DATABASE_URL nor LUMINA_TEST_DATABASE_URL is set.',
    );
}

/** The server in its own process on the engine's database, until `stop`. */
async function startServer(env: Record<string, string>) {
  const child = spawnScript('load-server.ts', { BENCH_DATABASE_URL: '', BENCH_DATA_DIR: '', ...env });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const line = /\{"listening":"([^"]+)"/.exec(chunk.toString());
      if (line) resolve(line[1]!.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', () => reject(new Error('the server exited before it listened')));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { base, pid: child.pid!, stop };
}

/**
 * A baseline, then (on PGlite, the default engine) the bodies phase, then maximal pushes. The database is seeded
 * here before the server opens it: the maximal pushes' clients and a coordinator's session.
 */
async function onEngine(engine: Engine, withBodies: boolean): Promise<void> {
  const opened = await engine.open();
  const { token } = await seedMaxPush(opened.db);
  await opened.db.close();
  const server = await startServer(opened.env);
  try {
    console.log(`  on ${engine.name}:`);
    const baseline = await phase(server.base, server.pid, false);
    if (withBodies) reportBodies(baseline, await phase(server.base, server.pid, true));
    else printPhase('baseline (no bodies)', baseline);
    reportMaxPush(engine.name, baseline, await maxPushPhase(server.base, server.pid, token, PHASE_MS));
  } finally {
    await server.stop();
    await opened.drop();
  }
}

const worstOf = (latencies: number[]) => Math.max(...latencies);

function printPhase(name: string, run: Awaited<ReturnType<typeof phase>>): void {
  console.log(
    `  ${name}: /health worst ${ms(worstOf(run.latencies))}, p50 ${ms(percentile(run.latencies, 50))}, ` +
      `p99 ${ms(percentile(run.latencies, 99))} over ${run.latencies.length} polls; ` +
      `wall ${ms(run.wallMs)}, server CPU ${ms(run.cpuMs)}, poller CPU ${ms(run.pollerCpuMs)}, ` +
      `load average ${run.load.toFixed(2)}` +
      (name === 'baseline (no bodies)'
        ? ''
        : `; senders CPU ${ms(run.sendersCpuMs)}, bodies refused ${run.refused}, not refused ${run.accepted}`),
  );
}

function reportBodies(
  baseline: Awaited<ReturnType<typeof phase>>,
  loaded: Awaited<ReturnType<typeof phase>>,
) {
  printPhase('baseline (no bodies)', baseline);
  printPhase(`${SENDERS} senders of 10 MiB bodies`, loaded);
  console.log(
    `  worst /health against the baseline: ${ratio(worstOf(loaded.latencies), worstOf(baseline.latencies))}; ` +
      `CPU against the baseline: ${ratio(loaded.cpuMs, baseline.cpuMs)}`,
  );
  checkTarget(
    'worst /health latency while 10 MiB bodies are refused',
    worstOf(loaded.latencies),
    HEALTH_TARGET_MS,
    ' ms',
  );
  checkTarget('10 MiB bodies not refused', loaded.accepted, 0, '');
}

function reportMaxPush(engine: string, baseline: Awaited<ReturnType<typeof phase>>, run: MaxPushPhase): void {
  const worst = Math.max(...run.latencies);
  const baselineWorst = Math.max(...baseline.latencies);
  // The server's CPU beyond what the same phase costs it without pushes (the /health polls), per push.
  const pushCpuMs = (run.cpuMs - baseline.cpuMs * (run.wallMs / baseline.wallMs)) / run.pushes.length;
  console.log(
    `  maximal pushes (500 new trips naming 500 different clients, ${(run.bodyBytes / 1024).toFixed(0)} KiB each, ` +
      `one after another): ${run.pushes.length} pushes, each ${ms(median(run.pushes))} median, ` +
      `${ms(Math.max(...run.pushes))} worst (wall), server CPU ${ms(pushCpuMs)} per push; ` +
      `/health worst ${ms(worst)}, p50 ${ms(percentile(run.latencies, 50))}, ` +
      `p99 ${ms(percentile(run.latencies, 99))} over ${run.latencies.length} polls; wall ${ms(run.wallMs)}, ` +
      `server CPU ${ms(run.cpuMs)}${engine === 'postgres' ? " (the server's process; PostgreSQL's not counted)" : ''}`,
  );
  console.log(
    `  worst /health during maximal pushes against the baseline: ${ratio(worst, baselineWorst)}; ` +
      `server CPU against the baseline: ${ratio(run.cpuMs, baseline.cpuMs)}`,
  );
  checkTarget(`worst /health latency during maximal pushes on ${engine}`, worst, HEALTH_TARGET_MS, ' ms');
}
