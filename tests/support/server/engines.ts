import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../../server/db/database';
import { openDatabase } from '../../../server/db/open';
import { rawPostgres } from './raw-postgres';

export interface TestEngine {
  name: string;
  /** A fresh, migrated, empty database; `url` is set for PostgreSQL so a second instance can share it. */
  open(): Promise<{
    db: Database;
    url?: string;
    openAnother(): Promise<Database>;
    /**
     * PostgreSQL: connections on the role's and the database's own search path, not the server's pinned one
     * (raw-postgres.ts); PGlite: its one session.
     */
    openRaw(): Promise<Database>;
    drop(): Promise<void>;
  }>;
}

const pglite: TestEngine = {
  name: 'pglite',
  async open() {
    const db = await openDatabase({});
    return {
      db,
      openAnother: async () => db,
      openRaw: async () => db,
      drop: async () => undefined,
    };
  },
};

/** Each test gets a database of its own on the real server, created here and dropped after. */
function postgres(adminUrl: string): TestEngine {
  return {
    name: 'postgres',
    async open() {
      const name = `lumina_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openDatabase({ databaseUrl: url.toString() });
      const others: Database[] = [];
      return {
        db,
        url: url.toString(),
        async openAnother() {
          const other = await openDatabase({ databaseUrl: url.toString() });
          others.push(other);
          return other;
        },
        async openRaw() {
          const other = rawPostgres(url.toString());
          others.push(other);
          return other;
        },
        async drop() {
          for (const other of others) await other.close();
          await db.close();
          const cleanup = new pg.Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  };
}

const adminUrl = process.env.LUMINA_TEST_DATABASE_URL;
if (!adminUrl) {
  console.warn(
    '[tests] LUMINA_TEST_DATABASE_URL is not set: server tests run on embedded PGlite only; ' +
      'the real-PostgreSQL variants are skipped on this machine (.ci/run starts PostgreSQL and sets it).',
  );
}

export const testEngines: TestEngine[] = adminUrl ? [pglite, postgres(adminUrl)] : [pglite];
export const realPostgres: TestEngine | undefined = adminUrl ? postgres(adminUrl) : undefined;
