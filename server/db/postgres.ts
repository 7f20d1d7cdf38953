import pg from 'pg';
import type { Database, Queryable } from './database';

/** A real PostgreSQL server (or a compatible engine) through a connection pool. */
export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: Number(process.env.LUMINA_PG_POOL_SIZE ?? 10) });
  // An idle connection dropped by a database restart emits 'error'; unhandled, it would end the process.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  // Fail at start, with the driver's message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const listeners: pg.PoolClient[] = [];

  const asQueryable = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await q.query(sql, params);
      return result.rows as Row[];
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
    async listen(channel, onPayload) {
      // LISTEN needs a connection of its own that stays open.
      const client = await pool.connect();
      listeners.push(client);
      // A checked-out client has no pool listener. Re-subscribing after a restart is not done yet: until then
      // devices still catch up on their periodic and reconnect pulls.
      client.on('error', (error) => console.error(`PostgreSQL LISTEN connection lost: ${error.message}`));
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        listeners.splice(listeners.indexOf(client), 1);
        // Destroyed, not returned to the pool: its notification handlers would pile up on the next borrower.
        client.release(true);
      };
    },
    async close() {
      for (const client of listeners.splice(0)) client.release(true);
      await pool.end();
    },
  };
}
