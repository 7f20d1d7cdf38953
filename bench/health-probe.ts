/** What the bodies benchmark measures with: `/health` polled from an idle process, and a process's CPU time. */
import { readFile } from 'node:fs/promises';
import { syncPaths } from '../shared/index';

const POLL_EVERY_MS = 20;

/** Polls `/health` until `until` says stop; each poll's latency in milliseconds. */
export async function pollHealth(base: string, until: () => boolean): Promise<number[]> {
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
export async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.length < 15 ? 0 : ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
}
