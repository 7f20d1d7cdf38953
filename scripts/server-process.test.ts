import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnGroup, stopGroup } from './server-process';

/** Running, not a zombie waiting for its new parent to reap it. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
};

describe.skipIf(process.platform === 'win32')('stopGroup', () => {
  it('stops the child and what the child started, even a grandchild that ignores SIGTERM', async () => {
    const script = [
      "const { spawn } = require('node:child_process');",
      "const g = spawn(process.execPath, ['-e', \"process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)\"],",
      // The grandchild holds the child's stdout too: the pipe closes once both are gone.
      "  { stdio: ['ignore', 'inherit', 'ignore'] });",
      'console.log(g.pid); setInterval(() => {}, 1000);',
    ].join('\n');
    const child = spawnGroup(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const grandchild = await new Promise<number>((resolve) =>
      child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    expect(alive(grandchild)).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const pipeClosed = new Promise((resolve) => child.stdout!.once('close', resolve));
    child.stdout!.resume();
    await stopGroup(child, 2_000);
    await Promise.all([exited, pipeClosed]);
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
    // The pipe closes while the killed grandchild is still tearing down (its files close before it turns zombie):
    // wait for it to be gone, up to a deadline that is a limit, not a measurement.
    for (let tries = 0; tries < 100 && alive(grandchild); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(alive(grandchild)).toBe(false);
  });
});
