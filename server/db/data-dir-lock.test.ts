import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireDataDirLock,
  DataDirLockedError,
  lockPathFor,
  thisProcess,
  type LockHolder,
} from './data-dir-lock';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(import.meta.dirname, 'pglite-holder.fixture.ts');
const onLinux = existsSync('/proc/self/stat');
const hasBootId = existsSync('/proc/sys/kernel/random/boot_id');

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

function writeLock(dataDir: string, holder: Partial<LockHolder>): LockHolder {
  const full = { ...thisProcess(), ...holder };
  writeFileSync(lockPathFor(dataDir), JSON.stringify(full));
  return full;
}

/** The fixture in `lock` mode: it takes the lock when told to, and holds it until its stdin closes. */
function lockContender(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, 'lock', dataDir], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    next: async () => String((await lines.next()).value),
    exited: new Promise((resolve) => child.once('exit', resolve)),
  };
}

describe('the lock of a PGlite data directory', () => {
  let root: string;
  let dataDir: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'lumina-lock-'));
    dataDir = path.join(root, 'server');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is a file beside the directory, naming its holder, and refuses a second opener', () => {
    const lock = acquireDataDirLock(dataDir);
    expect(lock.lockPath).toBe(path.join(root, 'server.lock'));
    const content = readFileSync(lock.lockPath, 'utf8');
    expect(JSON.parse(content)).toMatchObject({ pid: process.pid, token: lock.holder.token });

    const second = (() => {
      try {
        acquireDataDirLock(dataDir);
      } catch (error) {
        return error;
      }
    })();
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect((second as Error).message).toContain(`is in use by another process (pid ${process.pid}`);
    expect((second as DataDirLockedError).holder?.token).toBe(lock.holder.token);
    // Nothing was created: not even the directory itself.
    expect(readFileSync(lock.lockPath, 'utf8')).toBe(content);
    expect(existsSync(dataDir)).toBe(false);

    lock.release();
    expect(existsSync(lock.lockPath)).toBe(false);
    acquireDataDirLock(dataDir).release();
  });

  it('is one lock per directory, whichever path names it', () => {
    mkdirSync(dataDir);
    symlinkSync(dataDir, path.join(root, 'alias'));
    const lock = acquireDataDirLock(dataDir);
    expect(() => acquireDataDirLock(path.join(root, 'alias'))).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(path.join(root, '.', 'server'))).toThrow(DataDirLockedError);
    lock.release();
  });

  it('takes over the lock of a process that is gone (a crash)', async () => {
    const stale = writeLock(dataDir, { pid: await deadPid(), startTicks: undefined });
    const lock = acquireDataDirLock(dataDir);
    expect(lock.tookOverFrom?.token).toBe(stale.token);
    expect(JSON.parse(readFileSync(lock.lockPath, 'utf8')).token).toBe(lock.holder.token);
    lock.release();
  });

  it.runIf(onLinux)('takes over a lock whose pid now belongs to another process (a reused pid)', () => {
    // This process's own pid, but not its start: the holder died and its pid went to this process.
    const stale = writeLock(dataDir, { startTicks: thisProcess().startTicks! - 1 });
    const lock = acquireDataDirLock(dataDir);
    expect(lock.tookOverFrom?.token).toBe(stale.token);
    lock.release();
  });

  it.runIf(hasBootId)('takes over a lock from before a reboot, even if its pid runs again', () => {
    const stale = writeLock(dataDir, { bootId: '00000000-0000-4000-8000-000000000000' });
    const lock = acquireDataDirLock(dataDir);
    expect(lock.tookOverFrom?.token).toBe(stale.token);
    lock.release();
  });

  it('refuses a lock held on another machine, which it cannot check, and says what to do', async () => {
    writeLock(dataDir, { host: 'other-host.example', pid: await deadPid() });
    expect(() => acquireDataDirLock(dataDir)).toThrow(/another machine or container.*delete .*server\.lock/s);
  });

  it('refuses a lock file that names no process, until it is deleted', () => {
    writeFileSync(lockPathFor(dataDir), 'not a lock');
    expect(() => acquireDataDirLock(dataDir)).toThrow(/names no process.*delete that file/s);
    expect(readFileSync(lockPathFor(dataDir), 'utf8')).toBe('not a lock');
  });

  it('takes over a lock file that names no process if it is older than this boot (a power cut mid-write)', () => {
    writeFileSync(lockPathFor(dataDir), '');
    utimesSync(lockPathFor(dataDir), new Date('2000-01-01'), new Date('2000-01-01'));
    const lock = acquireDataDirLock(dataDir);
    expect(JSON.parse(readFileSync(lock.lockPath, 'utf8')).token).toBe(lock.holder.token);
    lock.release();
  });

  it('releases only its own lock', () => {
    const lock = acquireDataDirLock(dataDir);
    const other = writeLock(dataDir, { token: 'someone-else' });
    lock.release();
    expect(JSON.parse(readFileSync(lockPathFor(dataDir), 'utf8')).token).toBe(other.token);
  });

  it('leaves a stale lock alone while another process is taking it over', async () => {
    const stale = writeLock(dataDir, { pid: await deadPid(), startTicks: undefined });
    // The takeover guard of a live process (this one): it re-reads the lock under it before removing it.
    writeFileSync(`${lockPathFor(dataDir)}.takeover`, JSON.stringify(thisProcess()));
    expect(() => acquireDataDirLock(dataDir)).toThrow(/Another process is taking over/);
    expect(JSON.parse(readFileSync(lockPathFor(dataDir), 'utf8')).token).toBe(stale.token);
  });

  it('clears a takeover interrupted by a crash, and takes the lock over', async () => {
    const stale = writeLock(dataDir, { pid: await deadPid(), startTicks: undefined });
    writeFileSync(
      `${lockPathFor(dataDir)}.takeover`,
      JSON.stringify({ ...thisProcess(), pid: await deadPid(), startTicks: undefined }),
    );
    const lock = acquireDataDirLock(dataDir);
    expect(lock.tookOverFrom?.token).toBe(stale.token);
    expect(existsSync(`${lockPathFor(dataDir)}.takeover`)).toBe(false);
    lock.release();
  });

  it('lets exactly one of several processes taking over one stale lock at once win', async () => {
    writeLock(dataDir, { pid: await deadPid(), startTicks: undefined });
    const contenders = Array.from({ length: 4 }, () => lockContender(dataDir));
    for (const c of contenders) expect(await c.next()).toBe('ready');
    for (const c of contenders) c.child.stdin.write('go\n');
    const results = await Promise.all(contenders.map((c) => c.next()));
    expect(results.sort()).toEqual(['refused', 'refused', 'refused', 'won']);
    for (const c of contenders) c.child.stdin.end();
    await Promise.all(contenders.map((c) => c.exited));
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
  });
});
