import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const STOP_GRACE_MS = 12_000;
/** Process groups are a POSIX notion; on Windows each child is stopped on its own. */
const useGroups = process.platform !== 'win32';

/**
 * Starts a child in a process group of its own, so that stopping it stops whatever it started too (the sync
 * server's esbuild service, electron-vite's Electron), and a Ctrl-C reaches it only through us, in order.
 */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return spawn(command, args, { ...options, detached: useGroups });
}

/** SIGTERM to the child's group; SIGKILL if it is still there after a grace period. Resolves once it exited. */
export function stopGroup(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const send = (signal: NodeJS.Signals) => {
      try {
        if (useGroups) process.kill(-child.pid!, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    const force = setTimeout(() => send('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      // Anything the child left behind in its group goes with it.
      send('SIGKILL');
      resolve();
    });
    send('SIGTERM');
  });
}

/** Starts `server/main.ts` as a child process and resolves once it prints the address it listens on. */
export function spawnServer(env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawnGroup(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => stopGroup(child);
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(buffered);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (more: Buffer) => process.stdout.write(more));
        resolve({ url: match[1]!, child, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the sync server exited with code ${code} before it was ready`)),
    );
  });
}

/**
 * Stops the children, the last started first, then exits: on Ctrl-C (SIGINT), SIGTERM, the terminal closing (SIGHUP), and
 * when the process that started us goes away. `npm start` runs us under `sh -c`; a SIGTERM to npm reaches that
 * shell, which dies without passing it on, so we would be left running with our server: we watch for it.
 */
export function stopWhenAsked(stops: Array<() => Promise<void>>): (exitCode?: number) => Promise<void> {
  // `stops` is read when stopping: what is started later is pushed onto it.
  let stopping: Promise<void> | undefined;
  const parent = process.ppid;
  const stopAll = (exitCode = 0) => {
    stopping ??= (async () => {
      clearInterval(parentWatch);
      for (const stop of [...stops].reverse()) await stop().catch(() => undefined);
      process.exit(exitCode);
    })();
    return stopping;
  };
  const parentWatch = setInterval(() => {
    if (process.ppid !== parent) {
      console.log('\nThe command that started this one has gone: stopping.');
      void stopAll();
    }
  }, 500);
  parentWatch.unref();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll());
  return stopAll;
}
