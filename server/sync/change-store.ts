import {
  CLIENT_DOCUMENT_COLLECTIONS,
  sameDocument,
  type PullResponse,
  type PushRow,
  type SyncedCollectionName,
  type WireDocument,
  accessRemovedStub,
} from '../../shared/index';
import { RECOVERY_RECIPIENT_ID } from '../../shared/crypto/key-wrap';
import { ERASURE_REDUCERS } from '../../shared/domain/erasure';
import { collectionRegistry } from '../../shared/sync/registry';
import type { Database } from '../db/database';
import {
  changesAfter,
  countChangesAfter,
  documentsToErase,
  liveDocumentsOfClients,
  storedDocuments,
  toWire,
  writeDocuments,
  type StoredDocument as StoredRow,
} from './documents';
import { clientNamedBy, pushFactsOf } from './push-facts';
import type { PushFacts } from './push-rules';
import { lockSyncWrites } from './write-lock';

// Also exported here, as before the SQL moved to documents.ts (the query-plan tests import them from here).
export { CLIENT_DOCUMENTS_QUERY, pullQuery } from './documents';

export const CHANGES_CHANNEL = 'lumina_sync_changes';

type AnyDoc = Record<string, unknown> & { id: string };

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

/**
 * A record the law keeps after its client's erasure (a provision record, a request of the register: ERASURE_REDUCERS)
 * filed late, by a device offline at the erasure: stored reduced, as the erasure left the others, so no personal
 * word of the erased client reaches the database again. The device pulls the stored state as a new change (its own
 * copy, unchanged since the push, takes it), and its purge then finds nothing of the client. Undefined otherwise.
 */
async function keptReduced(
  collection: SyncedCollectionName,
  data: Record<string, unknown>,
  deleted: boolean,
  facts: PushFacts,
): Promise<Record<string, unknown> | undefined> {
  const reduce = (ERASURE_REDUCERS as Partial<Record<string, (typeof ERASURE_REDUCERS)['requests']>>)[
    collection
  ];
  if (!reduce || deleted || typeof data.clientId !== 'string' || !facts.clientErased) return undefined;
  if (!(await facts.clientErased(data.clientId))) return undefined;
  const reduced = reduce(data, Number(data.updatedAt ?? data.recordedAt ?? 0));
  return sameDocument(reduced, data) ? undefined : reduced;
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
    const rows = await changesAfter(this.db, collection, afterSeq, limit, assignedTo);
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
    return countChangesAfter(this.db, collection, afterSeq, assignedTo);
  }

  /**
   * Applies the rows whose assumed master state matches the server's, in one transaction, and returns the
   * server's state for the others (the conflicts). A retried push whose new state is already the server's
   * state is accepted without a new change, so retries never duplicate. `authorize` sees each row with the
   * server's current state before anything is written (and may read more in the same transaction), and whether
   * the row would write (neither a retry nor a conflict), and throws to refuse the whole push. The push rules'
   * look-ups (`facts`) are shared by every row of the push and read each kind for all the clients it names at once.
   *
   * A fixed number of statements whatever the number of rows: one read of the current states, one per kind of
   * look-up the rules make, one write of the accepted ones.
   * Rows apply in order, as separate pushes would: a later row for the same document meets the earlier one's state.
   */
  async push(
    collection: SyncedCollectionName,
    rows: PushRow<AnyDoc>[],
    authorize: (
      master: WireDocument<AnyDoc> | undefined,
      next: WireDocument<AnyDoc>,
      tx: Pick<Database, 'query'>,
      writes: boolean,
      facts: PushFacts,
    ) => void | Promise<void> = () => undefined,
  ): Promise<WireDocument<AnyDoc>[]> {
    return this.db.transaction(async (tx) => {
      await lockSyncWrites(tx);
      const ids = [...new Set(rows.map((row) => row.newDocumentState.id))];
      const stored = await storedDocuments(tx, collection, ids);
      const current = new Map(stored.map((row) => [row.id, row]));
      // Read in this transaction before any row is written (the writes come after the loop), as the rules expect.
      const named = [...rows.map((row) => row.newDocumentState), ...stored.map(toWire)]
        .map((doc) => clientNamedBy(collection, doc))
        .filter((id): id is string => typeof id === 'string');
      const facts = pushFactsOf(tx, named);
      const writes = new Map<string, StoredRow>();
      const conflicts: WireDocument<AnyDoc>[] = [];
      for (const row of rows) {
        const { _deleted: deleted, ...data } = row.newDocumentState;
        const state = current.get(data.id);
        const master = state ? toWire(state) : undefined;
        const unchanged = master !== undefined && sameDocument(master, row.newDocumentState);
        // A device that assumed a document the server does not have is pushing against nothing: take it as new.
        const assumedMatches =
          !master || (row.assumedMasterState !== undefined && sameDocument(master, row.assumedMasterState));
        // Throws to refuse the whole push: the transaction rolls back, nothing of it is written.
        await authorize(master, row.newDocumentState, tx, !unchanged && assumedMatches, facts);
        if (unchanged) continue;
        if (!assumedMatches) {
          conflicts.push(master);
          continue;
        }
        const pushedAssignees = assigneesOf(data);
        if (collectionRegistry[collection].assignees === 'client' && !deleted) {
          // A copy of its client's assignees, as the server holds them, whatever the device sent: a device whose
          // copy predates a re-assignment is not refused for good, and nobody can show a document to a colleague
          // not assigned to its client. The device pulls the stored state as a new change.
          const client = await facts.client(String(data.clientId));
          if (client) data.assignedStaffIds = assigneesOf(client.client);
        }
        const kept = await keptReduced(collection, data, deleted, facts);
        const next = kept
          ? {
              id: data.id,
              deleted,
              data: kept,
              // Whoever it was filed for: their devices receive its removal, the office's the reduced record.
              former_assignees: formerAssignees(
                {
                  data: { assignedStaffIds: pushedAssignees },
                  former_assignees: [...(state?.former_assignees ?? []), ...assigneesOf(state?.data)],
                },
                kept,
              ),
            }
          : { id: data.id, deleted, data, former_assignees: formerAssignees(state, data) };
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
    const clientIds = [...assignees.keys()];
    for (const collection of CLIENT_DOCUMENT_COLLECTIONS) {
      const documents = await liveDocumentsOfClients(tx, collection, clientIds);
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

  /**
   * Replaces every document of a client (deleted ones too: an old tombstone kept the whole document) by its
   * collection's content-free stub (`removedStub`), deleted, as new changes, in the caller's transaction: devices
   * pull them and purge. `former_assignees` gains the assignees, so that concierges' scoped pulls still reach
   * the tombstones. Returns the counts per collection and the key wraps destroyed.
   */
  async eraseClient(
    tx: Pick<Database, 'query'>,
    clientId: string,
    at: number,
    /** Only these collections (a partial erasure: the medical section and its key wraps). */
    only?: readonly SyncedCollectionName[],
  ): Promise<{
    erased: Map<SyncedCollectionName, number>;
    reduced: Map<SyncedCollectionName, number>;
    keyWraps: number;
    recoveryWrap: boolean;
  }> {
    await lockSyncWrites(tx);
    const docs = (await documentsToErase(tx, clientId)).filter(
      (doc) => !only || only.includes(doc.collection),
    );
    const erased = new Map<SyncedCollectionName, number>();
    const reduced = new Map<SyncedCollectionName, number>();
    let recoveryWrap = false;
    for (const collection of new Set(docs.map((doc) => doc.collection))) {
      const stubs = docs
        .filter((doc) => doc.collection === collection)
        .map((doc) => {
          if (collection === 'keyWraps' && doc.data.recipientId === RECOVERY_RECIPIENT_ID)
            recoveryWrap = true;
          const former = [...new Set([...(doc.former_assignees ?? []), ...assigneesOf(doc.data)])].sort();
          // Some records are kept reduced instead (the request register: shared/domain/erasure.ts).
          const reduce = (ERASURE_REDUCERS as Partial<Record<string, typeof ERASURE_REDUCERS.requests>>)[
            collection
          ];
          if (reduce && !doc.deleted)
            return { id: doc.id, deleted: false, data: reduce(doc.data, at), former_assignees: former };
          const { id, ...data } = collectionRegistry[collection].removedStub(doc.id, at);
          return { id, deleted: true, data: { id, ...data }, former_assignees: former };
        });
      await this.commit(tx, collection, stubs);
      const kept = stubs.filter((stub) => !stub.deleted).length;
      if (stubs.length > kept) erased.set(collection, stubs.length - kept);
      if (kept > 0) reduced.set(collection, kept);
    }
    return { erased, reduced, keyWraps: erased.get('keyWraps') ?? 0, recoveryWrap };
  }

  /** Rewrites documents as new changes under the sync write lock (an erasure of part of a document). */
  async rewrite(
    tx: Pick<Database, 'query'>,
    collection: SyncedCollectionName,
    docs: StoredRow[],
  ): Promise<void> {
    await lockSyncWrites(tx);
    await this.commit(tx, collection, docs);
  }

  /** Writes the documents as new changes and announces them to the change feed (when the transaction commits). */
  private async commit(
    tx: Pick<Database, 'query'>,
    collection: SyncedCollectionName,
    docs: StoredRow[],
  ): Promise<void> {
    const lastSeq = await writeDocuments(tx, collection, docs);
    if (lastSeq > 0) {
      // Delivered to listeners only when the transaction commits.
      await tx.query('SELECT pg_notify($1, $2)', [
        CHANGES_CHANNEL,
        JSON.stringify({ collection, seq: lastSeq }),
      ]);
    }
  }
}
