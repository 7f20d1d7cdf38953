import pg from 'pg';
import { backoffDelay, type BackoffPolicy } from '../../shared/index';
import type { Database, Queryable } from './database';
import { errorSummaryText } from './error-summary';

export interface PostgresOptions {
  /** How a lost LISTEN connection is retried. */
  listenRetry?: BackoffPolicy;
}

const LISTEN_RETRY: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/** A real PostgreSQL server (or a compatible engine) through a connection pool. */
export async function openPostgres(
  connectionString: string,
  options: PostgresOptions = {},
): Promise<Database> {
  // The server's queries name tables bare: every connection's search path is pinned to `public` (the migrations'
  // schema), so an object the database's owner puts in another schema first on the role's or the database's path
  // (a schema named after the role, which PostgreSQL's default "$user", public puts first) is never read in a
  // table's place (issue 18 follow-up). A startup option: it outranks ALTER ROLE/DATABASE settings.
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.LUMINA_PG_POOL_SIZE ?? 10),
    options: '-c search_path=public',
  });
  // An idle connection dropped by a database restart emits 'error'; unhandled, it would end the process.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost (${errorSummaryText(error)})`));
  // Fail at start (main.ts prints the driver's message: no request has reached the server yet), not on a request.
  const probe = await pool.connect();
  probe.release();
  const listeners = new Set<pg.PoolClient>();
  const stoppers = new Set<() => Promise<void>>();

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
    async listen(channel, onPayload, onReconnected) {
      const retry = options.listenRetry ?? LISTEN_RETRY;
      let current: pg.PoolClient | undefined;
      let stopped = false;
      let failures = 0;
      let timer: NodeJS.Timeout | undefined;

      // LISTEN needs a connection of its own that stays open.
      const connect = async () => {
        const client = await pool.connect();
        listeners.add(client);
        // A checked-out client has no pool listener: its loss (a restart, a terminated backend) is handled here.
        const lost = (error?: Error) => {
          if (current !== client) return;
          current = undefined;
          listeners.delete(client);
          client.release(true);
          console.error(
            `PostgreSQL LISTEN connection lost${error ? ` (${errorSummaryText(error)})` : ''}; re-establishing`,
          );
          reconnectLater();
        };
        client.on('error', lost);
        client.on('end', () => lost());
        client.on('notification', (message) => {
          if (message.channel === channel) onPayload(message.payload ?? '');
        });
        try {
          await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (error) {
          listeners.delete(client);
          client.release(true);
          throw error;
        }
        current = client;
      };

      const reconnectLater = () => {
        if (stopped) return;
        failures += 1;
        timer = setTimeout(
          () => {
            connect().then(
              () => {
                failures = 0;
                if (stopped) return void stop();
                onReconnected?.();
              },
              (error: Error) => {
                console.error(`PostgreSQL LISTEN not re-established yet (${errorSummaryText(error)})`);
                reconnectLater();
              },
            );
          },
          backoffDelay(failures, retry),
        );
      };

      const stop = async () => {
        stopped = true;
        clearTimeout(timer);
        stoppers.delete(stop);
        const client = current;
        current = undefined;
        if (!client) return;
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        listeners.delete(client);
        // Destroyed, not returned to the pool: its notification handlers would pile up on the next borrower.
        client.release(true);
      };

      await connect();
      stoppers.add(stop);
      return stop;
    },
    async close() {
      for (const stop of [...stoppers]) await stop();
      for (const client of listeners) client.release(true);
      listeners.clear();
      await pool.end();
    },
  };
}
