import {
  CLIENT_DOCUMENT_COLLECTIONS,
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

interface StoredRow {
  id: string;
  deleted: boolean;
  data: Record<string, unknown>;
  former_assignees: string[];
}

interface DocumentRow extends StoredRow {
  seq: string | number;
}

type AnyDoc = Record<string, unknown> & { id: string };

/**
 * A document within an assigned scope: assigned to the staff member now, or until a change took them off it.
 * Served by the GIN indexes of migration 4; change-store.test.ts holds the two to each other.
 */
const IN_REACH = `AND (data->'assignedStaffIds' ? $4 OR former_assignees ? $4)`;

/**
 * The live documents of one collection ($1) that belong to the clients named in $2 (a JSON array of ids).
 * Served by the (collection, data->>'clientId') index of migration 5; client-assignees.test.ts checks the plan.
 */
export const CLIENT_DOCUMENTS_QUERY = `SELECT id, deleted, data, former_assignees FROM sync_documents
   WHERE collection = $1 AND data->>'clientId' = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb))) AND NOT deleted
   ORDER BY id`;

/** One page of changes after $2 (limit $3); scoped to the staff member $4 when `scoped`. */
export function pullQuery(scoped: boolean): string {
  return `SELECT id, seq, deleted, data, former_assignees FROM sync_documents
           WHERE collection = $1 AND seq > $2 ${scoped ? IN_REACH : ''}
           ORDER BY seq LIMIT $3`;
}

function assigneesOf(data: Record<string, unknown> | undefined): string[] {
  const ids = data?.assignedStaffIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** Whether two lists of assignees name the same staff members (their order means nothing). */
function sameAssignees(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return new Set(b).size === set.size && b.every((id) => set.has(id));
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

function toWire(row: Omit<StoredRow, 'former_assignees'>): WireDocument<AnyDoc> {
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
    const rows = await this.db.query<DocumentRow>(
      pullQuery(scoped),
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
   * server's current state before anything is written (and may read more in the same transaction), and throws
   * to refuse the whole push.
   *
   * Two statements whatever the number of rows: one read of the current states, one write of the accepted ones.
   * Rows apply in order, as separate pushes would: a later row for the same document meets the earlier one's state.
   */
  async push(
    collection: SyncedCollectionName,
    rows: PushRow<AnyDoc>[],
    authorize: (
      master: WireDocument<AnyDoc> | undefined,
      next: WireDocument<AnyDoc>,
      tx: Pick<Database, 'query'>,
    ) => void | Promise<void> = () => undefined,
  ): Promise<WireDocument<AnyDoc>[]> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_WRITE_LOCK]);
      const ids = [...new Set(rows.map((row) => row.newDocumentState.id))];
      const stored = await tx.query<StoredRow>(
        `SELECT id, deleted, data, former_assignees FROM sync_documents
          WHERE collection = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
        [collection, JSON.stringify(ids)],
      );
      const current = new Map(stored.map((row) => [row.id, row]));
      const writes = new Map<string, StoredRow>();
      const conflicts: WireDocument<AnyDoc>[] = [];
      for (const row of rows) {
        const { _deleted: deleted, ...data } = row.newDocumentState;
        const state = current.get(data.id);
        const master = state ? toWire(state) : undefined;
        // Throws to refuse the whole push: the transaction rolls back, nothing of it is written.
        await authorize(master, row.newDocumentState, tx);
        if (master && sameDocument(master, row.newDocumentState)) continue;
        // A device that assumed a document the server does not have is pushing against nothing: take it as new.
        const assumedMatches =
          !master || (row.assumedMasterState !== undefined && sameDocument(master, row.assumedMasterState));
        if (!assumedMatches) {
          conflicts.push(master);
          continue;
        }
        const next = { id: data.id, deleted, data, former_assignees: formerAssignees(state, data) };
        current.set(data.id, next);
        // Moved to the end: the document's change comes after those of the rows before this one.
        writes.delete(data.id);
        writes.set(data.id, next);
      }
      await this.commit(tx, collection, [...writes.values()]);
      if (collection === 'clients') {
        const reassigned = [...writes.values()].filter((client) => {
          const before = stored.find((row) => row.id === client.id);
          return (
            !client.deleted &&
            (!before || before.deleted || !sameAssignees(assigneesOf(before.data), assigneesOf(client.data)))
          );
        });
        await this.followClientAssignees(tx, reassigned);
      }
      return conflicts;
    });
  }

  /**
   * Gives the documents of clients just created or re-assigned the clients' assignees, so that access to them
   * follows the client: a newly assigned concierge's device pulls them, a removed one's receives their removal.
   * Each rewritten document is a new change, written as a push writes it (a new seq, `former_assignees` kept up).
   * Only `assignedStaffIds` changes; `updatedAt` stays the device's, as everywhere on the server (it is the time of
   * a person's edit, which the merge compares). A device holding an unpushed edit of such a document meets the
   * rewrite as a conflict on its next push, and the field-level merge keeps both: its edit and the new assignees.
   */
  private async followClientAssignees(tx: Pick<Database, 'query'>, clients: StoredRow[]): Promise<void> {
    if (clients.length === 0) return;
    const assignees = new Map(clients.map((client) => [client.id, assigneesOf(client.data)]));
    const clientIds = JSON.stringify([...assignees.keys()]);
    for (const collection of CLIENT_DOCUMENT_COLLECTIONS) {
      const documents = await tx.query<StoredRow>(CLIENT_DOCUMENTS_QUERY, [collection, clientIds]);
      const rewritten: StoredRow[] = [];
      for (const doc of documents) {
        const target = assignees.get(String(doc.data.clientId));
        if (!target || sameAssignees(assigneesOf(doc.data), target)) continue;
        const data = { ...doc.data, assignedStaffIds: target };
        rewritten.push({ id: doc.id, deleted: false, data, former_assignees: formerAssignees(doc, data) });
      }
      await this.commit(tx, collection, rewritten);
    }
  }

  /** Writes the documents as new changes and announces them to the change feed (when the transaction commits). */
  private async commit(
    tx: Pick<Database, 'query'>,
    collection: SyncedCollectionName,
    docs: StoredRow[],
  ): Promise<void> {
    const lastSeq = await this.write(tx, collection, docs);
    if (lastSeq > 0) {
      // Delivered to listeners only when the transaction commits.
      await tx.query('SELECT pg_notify($1, $2)', [
        CHANGES_CHANNEL,
        JSON.stringify({ collection, seq: lastSeq }),
      ]);
    }
  }

  /** Writes the documents as new changes, in order; returns the last seq taken (0 when there was nothing). */
  private async write(
    tx: Pick<Database, 'query'>,
    collection: SyncedCollectionName,
    docs: StoredRow[],
  ): Promise<number> {
    if (docs.length === 0) return 0;
    const written = await tx.query<{ seq: string | number }>(
      `INSERT INTO sync_documents (collection, id, seq, deleted, data, former_assignees)
       SELECT $1, w.doc->>'id', nextval('sync_seq'), (w.doc->>'deleted')::boolean, w.doc->'data',
              w.doc->'former_assignees'
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS w(doc, n)
        ORDER BY w.n
       ON CONFLICT (collection, id) DO UPDATE
         SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, data = EXCLUDED.data,
             former_assignees = EXCLUDED.former_assignees, server_updated_at = now()
       RETURNING seq`,
      [collection, JSON.stringify(docs)],
    );
    return Math.max(...written.map((row) => Number(row.seq)));
  }
}
