/**
 * The server's view of PostgreSQL, whichever engine is behind it: embedded PGlite (the default, persisted on
 * disk) or a real PostgreSQL server reached through DATABASE_URL.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Subscribes to a NOTIFY channel; resolves once the subscription is active. If the listening connection is
   * lost (a database restart), it is re-established with backoff and `onReconnected` is called: notifications
   * sent in between were missed.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnected?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
