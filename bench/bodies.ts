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
import { pgliteEngine } from './load/engines';
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
  // Embedded PGlite in a temporary directory, seeded here before the server opens it: the maximal pushes' clients
  // and a coordinator's session.
  const engine = await pgliteEngine.open();
  const { token } = await seedMaxPush(engine.db);
  await engine.db.close();
  const child = spawnScript('load-server.ts', { BENCH_DATABASE_URL: '', ...engine.env });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const line = /\{"listening":"([^"]+)"/.exec(chunk.toString());
      if (line) resolve(line[1]!.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', () => reject(new Error('the server exited before it listened')));
  });
  try {
    const baseline = await phase(base, child.pid!, false);
    const loaded = await phase(base, child.pid!, true);
    const worst = (latencies: number[]) => Math.max(...latencies);
    for (const [name, run] of [
      ['baseline (no bodies)', baseline],
      [`${SENDERS} senders of 10 MiB bodies`, loaded],
    ] as const) {
      console.log(
        `  ${name}: /health worst ${ms(worst(run.latencies))}, p50 ${ms(percentile(run.latencies, 50))}, ` +
          `p99 ${ms(percentile(run.latencies, 99))} over ${run.latencies.length} polls; ` +
          `wall ${ms(run.wallMs)}, server CPU ${ms(run.cpuMs)}, poller CPU ${ms(run.pollerCpuMs)}, ` +
          `load average ${run.load.toFixed(2)}` +
          (run === loaded
            ? `; senders CPU ${ms(run.sendersCpuMs)}, bodies refused ${run.refused}, not refused ${run.accepted}`
            : ''),
      );
    }
    console.log(
      `  worst /health against the baseline: ${ratio(worst(loaded.latencies), worst(baseline.latencies))}; ` +
        `CPU against the baseline: ${ratio(loaded.cpuMs, baseline.cpuMs)}`,
    );
    checkTarget(
      'worst /health latency while 10 MiB bodies are refused',
      worst(loaded.latencies),
      HEALTH_TARGET_MS,
      ' ms',
    );
    checkTarget('10 MiB bodies not refused', loaded.accepted, 0, '');
    reportMaxPush(baseline, await maxPushPhase(base, child.pid!, token, PHASE_MS));
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await engine.drop();
  }
}

function reportMaxPush(baseline: Awaited<ReturnType<typeof phase>>, run: MaxPushPhase): void {
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
      `server CPU ${ms(run.cpuMs)}`,
  );
  console.log(
    `  worst /health during maximal pushes against the baseline: ${ratio(worst, baselineWorst)}; ` +
      `server CPU against the baseline: ${ratio(run.cpuMs, baseline.cpuMs)}`,
  );
  checkTarget('worst /health latency during maximal pushes', worst, HEALTH_TARGET_MS, ' ms');
}
