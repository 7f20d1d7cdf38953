import {
  createRevision,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getHeightOfRevision,
  getMetaWriteRow,
  now,
  writeDocToDocState,
  type BulkWriteRow,
  type RxCollection,
  type RxDocumentData,
  type RxStorageInstance,
  type RxStorageInstanceReplicationState,
  type WithDeleted,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { sameDocument, type PullResponse, type PushRow, type SyncCheckpoint } from '../../../shared/index';

/**
 * The first sync of an empty collection, written in bulk.
 *
 * RxDB's replication writes two IndexedDB rows for every pulled document: the document and a "meta" row holding the
 * state the device assumes the server has (the base a later push is compared and merged against). In Chromium each
 * row, and each of its index entries, costs about as much as the sealing of the document (bench/sync.ts), so the
 * meta rows were half the work of a first sync. For a collection that has never synced and holds nothing, this
 * writes the documents alone, marked exactly as RxDB's own downstream marks what it pulls (`_meta.o`: written from
 * the server, unchanged since), and hands RxDB the last page so that it stores the checkpoint as usual.
 *
 * A document without a meta row is still known to RxDB: its downstream accepts newer server states of a document
 * whose `_meta.o` says it is unchanged (and then writes the meta row). What the meta row would give the upstream is
 * the base of a local edit; that is kept here too: before any local write reaches a document that was written
 * without a meta row, the document as it is (still equal to the server's state) is written as its meta row. So
 * every document that diverges from the server has its base, as if RxDB had written it, and the others need none.
 */

/** Written by RxDB's replication itself (its downstream, conflict resolution and meta writes). */
const REPLICATION_CONTEXT = /^replication-/;
/** Written by RxDB's downstream: states pulled from the server (replication-protocol/index.ts). */
const DOWNSTREAM_CONTEXT = /^replication-downstream-/;

type Doc = { id: string };
type State<T> = RxStorageInstanceReplicationState<T>;
type ForkInstance<T> = RxStorageInstance<T, unknown, unknown, unknown>;

export interface FirstSyncPages<T> {
  /** One page of the server's changes after `after` (the pull endpoint). */
  fetchPage(after: number): Promise<PullResponse<T>>;
  /** Documents per page. */
  batchSize: number;
}

export interface BulkFirstSync<T> {
  /**
   * The pull handler's answer to a pull from `checkpoint`: undefined when this is not a first sync of an empty
   * collection (RxDB then pulls as usual). Otherwise every page but the last is written here and the last is
   * returned for RxDB to write and checkpoint; when the last page is empty, the last document written comes again
   * in it (RxDB finds it equal and only records it, and the checkpoint).
   */
  pull(
    checkpoint: SyncCheckpoint | undefined,
    pages: FirstSyncPages<T>,
  ): Promise<PullResponse<T> | undefined>;
  /**
   * The rows of a push worth sending: a document still exactly as the server sent it (marked by the downstream and
   * unchanged since) is never the device's change, whatever RxDB assumes. RxDB pushes such a document when its meta
   * row is missing (a first sync cut off before RxDB's upstream passed it, a resync) or older than the document (the
   * downstream stored a newer server state and the device locked or closed before its meta row was written): as new,
   * or as an edit of the older state, which the server would take as this device's edit (or refuse, in a role that
   * may only read). Left out, it counts as sent, and RxDB records it as its meta row: the base it should have had.
   */
  pushable(rows: PushRow<T>[]): Promise<PushRow<T>[]>;
  /** Stops keeping bases (the replication is cancelled); downstream inserts are still marked. */
  dispose(): void;
}

/** Unchanged since the replication marked `marker` wrote it from the server's state (downstream.ts `_meta.o`). */
export function pristine(doc: RxDocumentData<unknown>, marker: string): boolean {
  const written = (doc._meta as { o?: { _rev: number; hash: string } }).o;
  return !!written && written.hash === marker && written._rev === getHeightOfRevision(doc._rev);
}

/**
 * What RxDB's downstream marks the documents it writes with: the hash of the replication's identifier, which RxDB
 * builds as 'rxdbreplication' + the replicationIdentifier (plugins/replication/index.ts), with the database's hash.
 */
export function replicationMarker(
  replication: Pick<RxReplicationState<never, never>, 'replicationIdentifier'> & {
    collection: { database: { hashFunction(input: string): Promise<string> } };
  },
): Promise<string> {
  return replication.collection.database.hashFunction(`rxdbreplication${replication.replicationIdentifier}`);
}

/** The replication's internals, once it has started; undefined if it has been stopped. */
async function started<T>(replication: RxReplicationState<T, SyncCheckpoint>) {
  if (replication.isStopped()) return undefined;
  await replication.startPromise;
  const state = replication.internalReplicationState as State<T> | undefined;
  if (!state || replication.isStopped()) return undefined;
  return { state, context: await state.downstreamBulkWriteFlag };
}

function metaIdOf<T>(state: State<T>, docId: string): string {
  return getComposedPrimaryKeyOfDocumentData(state.input.metaInstance.schema, {
    itemId: docId,
    isCheckpoint: '0',
  });
}

export function bulkFirstSync<T extends Doc>(
  collection: RxCollection<T>,
  replication: RxReplicationState<T, SyncCheckpoint>,
): BulkFirstSync<T> {
  // The storage instance under RxDB's collection wrapper: both the collection's writes and the replication's reach
  // it, so every write to the collection passes the base keeper below.
  const fork = ((collection.storageInstance as { originalStorageInstance?: ForkInstance<T> })
    .originalStorageInstance ?? collection.storageInstance) as ForkInstance<T>;
  const bulkWrite = fork.bulkWrite;
  const marker = replicationMarker(replication);
  let disposed = false;

  /** Writes, as meta rows, the current state of the pristine documents among `previous` that have none. */
  async function keepBases(previous: RxDocumentData<T>[]): Promise<void> {
    const mark = await marker;
    const candidates = previous.filter((doc) => pristine(doc, mark));
    if (candidates.length === 0) return;
    // A stopped replication keeps no bases; the next one's push of such a document is checked in `pushable`.
    const running = await started(replication);
    if (!running) return;
    const { state } = running;
    const meta = state.input.metaInstance;
    const ids = candidates.map((doc) => doc.id);
    const held = new Set(
      (
        await meta.findDocumentsById(
          ids.map((id) => metaIdOf(state, id)),
          true,
        )
      ).map((row) => row.itemId),
    );
    // Only documents still stored as `previous` says: one the downstream has just replaced gets its meta row there.
    const stored = new Map((await fork.findDocumentsById(ids, true)).map((doc) => [doc.id, doc._rev]));
    const missing = candidates.filter((doc) => !held.has(doc.id) && stored.get(doc.id) === doc._rev);
    if (missing.length === 0) return;
    const rows = await Promise.all(
      missing.map((doc) => getMetaWriteRow(state, writeDocToDocState(doc, false, false) as WithDeleted<T>)),
    );
    const result = await meta.bulkWrite(rows, 'lumina-first-sync-base');
    // A 409 is a meta row written meanwhile (by the downstream): it holds a base already.
    const failed = result.error.find((error) => error.status !== 409);
    if (failed)
      throw new Error(`the base of ${failed.documentId} could not be kept (status ${failed.status})`);
  }

  /**
   * RxDB's collection storage replaces the `_meta` of every inserted document with `{ lwt }` (rx-storage-helper.ts,
   * getWrappedStorageInstance), so a document its downstream inserts loses the `_meta.o` mark the downstream gave it
   * and looks like a local write from then on. Its meta row, written just after, says otherwise; but a replication
   * stopped in between (the device locks while its first pulls are written, the app closes) leaves it with neither,
   * and the next session pushes it back as if this device had created it: the server refuses it (a document of a
   * client outside this person's scope, an erased client's stub) or takes it as a new write. Every document the
   * downstream inserts is the server's state, so the mark is put back. This holds for a write still landing after
   * the replication was cancelled too, which is when it matters.
   */
  async function markDownstreamInserts(rows: BulkWriteRow<T>[]): Promise<BulkWriteRow<T>[]> {
    if (rows.every((row) => row.previous)) return rows;
    const mark = await marker;
    return rows.map((row) =>
      row.previous
        ? row
        : {
            ...row,
            document: {
              ...row.document,
              _meta: {
                ...row.document._meta,
                o: { _rev: getHeightOfRevision(row.document._rev), hash: mark },
              },
            },
          },
    );
  }

  const guarded = async function (rows: BulkWriteRow<T>[], context: string) {
    if (DOWNSTREAM_CONTEXT.test(context))
      return bulkWrite.call(fork, await markDownstreamInserts(rows), context);
    if (!disposed && !REPLICATION_CONTEXT.test(context)) {
      const previous = rows.flatMap((row) => (row.previous ? [row.previous] : []));
      if (previous.length > 0) await keepBases(previous);
    }
    return bulkWrite.call(fork, rows, context);
  };
  fork.bulkWrite = guarded;

  async function isEmpty(): Promise<boolean> {
    const { documents } = await getChangedDocumentsSince(fork, 1);
    return documents.length === 0;
  }

  /** Writes pulled documents as RxDB's downstream would write them into an empty store, without meta rows. */
  async function writePage(documents: PullResponse<T>['documents'], mark: string, context: string) {
    const revision = createRevision(mark);
    const rows: BulkWriteRow<T>[] = [];
    // A document deleted on the server before this device ever held it needs no tombstone here.
    for (const doc of documents) {
      if (doc._deleted) continue;
      rows.push({
        document: {
          ...doc,
          _deleted: false,
          _rev: revision,
          _attachments: {},
          _meta: { lwt: now(), o: { _rev: 1, hash: mark } },
        } as unknown as RxDocumentData<T>,
      });
    }
    if (rows.length === 0) return;
    const result = await bulkWrite.call(fork, rows, context);
    // 409: the document was created on this device meanwhile; the replication settles it as any local write.
    const failed = result.error.find((error) => error.status !== 409);
    if (failed) throw new Error(`a pulled document could not be stored (status ${failed.status})`);
  }

  return {
    async pull(checkpoint, pages) {
      if (checkpoint) return undefined;
      const running = await started(replication);
      if (!running || !(await isEmpty())) return undefined;
      const mark = await marker;
      let held = await pages.fetchPage(0);
      let written: PullResponse<T>['documents'][number] | undefined;
      for (;;) {
        // RxDB drops what a stopped or paused replication pulled; nothing more is written for it either.
        const last = held.documents.length < pages.batchSize || held.remaining === 0;
        if (last || replication.isStoppedOrPaused()) return held;
        // The next page is asked for while this one is sealed and written.
        const next = pages.fetchPage(held.checkpoint.seq);
        // An unhandled rejection otherwise, should the write below fail first.
        next.catch(() => undefined);
        await writePage(held.documents, mark, running.context);
        written = held.documents.at(-1);
        const page = await next;
        if (page.documents.length === 0) {
          return { ...page, documents: written ? [written] : [] };
        }
        held = page;
      }
    },
    async pushable(rows) {
      if (rows.length === 0) return rows;
      const mark = await marker;
      const byId = new Map(rows.map((row) => [row.newDocumentState.id, row]));
      const asSent = new Set(
        (await fork.findDocumentsById([...byId.keys()], true))
          .filter(
            (doc) =>
              pristine(doc, mark) &&
              sameDocument(writeDocToDocState(doc, false, false), byId.get(doc.id)!.newDocumentState),
          )
          .map((doc) => doc.id),
      );
      return rows.filter((row) => !asSent.has(row.newDocumentState.id));
    },
    dispose() {
      // The wrapper stays: a downstream write still in flight when the replication was cancelled lands after this,
      // and must be marked (markDownstreamInserts). The store is closed with the session that opened it.
      disposed = true;
    },
  };
}
