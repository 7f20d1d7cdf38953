/**
 * Oversized bodies (issue 22): the worst `/health` latency while 10 MiB bodies are being refused, beside the worst
 * with no such load, measured in the same run, and the server's CPU time beside wall time. The server runs in its
 * own process (bench/load-server.ts, embedded PGlite in memory); senders and the `/health` poller reach it over
 * real HTTP from this one.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { authPaths, syncPaths } from '../shared/index';
import { checkTarget, ms, percentile, ratio, section } from './report';

const BODY_BYTES = 10 * 1024 * 1024;
const SENDERS = 6;
const PHASE_MS = 5000;
const POLL_EVERY_MS = 20;
const HEALTH_TARGET_MS = 100;
// The senders share this process with the poller: a slow /health here may be this event loop, not the server's;
// the server's CPU time beside wall time tells which.

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
  const cpu = await cpuMsOf(pid);
  const started = performance.now();
  const deadline = started + PHASE_MS;
  const over = () => performance.now() >= deadline;
  const body = Buffer.alloc(BODY_BYTES, 0x20);
  body.write('{"deviceId":"');
  let refused = 0;
  let accepted = 0;
  const sender = async (url: string) => {
    while (!over()) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).catch(() => undefined);
      await res?.arrayBuffer().catch(() => undefined);
      // No answer: the server hung up on the body after refusing it, which is a refusal too.
      if (!res || (res.status >= 400 && res.status < 500)) refused++;
      else accepted++;
    }
  };
  const urls = [`${base}${authPaths.challenge}`, `${base}${syncPaths.push('clients')}`];
  const [latencies] = await Promise.all([
    pollHealth(base, over),
    ...(withBodies ? Array.from({ length: SENDERS }, (_, i) => sender(urls[i % urls.length]!)) : []),
  ]);
  return {
    latencies,
    wallMs: performance.now() - started,
    cpuMs: (await cpuMsOf(pid)) - cpu,
    refused,
    accepted,
  };
}

export async function runBodiesBenchmark(): Promise<void> {
  section('Oversized bodies: /health while 10 MiB bodies are refused');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'load-server.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_DATABASE_URL: '', BENCH_DATA_DIR: '' },
    },
  );
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
          `wall ${ms(run.wallMs)}, server CPU ${ms(run.cpuMs)}` +
          (run === loaded ? `; bodies refused ${run.refused}, not refused ${run.accepted}` : ''),
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
