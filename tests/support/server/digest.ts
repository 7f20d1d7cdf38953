import type { Database } from '../../../server/db/database';

/**
 * A fingerprint of every table's rows: equal before and after a request means the request changed nothing
 * (what the hostile tests assert of every refused request).
 */
export async function databaseDigest(db: Database): Promise<string> {
  const tables = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await db.query<{ digest: string | null }>(
      `SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS digest FROM "${name}" t`,
    );
    parts.push(`${name}:${row?.digest ?? ''}`);
  }
  return parts.join('\n');
}

/** A handle on the database whose queries fail as a restarting PostgreSQL's do while `down` is set. */
export function failingDatabase(db: Database): { db: Database; down(value: boolean): void } {
  let down = false;
  const unavailable = () =>
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  const failing: Database = {
    engine: db.engine,
    query: async (sql, params) => {
      if (down) throw unavailable();
      return db.query(sql, params);
    },
    exec: async (sql) => {
      if (down) throw unavailable();
      return db.exec(sql);
    },
    transaction: async (work) => {
      if (down) throw unavailable();
      return db.transaction(work);
    },
    listen: (channel, onPayload, onReconnected) => db.listen(channel, onPayload, onReconnected),
    close: () => db.close(),
  };
  return { db: failing, down: (value) => (down = value) };
}
