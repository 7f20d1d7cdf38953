import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * An exclusive lock on an embedded PGlite data directory, held by one process: PGlite is PostgreSQL in
 * single-user mode, and two processes writing one directory break it for good.
 *
 * The lock is a file next to the directory (`<dataDir>.lock`, never inside it, so that backups do not carry it),
 * created atomically: its content is written and flushed to a temporary file first, then hard-linked to the lock
 * name, which fails if the name exists (O_EXCL when the file system has no hard links). It names its holder: pid,
 * host, boot id and the process's start time, so that a lock left by a crash is recognised as stale (the pid is
 * gone, the machine has rebooted since, or the pid now belongs to another process) and taken over.
 */
export interface LockHolder {
  pid: number;
  host: string;
  /** Linux: /proc/sys/kernel/random/boot_id, new at each boot. */
  bootId?: string;
  /** Linux: the process's start, in clock ticks after boot (/proc/<pid>/stat), which tells a reused pid. */
  startTicks?: number;
  /** When the process started (ISO 8601). */
  startedAt: string;
  command: string;
  /** Unique to one acquisition: a holder only ever removes its own lock. */
  token: string;
}

export interface DataDirLock {
  readonly lockPath: string;
  readonly holder: LockHolder;
  /** The stale holder whose lock was taken over, if there was one (a crash, a reboot). */
  readonly tookOverFrom?: LockHolder;
  /** Removes the lock if it is still this holder's. Idempotent. */
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(
    message: string,
    readonly lockPath: string,
    readonly holder?: LockHolder,
  ) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

const RETRIES = 50;
const RETRY_MS = 20;

/** The lock of `dataDir`: one per directory, whatever path (relative, through a symbolic link) names it. */
export function lockPathFor(dataDir: string): string {
  const absolute = path.resolve(dataDir);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    mkdirSync(path.dirname(absolute), { recursive: true });
    real = path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
  }
  return `${real}.lock`;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  return readOrUndefined('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

/** Field 22 of /proc/<pid>/stat, read after the command name (which may hold spaces and parentheses). */
function startTicksOf(pid: number): number | undefined {
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

/** This process as a lock holder; `token` defaults to a fresh one. */
export function thisProcess(token: string = randomUUID()): LockHolder {
  return {
    pid: process.pid,
    host: os.hostname(),
    bootId: bootId(),
    startTicks: startTicksOf(process.pid),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    command: process.argv.slice(1).join(' ').slice(0, 300),
    token,
  };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, run by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Verdict = 'alive' | 'stale' | 'unverifiable';

function judge(holder: LockHolder): Verdict {
  if (holder.host !== os.hostname()) return 'unverifiable';
  const currentBoot = bootId();
  if (holder.bootId && currentBoot) {
    if (holder.bootId !== currentBoot) return 'stale';
  } else {
    // Without boot ids: a process that started before this boot cannot run any more (a margin for clock steps).
    const bootedAt = Date.now() - os.uptime() * 1000;
    if (Date.parse(holder.startedAt) < bootedAt - 60_000) return 'stale';
  }
  if (!pidExists(holder.pid)) return 'stale';
  if (holder.startTicks !== undefined) {
    const ticks = startTicksOf(holder.pid);
    if (ticks !== undefined && ticks !== holder.startTicks) return 'stale';
  }
  // Where start times cannot be read (not Linux), a running pid is taken to be the holder: refusing is safe.
  return 'alive';
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (
      Number.isSafeInteger(value.pid) &&
      typeof value.host === 'string' &&
      typeof value.token === 'string' &&
      typeof value.startedAt === 'string'
    )
      return value as LockHolder;
  } catch {
    // Not JSON: see readHolder.
  }
  return undefined;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The holder named in `file`: 'gone' if there is no such file, 'unreadable' if it does not name one after a
 * few tries (an O_EXCL writer may be between creating and writing it).
 */
function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw error;
    }
    const holder = parseHolder(text);
    if (holder) return holder;
    if (attempt >= 5) return 'unreadable';
    sleep(RETRY_MS);
  }
}

function writeDurably(file: string, content: string, flags: string): void {
  const fd = openSync(file, flags, 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates `target` with `content` only if it does not exist: false if it does. */
function createExclusive(tmp: string, target: string, content: string): boolean {
  try {
    linkSync(tmp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  try {
    writeDurably(target, content, 'wx');
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}${holder.command ? `: ${holder.command}` : ''}`;
}

function refusal(dataDir: string, lockPath: string, holder: LockHolder | 'unreadable'): DataDirLockedError {
  if (holder === 'unreadable')
    return new DataDirLockedError(
      `The data directory ${dataDir} is locked by ${lockPath}, which names no process. If no Lumina server ` +
        `or backup runs on this directory, delete that file and start again.`,
      lockPath,
    );
  if (judge(holder) === 'unverifiable')
    return new DataDirLockedError(
      `The data directory ${dataDir} is in use by a process on another machine or container (${describeHolder(holder)}), ` +
        `which cannot be checked from here. Stop it first; if it is no longer running, delete ${lockPath}.`,
      lockPath,
      holder,
    );
  return new DataDirLockedError(
    `The data directory ${dataDir} is in use by another process (${describeHolder(holder)}). Only one process may ` +
      `open an embedded PGlite database: stop that one first (lock: ${lockPath}).`,
    lockPath,
    holder,
  );
}

/** The lock file's inode (what tells a lock file from the next one under the same name) and age. */
function statOf(file: string): { ino: number; mtimeMs: number } | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Removes the stale lock file `stale`, under a short-lived second lock (`.takeover`) so that two processes taking
 * over at once cannot remove each other's fresh lock: the lock file is read again under it, and removed only if it
 * is still the stale one (same holder token, same inode).
 */
function removeStale(
  lockPath: string,
  tmp: string,
  content: string,
  stale: { inode: number; holder: LockHolder | 'unreadable' },
): void {
  const guard = `${lockPath}.takeover`;
  for (let attempt = 0; !createExclusive(tmp, guard, content); attempt++) {
    const other = readHolder(guard);
    // A takeover lives a few system calls; one whose process is gone was interrupted by a crash.
    if (other !== 'gone' && (other === 'unreadable' || judge(other) === 'stale')) unlinkQuietly(guard);
    else if (attempt >= RETRIES)
      throw new DataDirLockedError(
        `Another process is taking over the stale lock ${lockPath}; try again.`,
        lockPath,
      );
    else sleep(RETRY_MS);
  }
  try {
    const current = readHolder(lockPath);
    const same =
      current === 'unreadable' || stale.holder === 'unreadable'
        ? current === stale.holder
        : current !== 'gone' && current.token === stale.holder.token;
    if (same && statOf(lockPath)?.ino === stale.inode) unlinkSync(lockPath);
  } finally {
    unlinkQuietly(guard);
  }
}

const held = new Map<string, string>();
let exitHookInstalled = false;

/** Removes this process's locks if it exits without closing its databases (the next opener would anyway). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [lockPath, token] of held) releaseIfOurs(lockPath, token);
  });
}

function releaseIfOurs(lockPath: string, token: string): void {
  held.delete(lockPath);
  const current = readHolder(lockPath);
  if (current !== 'gone' && current !== 'unreadable' && current.token === token) unlinkQuietly(lockPath);
}

/**
 * Takes the exclusive lock of `dataDir` or throws DataDirLockedError naming its holder. Touches nothing in the
 * directory: call it before opening the database, and `release()` after closing it.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = lockPathFor(dataDir);
  const holder = thisProcess();
  const content = `${JSON.stringify(holder, null, 2)}\n`;
  const tmp = `${lockPath}.${holder.pid}.${holder.token}.tmp`;
  writeDurably(tmp, content, 'wx');
  let tookOverFrom: LockHolder | undefined;
  try {
    for (let attempt = 0; !createExclusive(tmp, lockPath, content); attempt++) {
      const stat = statOf(lockPath);
      const current = readHolder(lockPath);
      if (current === 'gone' || !stat) {
        if (attempt >= RETRIES)
          throw new DataDirLockedError(`Could not take ${lockPath}; try again.`, lockPath);
        continue;
      }
      // Unreadable: left by a crash between creating and writing it (O_EXCL fallback) if it predates this boot.
      const stale =
        current === 'unreadable'
          ? stat.mtimeMs < Date.now() - os.uptime() * 1000
          : judge(current) === 'stale';
      if (!stale || attempt >= RETRIES) throw refusal(dataDir, lockPath, current);
      removeStale(lockPath, tmp, content, { inode: stat.ino, holder: current });
      if (current !== 'unreadable') tookOverFrom = current;
    }
  } finally {
    unlinkQuietly(tmp);
  }
  held.set(lockPath, holder.token);
  installExitHook();
  return {
    lockPath,
    holder,
    tookOverFrom,
    release: () => releaseIfOurs(lockPath, holder.token),
  };
}
