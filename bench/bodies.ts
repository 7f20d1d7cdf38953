/**
 * Oversized bodies (issue 22): the worst `/health` latency while 10 MiB bodies are being refused, beside the worst
 * with no such load, measured in the same run, and the server's CPU time beside wall time. The server runs in its
 * own process (bench/load-server.ts, embedded PGlite in memory), the senders in another (bench/bodies-senders.ts),
 * so this process only polls `/health` and its event loop is idle: a slow answer is the server's. The load average
 * and this process's CPU are printed too, since the machine may be shared.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { authPaths, syncPaths } from '../shared/index';
import { checkTarget, ms, percentile, ratio, section } from './report';

const SENDERS = 6;
const PHASE_MS = 5000;
const POLL_EVERY_MS = 20;
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

async function pollHealth(base: string, until: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!until()) {
    const started = performance.now();
    await fetch(`${base}${syncPaths.health}`).then((res) => res.arrayBuffer());
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
  return latencies;
}

/** User + system CPU milliseconds a process has used (Linux /proc; 0 elsewhere). */
async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.length < 15 ? 0 : ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
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
  section('Oversized bodies: /health while 10 MiB bodies are refused');
  const child = spawnScript('load-server.ts', { BENCH_DATABASE_URL: '', BENCH_DATA_DIR: '' });
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
  } finally {
    child.kill('SIGTERM');
  }
}
