import type { RxStorageInstance } from 'rxdb';
import { createRevision, now } from 'rxdb/plugins/utils';

/** A row of RxDB's replication bookkeeping (its meta instance), as far as forgetting one needs. */
interface MetaRow {
  id: string;
  itemId: string;
  isCheckpoint: string;
  _deleted: boolean;
  _rev: string;
  _meta: { lwt: number };
  /** The state the replication assumes the server has. */
  docData?: { _deleted?: boolean };
}

/**
 * Removes what the replication keeps of documents the device has purged (issue 17): RxDB's meta instance holds, per
 * document, the state it assumes the server has (row `<id>|0`), which outlives the document. After an erasure that
 * is a sealed tombstone under the client's document id; it goes, so that no row of the erased client stays on disk.
 * Safe for a document that is gone on both sides: a later pull of it is taken as new, a later edit cannot happen.
 * Best effort: a row the replication writes at the same moment is answered as a conflict and stays until the
 * client's next purge. Returns the number of rows removed.
 */
export async function forgetAssumedStates(
  meta: RxStorageInstance<MetaRow, unknown, unknown> | undefined,
  token: string,
  ids: readonly string[],
): Promise<number> {
  if (!meta || ids.length === 0) return 0;
  const found = await meta.findDocumentsById(
    ids.map((id) => `${id}|0`),
    true,
  );
  // Only a tombstone's state: a document a pull revived meanwhile (between the purge's read of its tombstones and
  // this) keeps its assumed state, so its next edit is not pushed against nothing.
  const rows = found.filter((row) => row.isCheckpoint === '0' && row.docData?._deleted === true);
  if (rows.length === 0) return 0;
  const result = await meta.bulkWrite(
    rows.map((previous) => ({
      previous,
      document: {
        ...previous,
        _deleted: true,
        _rev: createRevision(token, previous),
        _meta: { ...previous._meta, lwt: now() },
      },
    })),
    'lumina-purge',
  );
  await meta.cleanup(0);
  return rows.length - result.error.length;
}
