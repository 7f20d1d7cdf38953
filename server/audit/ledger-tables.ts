import type { LedgerBreak } from '../../shared/domain/audit-api';
import type { Queryable } from '../db/database';

type Tx = Pick<Queryable, 'query'>;

/** Built-in types' OIDs (fixed in PostgreSQL's catalog, pg_type.dat): a domain or a type of the owner's has another. */
const INT4 = 23;
const INT8 = 20;
const TEXT = 25;
const UUID = 2950;
const JSONB = 3802;

/**
 * Every table the ledger check reads (always as `ONLY public.<table>`), the ledger a fault in it is reported
 * under, and the type of each column it reads: those it hashes (ledger-chains.ts) and those it compares.
 */
export const LEDGER_TABLES: Record<
  string,
  { ledger: LedgerBreak['ledger']; columns: Record<string, number> }
> = {
  staff_events: {
    ledger: 'staffEvents',
    columns: {
      id: INT8,
      at: INT8,
      actor: UUID,
      kind: TEXT,
      staff_id: UUID,
      device_id: UUID,
      detail: JSONB,
      prev_hash: TEXT,
      hash: TEXT,
    },
  },
  incident_revisions: {
    ledger: 'incidentRevisions',
    columns: {
      chain_seq: INT8,
      incident_id: UUID,
      revision: INT4,
      at: INT8,
      by_staff: UUID,
      changed: JSONB,
      state: JSONB,
      prev_hash: TEXT,
      hash: TEXT,
    },
  },
  incident_notifications: {
    ledger: 'incidentNotifications',
    columns: {
      chain_seq: INT8,
      id: UUID,
      incident_id: UUID,
      client_id: UUID,
      channel: TEXT,
      language: TEXT,
      notified_at: INT8,
      notified_by: UUID,
      recorded_at: INT8,
      prev_hash: TEXT,
      hash: TEXT,
    },
  },
  incidents: {
    ledger: 'incidents',
    columns: {
      id: UUID,
      discovered_at: INT8,
      discovered_by: UUID,
      recorded_by: UUID,
      recorded_at: INT8,
      facts: JSONB,
      ppc_preliminary_at: INT8,
      ppc_final_at: INT8,
      gdpr_reported_at: INT8,
      closed_at: INT8,
    },
  },
  audit_checkpoints: {
    ledger: 'checkpoints',
    columns: {
      id: INT8,
      at: INT8,
      heads: JSONB,
      legacy: JSONB,
      ledgers: JSONB,
      link: JSONB,
      signature: TEXT,
    },
  },
  audit_server_key: { ledger: 'checkpoints', columns: { public_key: TEXT } },
};

/**
 * The tables the check reads are what it expects, as the catalog says (review18-s6b, m-A): in schema public, plain
 * tables (relkind 'r': not a view, nor a partitioned or foreign table, which could answer a query with rows the
 * table does not hold), without row-level security (which could hide rows from a role that does not own them),
 * without inheritance children (read with ONLY anyway), and each column read of its built-in type (a column
 * altered to a domain or a type of the owner's, with an output or a cast of its own, could change the text hashed),
 * and no relation of the same name in another schema.
 * Read from pg_catalog under `search_path = pg_catalog` (ledger-check.ts). The first table that fails, in
 * LEDGER_TABLES order, as a break of kind 'table'.
 */
export async function ledgerTableBreak(tx: Tx): Promise<LedgerBreak | undefined> {
  const names = Object.keys(LEDGER_TABLES);
  const relations = await tx.query<{ relname: string; fit: boolean }>(
    `SELECT c.relname,
        c.relkind = 'r' AND NOT c.relrowsecurity AND NOT c.relforcerowsecurity
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhparent = c.oid) AS fit
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY ($1::pg_catalog.text[])`,
    [names],
  );
  const columns = await tx.query<{ relname: string; attname: string; type: number }>(
    `SELECT c.relname, a.attname, a.atttypid::pg_catalog.int8 AS type
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relname = ANY ($1::pg_catalog.text[])`,
    [names],
  );
  // A relation of the same name in any other schema (a temporary one too) would be what the app's own queries, which
  // name tables bare, read under a search path the owner controls: the console and the clocks would show it while
  // this check vouches for the real rows (review18-s7). Its mere presence is reported.
  const shadows = await tx.query<{ relname: string }>(
    `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname <> 'public' AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
        AND c.relname = ANY ($1::pg_catalog.text[])`,
    [names],
  );
  const shadowed = new Set(shadows.map((row) => row.relname));
  const fit = new Map(relations.map((row) => [row.relname, row.fit]));
  const types = new Map(columns.map((row) => [`${row.relname}.${row.attname}`, Number(row.type)]));
  for (const [table, expected] of Object.entries(LEDGER_TABLES)) {
    const typed = Object.entries(expected.columns).every(
      ([column, type]) => types.get(`${table}.${column}`) === type,
    );
    if (fit.get(table) !== true || !typed || shadowed.has(table))
      return { ledger: expected.ledger, at: 0, problem: 'table', table };
  }
  return undefined;
}
