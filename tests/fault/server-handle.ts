import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server-process.ts');
const READY = 'fault-server ready';

export type Engine = 'pglite' | 'postgres';

/** An enrolled device: its id, its signing key (base64url) and its current session token. */
export interface FaultStaff {
  deviceId: string;
  signSecretKey: string;
  token: string;
}

/** A free loopback port: the server comes back on the same one after each kill, as a real one would. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The server in a child process over data that outlives it: a PGlite directory in a temporary folder, or a
 * throwaway database on the PostgreSQL server `adminUrl` names.
 */
export class ServerHandle {
  private child: ChildProcess | undefined;
  private constructor(
    readonly engine: Engine,
    readonly url: string,
    private readonly env: Record<string, string>,
    private readonly folder: string,
    private readonly cleanup: () => Promise<void>,
    private readonly databaseUrl: string | undefined,
  ) {}

  static async create(engine: Engine, staff: number, adminUrl?: string): Promise<ServerHandle> {
    const folder = await mkdtemp(path.join(tmpdir(), 'lumina-fault-'));
    const port = await freePort();
    const env: Record<string, string> = {
      FAULT_PORT: String(port),
      FAULT_STAFF: String(staff),
      FAULT_STAFF_FILE: path.join(folder, 'staff.json'),
    };
    let cleanup = async (): Promise<void> => undefined;
    let databaseUrl: string | undefined;
    if (engine === 'postgres') {
      if (!adminUrl) throw new Error('PostgreSQL needs LUMINA_TEST_DATABASE_URL');
      const name = `lumina_fault_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      env.FAULT_DATABASE_URL = databaseUrl;
      cleanup = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } else {
      env.FAULT_DATA_DIR = path.join(folder, 'pglite');
    }
    const handle = new ServerHandle(engine, `http://127.0.0.1:${port}`, env, folder, cleanup, databaseUrl);
    return handle;
  }

  /** The coordinators' devices the first start enrolled. */
  async staff(): Promise<FaultStaff[]> {
    return JSON.parse(await readFile(this.env.FAULT_STAFF_FILE!, 'utf8')) as FaultStaff[];
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Starts the server and resolves once it listens. */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // Should the suite itself die, its server must not outlive it.
    const orphaned = () => child.kill('SIGKILL');
    process.once('exit', orphaned);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? signal}) while starting:\n${output.slice(-4000)}`));
      });
    });
    child.removeAllListeners('exit');
    child.once('exit', () => {
      process.off('exit', orphaned);
      if (this.child === child) this.child = undefined;
    });
  }

  /** SIGKILL: no shutdown, no flush, as a crash or a power cut of the process. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }

  /**
   * What a PostgreSQL restart does to the server, on its database alone (other tests may share the cluster):
   * every connection cut and new ones refused for `downMs`. `cluster: true` restarts the whole cluster instead.
   */
  async restartDatabase(adminUrl: string, downMs = 2_000, cluster = false): Promise<string> {
    if (cluster) {
      const version = (await import('node:child_process')).execFileSync('pg_lsclusters', ['-h'], {
        encoding: 'utf8',
      });
      const [ver, name] = version.trim().split(/\s+/);
      (await import('node:child_process')).execFileSync('pg_ctlcluster', [ver!, name!, 'restart']);
      return `cluster ${ver}/${name} restarted`;
    }
    const name = new URL(this.databaseUrl!).pathname.slice(1);
    await adminQuery(adminUrl, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await adminQuery(
      adminUrl,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    );
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await adminQuery(adminUrl, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    return `database ${name}: connections cut and refused for ${downMs} ms`;
  }

  async dispose(): Promise<void> {
    await this.kill();
    await this.cleanup();
    await rm(this.folder, { recursive: true, force: true });
  }
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
