import { writeDocToDocState, type RxStorageInstance, type WithDeleted } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { sameDocument, type PushRow, type SyncCheckpoint } from '../../../shared/index';

/**
 * Keeps RxDB from pushing a document state that is no longer the device's.
 *
 * RxDB's upstream reads the documents to push (a page of its catch-up after a resync or a restart, or a local
 * write's event), and reads the state it assumes the server has (the meta row) only later, when the push before
 * has finished. A push that waits on a slow or failing server (a crash, a restart) leaves that window open for
 * seconds, and the downstream may meanwhile store a newer server state, with its meta row, over a document the
 * device never edited. RxDB then pushes the old state it read first against the newer assumed state; the server
 * sees a matching assumed state and takes the old state as an update, undoing someone's acknowledged edit on
 * every device (issue 22, finding 10).
 *
 * So, just before each push, every row is checked against the document as the store holds it now. A row that is
 * no longer the stored state is not sent: it is answered as a conflict carrying the stored state, which makes RxDB
 * write the merge over the state it read, a write the store refuses (409) because the document has moved on, so
 * nothing is written. What the document holds now is pushed on its own: a local write by its event, a pulled
 * state not at all (its meta row already says the server has it).
 *
 * A row whose document the store no longer returns is not sent either (`dropped`): the local store hides a row
 * that is not what its sealed ledger recorded (rolled back or put back on disk, unreadable) and reports one the
 * ledger holds alive that vanished (vault-ledger.ts, ledger-guard.ts), so a tampered state is never pushed
 * (issue 22, finding 9). The read here is what checks each row just before it is sent.
 */
export async function withoutStaleRows<T extends { id: string }>(
  replication: RxReplicationState<T, SyncCheckpoint>,
  rows: PushRow<T>[],
): Promise<{ fresh: PushRow<T>[]; answered: WithDeleted<T>[]; dropped: string[] }> {
  const fork = replication.internalReplicationState?.input.forkInstance as
    RxStorageInstance<T, unknown, unknown, unknown> | undefined;
  if (!fork || rows.length === 0) return { fresh: rows, answered: [], dropped: [] };
  const stored = new Map(
    (await fork.findDocumentsById([...new Set(rows.map((row) => row.newDocumentState.id))], true)).map(
      (doc) => [doc.id, writeDocToDocState(doc, false, false) as WithDeleted<T>],
    ),
  );
  const fresh: PushRow<T>[] = [];
  const answered: WithDeleted<T>[] = [];
  const dropped: string[] = [];
  for (const row of rows) {
    const now = stored.get(row.newDocumentState.id);
    if (!now) dropped.push(row.newDocumentState.id);
    else if (sameDocument(now, row.newDocumentState)) fresh.push(row);
    else answered.push(now);
  }
  return { fresh, answered, dropped };
}
