/** Autocannon runs of the load benchmark, with the latency of each kind of request and the CPU each process used. */
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';

/** Paced devices start in this many groups over the first second. */
const PACED_GROUPS = 20;

export interface Counters {
  conflicts: number;
  sharedDevices: number;
  /** Refused pushes by status and reason, e.g. "403 forbidden". */
  refusals: Map<string, number>;
}

export interface KindStats {
  latencies: number[];
  statuses: Map<number, number>;
}

export interface RunResult {
  seconds: number;
  kinds: Record<string, KindStats>;
  errors: number;
  timeouts: number;
  conflicts: number;
  sharedDevices: number;
  refusals: Map<string, number>;
}

/** CPU seconds (user + system) used so far by the processes `pids` names, from /proc (Linux only; 0 elsewhere). */
async function cpuSeconds(pids: () => Promise<number[]>): Promise<number> {
  let ticks = 0;
  for (const pid of await pids().catch(() => [])) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / 100;
}

/**
 * Where the CPU went during `work`, in CPU milliseconds per request answered: the server process, the PostgreSQL
 * backends serving it, and this process (autocannon). Process CPU time excludes what the hypervisor steals, so
 * it is steadier than wall-clock figures on a shared machine.
 */
export async function withCpu(
  pids: { server: number; backends: number[] },
  work: () => Promise<RunResult>,
): Promise<[RunResult, string]> {
  const groups = {
    server: async () => [pids.server],
    postgres: async () => pids.backends,
    'load generator': async () => [process.pid],
  };
  const before = await Promise.all(Object.values(groups).map(cpuSeconds));
  const result = await work();
  const after = await Promise.all(Object.values(groups).map(cpuSeconds));
  const answered = Object.values(result.kinds).reduce((n, k) => n + answers(k), 0);
  const used = Object.keys(groups)
    .map((name, i) => [name, after[i]! - before[i]!] as const)
    .filter(([name, seconds]) => name !== 'postgres' || seconds > 0 || pids.backends.length > 0)
    .map(
      ([name, seconds]) =>
        `${name} ${seconds.toFixed(1)} s (${((seconds * 1000) / answered).toFixed(2)} ms/request)`,
    );
  return [result, `CPU used: ${used.join(', ')}`];
}

export const newStats = (): KindStats => ({ latencies: [], statuses: new Map() });

/**
 * Runs autocannon with `requests` on each of `devices` connections and sorts each response's latency by request kind. Paced
 * (`rate` requests a second per connection), the devices are started in groups spread over the first second:
 * autocannon paces each connection on a timer started with it, so devices started together would all send at the
 * same instant, every second, which no real fleet of devices does.
 */
export async function cannon(
  url: string,
  devices: number,
  seconds: number,
  requests: autocannon.Request[],
  kindOf: () => string,
  rate: number | undefined,
): Promise<Pick<RunResult, 'kinds' | 'errors' | 'timeouts' | 'seconds'>> {
  const kinds: Record<string, KindStats> = {};
  const connected = new WeakSet<object>();
  const groups = rate ? PACED_GROUPS : 1;
  const run = (connections: number, delayMs: number) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      setTimeout(() => {
        const instance = autocannon(
          {
            url,
            connections,
            duration: seconds,
            timeout: 30,
            requests,
            ...(rate ? { connectionRate: rate } : {}),
          },
          (error, done) => (error ? reject(error) : resolve(done)),
        );
        // 'response' follows the request's own onResponse synchronously: kindOf() names this response's kind.
        instance.on('response', (client, status, _bytes, time) => {
          const stats = (kinds[kindOf()] ??= newStats());
          stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
          // A connection's first answer also waited for the connection to be set up, a burst of 200 at the start
          // of the run that devices, which keep their connection, do not pay on each request.
          if (connected.has(client)) stats.latencies.push(time);
          else connected.add(client);
        });
      }, delayMs);
    });
  const results = await Promise.all(
    Array.from({ length: groups }, (_, g) => {
      const connections = Math.floor(devices / groups) + (g < devices % groups ? 1 : 0);
      return run(connections, (g * 1000) / groups);
    }),
  );
  return {
    kinds,
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    seconds,
  };
}

/** Every answer, whatever its status (latencies leave out each connection's first). */
export const answers = (stats: KindStats) => [...stats.statuses.values()].reduce((n, c) => n + c, 0);

export const non2xx = (stats: KindStats) =>
  [...stats.statuses.entries()]
    .filter(([status]) => status < 200 || status > 299)
    .reduce((n, [, c]) => n + c, 0);
