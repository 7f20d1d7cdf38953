import pg from 'pg';
import type { Database, Queryable } from '../../../server/db/database';

/**
 * A database over connections as PostgreSQL gives them, without the server's pinned search path (server/db/
 * postgres.ts): each takes the role's and the database's own path, so a test can show that a database owner's
 * shadow object is live for such a connection while the server's connections never read it.
 */
export function rawPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const asQueryable = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await q.query(sql, params)).rows as Row[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    engine: 'postgres',
    ...asQueryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: () => Promise.reject(new Error('rawPostgres does not listen')),
    close: () => pool.end(),
  };
}
