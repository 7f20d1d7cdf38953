/**
 * Schema migrations, applied in order at start. A migration, once landed, is never edited: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'sync documents',
    sql: `
      -- One row per replicated document. seq is the server's order of changes: it is taken from
      -- sync_seq while the writer holds the sync advisory lock, so commit order equals seq order.
      CREATE SEQUENCE sync_seq;
      CREATE TABLE sync_documents (
        collection text NOT NULL,
        id text NOT NULL,
        seq bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL,
        server_updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (collection, id)
      );
      CREATE UNIQUE INDEX sync_documents_collection_seq ON sync_documents (collection, seq);
    `,
  },
];
