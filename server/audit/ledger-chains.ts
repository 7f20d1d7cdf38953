import { createHash } from 'node:crypto';
import type { LedgerBreak, LedgerRule } from '../../shared/domain/audit-api';
import type { Queryable } from '../db/database';

type Tx = Pick<Queryable, 'query'>;

/** Rows read per query: a chain is walked a page at a time, never loaded whole. */
export const PAGE = 1000;
/**
 * How far a time may go back in chain order: the server takes a request's time before the chain's lock, so two
 * requests at once may be chained in the other order. Migration 27's revisions take the database's clock, or the
 * latest revision's time if later. A server clock corrected back by more is reported (docs/audit.md).
 */
export const CLOCK_SLACK = 5 * 60_000;

type Fields = (string | null)[];
interface Chain {
  ledger: 'staffEvents' | 'incidentRevisions' | 'incidentNotifications';
  table: string;
  key: string;
  /**
   * The columns the insert trigger hashes, in its order, as PostgreSQL's own text (built-in casts, which no
   * database role can replace): server/audit/migration.ts (migration 13) and server/breaches/migration.ts (27).
   */
  fields: string[];
}

const chains = {
  staffEvents: {
    ledger: 'staffEvents',
    table: 'staff_events',
    key: 'id',
    fields: [
      'id::text',
      'at::text',
      "coalesce(actor::text, '')",
      'kind::text',
      "coalesce(staff_id::text, '')",
      "coalesce(device_id::text, '')",
      'detail::text',
    ],
  },
  incidentRevisions: {
    ledger: 'incidentRevisions',
    table: 'incident_revisions',
    key: 'chain_seq',
    fields: [
      'chain_seq::text',
      'incident_id::text',
      'revision::text',
      'at::text',
      'by_staff::text',
      'changed::text',
      'state::text',
    ],
  },
  incidentNotifications: {
    ledger: 'incidentNotifications',
    table: 'incident_notifications',
    key: 'chain_seq',
    fields: [
      'chain_seq::text',
      'id::text',
      'incident_id::text',
      'client_id::text',
      'channel::text',
      'language::text',
      'notified_at::text',
      'notified_by::text',
      "coalesce(recorded_at::text, '')",
    ],
  },
} satisfies Record<string, Chain>;

/**
 * hex SHA-256(prev hash, LF, the fields joined with '|'), computed here, not by the database's functions (which
 * its owner could replace): what `concat_ws` gives, a NULL field left out.
 */
export function rowHash(prev: string | null, fields: Fields): string {
  const text = `${prev ?? ''}\n${fields.filter((f): f is string => f !== null).join('|')}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface ChainWalk {
  broken?: LedgerBreak;
  /** The first row the API would not have written (reported after every chain is found intact). */
  rule?: LedgerBreak;
  /** The hashes at the places a checkpoint signed (`heads`), to compare with it. */
  hashes: Map<number, string>;
}

/** Walks one chain in order a page at a time: each row links to the one before and its hash is its own. */
async function walk(
  tx: Tx,
  chain: Chain,
  heads: Set<number>,
  visit: (fields: Fields, at: number) => LedgerRule | undefined,
): Promise<ChainWalk> {
  const { ledger, table, key } = chain;
  const columns = chain.fields.map((field, i) => `${field} AS f${i}`).join(', ');
  const hashes = new Map<number, string>();
  let rule: LedgerBreak | undefined;
  let last: string | null = null;
  // Chain places start at 1 (the triggers number from 1, migrations 13 and 27 too).
  let after = 0;
  let walked = 0;
  for (;;) {
    const rows = await tx.query<Record<string, string | null>>(
      `SELECT ${key}::text AS k, prev_hash, hash, ${columns} FROM ONLY public.${table}
         WHERE ${key} > $1 ORDER BY ${key} LIMIT ${PAGE}`,
      [after],
    );
    for (const row of rows) {
      const at = Number(row.k);
      // Two rows at one place (a unique index dropped): one would be skipped at a page's end.
      if (at <= after) return { broken: { ledger, at, problem: 'link' }, hashes };
      walked += 1;
      const fields = chain.fields.map((_, i) => row[`f${i}`] ?? null);
      if ((row.prev_hash ?? null) !== last) return { broken: { ledger, at, problem: 'link' }, hashes };
      if (row.hash !== rowHash(last, fields)) return { broken: { ledger, at, problem: 'hash' }, hashes };
      const broke = rule ? undefined : visit(fields, at);
      if (broke) {
        const incidentId = ledger === 'incidentRevisions' ? fields[1]! : undefined;
        rule = { ledger, at, problem: 'rule', rule: broke, ...(incidentId ? { incidentId } : {}) };
      }
      if (heads.has(at)) hashes.set(at, row.hash);
      last = row.hash;
      after = at;
    }
    if (rows.length < PAGE) break;
  }
  // A row put outside the chain's numbering (its trigger disabled: a key NULL, 0 or negative, or one repeated) is
  // in no place of it, and was neither hashed nor held to the rules: every row of the table (in the check's one
  // snapshot) must have been walked.
  const [all] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ONLY public.${table}`);
  if (Number(all?.n ?? 0) !== walked) return { broken: { ledger, at: 0, problem: 'link' }, hashes };
  return { ...(rule ? { rule } : {}), hashes };
}

/** Revisions' times in chain order: never earlier than one before (CLOCK_SLACK). */
function revisionTimes(): (fields: Fields) => LedgerRule | undefined {
  let latest = -Infinity;
  return (fields) => {
    const at = Number(fields[3]);
    if (at < latest - CLOCK_SLACK) return 'time-backwards';
    latest = Math.max(latest, at);
    return undefined;
  };
}

/**
 * Notifications' recording times in chain order: none missing after the first kept (migration 27 chained the rows
 * before it first, without one), none before the time told (the API refuses a time told after now), none earlier
 * than one before (CLOCK_SLACK).
 */
function notificationTimes(): (fields: Fields) => LedgerRule | undefined {
  let latest: number | undefined;
  return (fields) => {
    if (fields[8] === '') return latest === undefined ? undefined : 'recorded-missing';
    const recorded = Number(fields[8]);
    if (recorded < Number(fields[6])) return 'recorded-before-told';
    if (latest !== undefined && recorded < latest - CLOCK_SLACK) return 'time-backwards';
    latest = Math.max(latest ?? recorded, recorded);
    return undefined;
  };
}

/** The three server chains walked, hashes computed in Node; `heads` the places checkpoints signed, per ledger. */
export async function walkChains(tx: Tx, heads: Record<Chain['ledger'], Set<number>>) {
  const staff = await walk(tx, chains.staffEvents, heads.staffEvents, () => undefined);
  const incidents = await walk(tx, chains.incidentRevisions, heads.incidentRevisions, revisionTimes());
  const notifications = await walk(
    tx,
    chains.incidentNotifications,
    heads.incidentNotifications,
    notificationTimes(),
  );
  return { staffEvents: staff, incidentRevisions: incidents, incidentNotifications: notifications };
}
