import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authPaths } from '../../shared/index';
import { loadSodium } from '../../shared/crypto/index';
import { toBase64Url } from '../../shared/crypto/encoding';

const repoRoot = path.resolve(import.meta.dirname, '../..');

interface Started {
  url?: string;
  output: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

/** `npm run server` as a child process; resolves once it listens or has exited, whichever comes first. */
async function startServer(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', LUMINA_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started: Started = {
    output: '',
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
    kill: (signal) => child.kill(signal),
  };
  await new Promise<void>((resolve) => {
    const read = (chunk: Buffer) => {
      started.output += chunk.toString();
      const listening = /listening on (http:\/\/\S+)/.exec(started.output);
      if (listening) {
        started.url = listening[1];
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void started.exit.then(() => resolve());
  });
  return started;
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files[path.relative(dir, full)] =
          `${statSync(full).mtimeMs}:${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
    }
  };
  walk(dir);
  return files;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

// Issue 22, finding 0: a second server on the same PGlite directory, then a crash of the first, left a database
// that never started again (`Aborted()`).
describe('two server processes on one PGlite data directory', { timeout: 180_000 }, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'lumina-two-servers-'));
  const dataDir = path.join(root, 'server');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses the second before it touches the database; the first crashes and its writes survive', async () => {
    const first = await startServer(dataDir);
    expect(first.url, first.output).toBeDefined();
    const setupCode = /first admin[^:]*: (\S+)/.exec(first.output)?.[1];
    const before = snapshot(dataDir);

    const second = await startServer(dataDir);
    expect(second.url).toBeUndefined();
    expect((await second.exit).code).toBe(1);
    expect(second.output).toContain(`The data directory ${dataDir} is in use by another process`);
    expect(snapshot(dataDir)).toEqual(before);

    // Writes through the first, acknowledged: the organisation is set up, and its admin's device asks to log in.
    const sodium = await loadSodium();
    const publicKey = (pair: { publicKey: Uint8Array }) => toBase64Url(pair.publicKey);
    const setup = await post(first.url + authPaths.setup, {
      setupCode,
      displayName: 'Admin',
      device: {
        name: 'Admin laptop',
        boxPublicKey: publicKey(sodium.crypto_box_keypair()),
        signPublicKey: publicKey(sodium.crypto_sign_keypair()),
      },
      recoveryPublicKey: publicKey(sodium.crypto_box_keypair()),
    });
    expect(setup.status).toBe(201);
    const deviceId = setup.json.deviceId;
    for (let i = 0; i < 10; i++)
      expect((await post(first.url + authPaths.challenge, { deviceId })).status).toBe(200);

    first.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');

    const restarted = await startServer(dataDir);
    expect(restarted.url, restarted.output).toBeDefined();
    expect(restarted.output).toContain('Took over the lock');
    // Set up already: no new setup code, and the admin's device is known.
    expect(restarted.output).not.toContain('No staff yet');
    expect((await post(restarted.url + authPaths.challenge, { deviceId })).status).toBe(200);

    restarted.kill('SIGTERM');
    expect((await restarted.exit).code).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
