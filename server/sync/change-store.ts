import {
  PULL_REMAINING_MAX,
  sameDocument,
  type PullResponse,
  type PushRow,
  type SyncedCollectionName,
  type WireDocument,
  accessRemovedStub,
} from '../../shared/index';
import type { Database } from '../db/database';

/** Every push takes this lock, so sequence numbers are handed out, and committed, in one order. */
const SYNC_WRITE_LOCK = 7_402_002;
export const CHANGES_CHANNEL = 'lumina_sync_changes';

interface DocumentRow {
  id: string;
  seq: string | number;
  deleted: boolean;
  data: Record<string, unknown>;
}

type AnyDoc = Record<string, unknown> & { id: string };

/** A document within an assigned scope: assigned to the staff member now, or until a change took them off it. */
const IN_REACH = `AND (data->'assignedStaffIds' ? $4 OR former_assignees ? $4)`;

function assigneesOf(data: Record<string, unknown> | undefined): string[] {
  const ids = data?.assignedStaffIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** Everyone who was ever assigned to the document and is not now: their devices receive its removal. */
function formerAssignees(
  current: { data: Record<string, unknown>; former_assignees: string[] } | undefined,
  next: Record<string, unknown>,
): string[] {
  const now = new Set(assigneesOf(next));
  const before = [...(current?.former_assignees ?? []), ...assigneesOf(current?.data)];
  return [...new Set(before)].filter((id) => !now.has(id)).sort();
}

function toWire(row: DocumentRow): WireDocument<AnyDoc> {
  return { ...(row.data as AnyDoc), id: row.id, _deleted: row.deleted };
}

/**
 * The server's ordered log of document changes. Devices pull everything after the last seq they saw.
 *
 * Why no pull can skip a change: a seq is taken only while holding SYNC_WRITE_LOCK, a transaction-scoped
 * advisory lock released at commit. So the seq order is the commit order, and any snapshot a pull reads
 * holds a prefix of the log: a change with a smaller seq can never become visible after a larger one.
 */
export class ChangeStore {
  constructor(private readonly db: Database) {}

  /**
   * The changes after `afterSeq`, in order. With `assignedTo` (a concierge's scope, shared/auth/roles.ts), only
   * documents whose `assignedStaffIds` holds that staff member, and, for documents they were assigned to and no
   * longer are, a removal: a tombstone without the document's content, so their device drops its copy.
   */
  async pull(
    collection: SyncedCollectionName,
    afterSeq: number,
    limit: number,
    assignedTo?: string,
  ): Promise<PullResponse<AnyDoc>> {
    const scoped = assignedTo !== undefined;
    const rows = await this.db.query<DocumentRow & { former_assignees: string[] }>(
      `SELECT id, seq, deleted, data, former_assignees FROM sync_documents
        WHERE collection = $1 AND seq > $2 ${scoped ? IN_REACH : ''}
        ORDER BY seq LIMIT $3`,
      scoped ? [collection, afterSeq, limit, assignedTo] : [collection, afterSeq, limit],
    );
    const last = rows[rows.length - 1];
    const seq = last ? Number(last.seq) : afterSeq;
    const documents = rows.map((row) => {
      const stillAssigned = assigneesOf(row.data).includes(assignedTo ?? '');
      return !scoped || stillAssigned ? toWire(row) : accessRemovedStub(collection, toWire(row));
    });
    return {
      documents,
      checkpoint: { seq },
      remaining: await this.remaining(collection, seq, rows.length < limit, assignedTo),
    };
  }

  /** How many changes follow `afterSeq`, counted up to PULL_REMAINING_MAX so a huge backlog costs little. */
  private async remaining(
    collection: SyncedCollectionName,
    afterSeq: number,
    pageWasShort: boolean,
    assignedTo: string | undefined,
  ): Promise<number> {
    // A page shorter than the limit already ended at the log's end (as of this pull).
    if (pageWasShort) return 0;
    const scoped = assignedTo !== undefined;
    const [row] = await this.db.query<{ n: number | string }>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM sync_documents WHERE collection = $1 AND seq > $2 ${scoped ? IN_REACH : ''}
          ORDER BY seq LIMIT $3
       ) AS later`,
      scoped
        ? [collection, afterSeq, PULL_REMAINING_MAX, assignedTo]
        : [collection, afterSeq, PULL_REMAINING_MAX],
    );
    return Number(row?.n ?? 0);
  }

  /**
   * Applies the rows whose assumed master state matches the server's, in one transaction, and returns the
   * server's state for the others (the conflicts). A retried push whose new state is already the server's
   * state is accepted without a new change, so retries never duplicate. `authorize` sees each row with the
   * server's current state before anything is written, and throws to refuse the whole push.
   */
  async push(
    collection: SyncedCollectionName,
    rows: PushRow<AnyDoc>[],
    authorize: (master: WireDocument<AnyDoc> | undefined, next: WireDocument<AnyDoc>) => void = () =>
      undefined,
  ): Promise<WireDocument<AnyDoc>[]> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_WRITE_LOCK]);
      const conflicts: WireDocument<AnyDoc>[] = [];
      let lastSeq = 0;
      for (const row of rows) {
        const { _deleted: deleted, ...data } = row.newDocumentState;
        const [current] = await tx.query<DocumentRow & { former_assignees: string[] }>(
          'SELECT id, seq, deleted, data, former_assignees FROM sync_documents WHERE collection = $1 AND id = $2',
          [collection, data.id],
        );
        const master = current ? toWire(current) : undefined;
        // Throws to refuse the whole push: the transaction rolls back, nothing of it is written.
        authorize(master, row.newDocumentState);
        if (master && sameDocument(master, row.newDocumentState)) continue;
        // A device that assumed a document the server does not have is pushing against nothing: take it as new.
        const assumedMatches =
          !master || (row.assumedMasterState !== undefined && sameDocument(master, row.assumedMasterState));
        if (!assumedMatches) {
          conflicts.push(master);
          continue;
        }
        lastSeq = await this.write(tx, collection, data, deleted, formerAssignees(current, data));
      }
      if (lastSeq > 0) {
        // Delivered to listeners only when the transaction commits.
        await tx.query('SELECT pg_notify($1, $2)', [
          CHANGES_CHANNEL,
          JSON.stringify({ collection, seq: lastSeq }),
        ]);
      }
      return conflicts;
    });
  }

  private async write(
    tx: Pick<Database, 'query'>,
    collection: SyncedCollectionName,
    data: AnyDoc,
    deleted: boolean,
    former: string[],
  ): Promise<number> {
    const [written] = await tx.query<{ seq: string | number }>(
      `INSERT INTO sync_documents (collection, id, seq, deleted, data, former_assignees)
       VALUES ($1, $2, nextval('sync_seq'), $3, $4, $5)
       ON CONFLICT (collection, id) DO UPDATE
         SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, data = EXCLUDED.data,
             former_assignees = EXCLUDED.former_assignees, server_updated_at = now()
       RETURNING seq`,
      [collection, data.id, deleted, JSON.stringify(data), JSON.stringify(former)],
    );
    return Number(written!.seq);
  }
}
