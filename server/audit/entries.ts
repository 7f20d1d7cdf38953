import type { AuditEvent } from '../../shared/domain/audit';
import {
  AUDIT_ENTRIES_PAGE,
  type AuditEntriesPage,
  type AuditEntriesQuery,
} from '../../shared/domain/audit-api';
import type { Queryable } from '../db/database';

type Tx = Pick<Queryable, 'query'>;

const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as AuditEvent;

/**
 * The access log filtered and paged on the server, for the console (GET /audit/entries): every entry the server
 * holds (legacy ones too) whose client, staff member, device, action and device time match, newest first, with
 * its receipt time and the number of entries that matched. The filters are the indexed expressions of migration 24,
 * so "everything staff member X did in March" stays one bounded query over a log of any size.
 */
export async function auditEntriesPage(tx: Tx, query: AuditEntriesQuery): Promise<AuditEntriesPage> {
  const where = [`d.collection = 'auditEvents'`, 'NOT d.deleted'];
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.client) where.push(`d.data->>'clientId' = ${bind(query.client.toLowerCase())}`);
  if (query.staff) where.push(`d.data->>'staffId' = ${bind(query.staff.toLowerCase())}`);
  if (query.device) where.push(`d.data->>'deviceId' = ${bind(query.device.toLowerCase())}`);
  if (query.action) where.push(`d.data->>'kind' = ${bind(query.action)}`);
  if (query.from !== undefined) where.push(`(d.data->>'at')::bigint >= ${bind(query.from)}`);
  if (query.to !== undefined) where.push(`(d.data->>'at')::bigint < ${bind(query.to)}`);
  let total: number | undefined;
  if (query.before === undefined) {
    const counted = await tx.query<{ n: number }>(
      `SELECT count(*) AS n FROM sync_documents d WHERE ${where.join(' AND ')}`,
      values,
    );
    total = Number(counted[0]?.n ?? 0);
  } else {
    // Read on from a cursor: the order below is (at, id) descending, so "older" is the row comparison.
    const at = query.before.slice(0, query.before.indexOf(':'));
    const id = query.before.slice(at.length + 1).toLowerCase();
    where.push(`((d.data->>'at')::bigint, d.id) < (${bind(Number(at))}::bigint, ${bind(id)})`);
  }
  const filter = where.join(' AND ');
  const limit = query.limit ?? AUDIT_ENTRIES_PAGE;
  const offset = query.offset ?? 0;
  if (total !== undefined && total <= offset) return { total, entries: [] };
  // The page first, then its receipts by entry id (audit_chain's unique index): a page never reads the whole chain.
  const rows = await tx.query<{ data: unknown; received_at: number | null }>(
    `SELECT p.data, c.received_at FROM (
       SELECT d.id, d.data, (d.data->>'at')::bigint AS at FROM sync_documents d WHERE ${filter}
       ORDER BY (d.data->>'at')::bigint DESC, d.id DESC LIMIT ${bind(limit)} OFFSET ${bind(offset)}
     ) p LEFT JOIN audit_chain c ON c.entry_id = p.id::uuid
     ORDER BY p.at DESC, p.id DESC`,
    values,
  );
  return {
    ...(total !== undefined ? { total } : {}),
    entries: rows.map((row) => ({
      entry: json(row.data),
      ...(row.received_at !== null && row.received_at !== undefined
        ? { receivedAt: Number(row.received_at) }
        : {}),
    })),
  };
}
