import {
  PULL_REMAINING_MAX,
  sameDocument,
  type PullResponse,
  type PushRow,
  type SyncedCollectionName,
  type WireDocument,
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
   * The changes after `afterSeq`, in order. With `assignedTo`, only documents whose `assignedStaffIds` holds that
   * staff member (a concierge's scope, shared/auth/roles.ts).
   */
  async pull(
    collection: SyncedCollectionName,
    afterSeq: number,
    limit: number,
    assignedTo?: string,
  ): Promise<PullResponse<AnyDoc>> {
    const rows = await this.db.query<DocumentRow>(
      `SELECT id, seq, deleted, data FROM sync_documents
        WHERE collection = $1 AND seq > $2 ${assignedTo === undefined ? '' : `AND data->'assignedStaffIds' ? $4`}
        ORDER BY seq LIMIT $3`,
      assignedTo === undefined ? [collection, afterSeq, limit] : [collection, afterSeq, limit, assignedTo],
    );
    const last = rows[rows.length - 1];
    const seq = last ? Number(last.seq) : afterSeq;
    return {
      documents: rows.map(toWire),
      checkpoint: { seq },
      remaining: await this.remaining(collection, seq, rows.length < limit),
    };
  }

  /** How many changes follow `afterSeq`, counted up to PULL_REMAINING_MAX so a huge backlog costs little. */
  private async remaining(
    collection: SyncedCollectionName,
    afterSeq: number,
    pageWasShort: boolean,
  ): Promise<number> {
    // A page shorter than the limit already ended at the log's end (as of this pull).
    if (pageWasShort) return 0;
    const [row] = await this.db.query<{ n: number | string }>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM sync_documents WHERE collection = $1 AND seq > $2 ORDER BY seq LIMIT $3
       ) AS later`,
      [collection, afterSeq, PULL_REMAINING_MAX],
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
        const [current] = await tx.query<DocumentRow>(
          'SELECT id, seq, deleted, data FROM sync_documents WHERE collection = $1 AND id = $2',
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
        lastSeq = await this.write(tx, collection, data, deleted);
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
  ): Promise<number> {
    const [written] = await tx.query<{ seq: string | number }>(
      `INSERT INTO sync_documents (collection, id, seq, deleted, data)
       VALUES ($1, $2, nextval('sync_seq'), $3, $4)
       ON CONFLICT (collection, id) DO UPDATE
         SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, data = EXCLUDED.data, server_updated_at = now()
       RETURNING seq`,
      [collection, data.id, deleted, JSON.stringify(data)],
    );
    return Number(written!.seq);
  }
}
