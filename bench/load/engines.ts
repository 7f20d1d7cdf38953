/** The databases the load benchmark runs on: embedded PGlite in a temporary folder, or a real PostgreSQL. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/open';

export interface Engine {
  name: 'pglite' | 'postgres';
  /** A migrated, empty database for the run, and how the server process reaches it. */
  open(): Promise<{
    db: Database;
    env: Record<string, string>;
    /** The PostgreSQL backends serving the run's database (none for PGlite, which runs inside the server). */
    backends(): Promise<number[]>;
    drop(): Promise<void>;
  }>;
}

export const pgliteEngine: Engine = {
  name: 'pglite',
  async open() {
    const dir = await mkdtemp(path.join(tmpdir(), 'lumina-bench-load-'));
    return {
      db: await openDatabase({ dataDir: dir }),
      env: { BENCH_DATA_DIR: dir },
      backends: async () => [],
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

export function postgresEngine(adminUrl: string): Engine {
  return {
    name: 'postgres',
    async open() {
      const name = `lumina_bench_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        db: await openDatabase({ databaseUrl: url.toString() }),
        env: { BENCH_DATABASE_URL: url.toString() },
        async backends() {
          const client = new pg.Client({ connectionString: url.toString() });
          await client.connect();
          const { rows } = await client.query<{ pid: number }>(
            'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
          );
          await client.end();
          return rows.map((row) => row.pid);
        },
        async drop() {
          const cleanup = new pg.Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  };
}
