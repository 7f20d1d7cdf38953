import { readFile, readdir } from 'node:fs/promises';

/** CPU seconds (user + system) used so far by this process's descendants, by Chromium's renderers and the rest. */
export interface DescendantsCpu {
  renderers: number;
  others: number;
}

const CLOCK_TICKS = 100;

/**
 * Reads /proc (Linux only; zeros elsewhere). CPU time, unlike wall time, is not inflated when other work shares
 * the cores, so it compares runs made under different loads. Chromium runs IndexedDB in its browser process, so
 * `others` is mostly the store's disk work.
 */
export async function descendantsCpu(): Promise<DescendantsCpu> {
  const total: DescendantsCpu = { renderers: 0, others: 0 };
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const parents = new Map<number, number>();
  const seconds = new Map<number, number>();
  const renderers = new Set<number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 15) continue;
    const pid = Number(entry);
    parents.set(pid, Number(fields[1]));
    seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('--type=renderer')) renderers.add(pid);
  }
  const descends = (pid: number) => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p))
      if (p === process.pid) return true;
    return false;
  };
  for (const [pid, used] of seconds) {
    if (descends(pid)) total[renderers.has(pid) ? 'renderers' : 'others'] += used;
  }
  return total;
}

/** CPU seconds this Node process has used so far (the server, when it runs in-process, and the bench's driver). */
export function ownCpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
