import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getLastCheckpointDoc,
  writeDocToDocState,
  type RxConflictHandler,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { auditTime, merge, startWith, switchMap, from, type Observable } from 'rxjs';
import { pristine, replicationMarker } from './first-sync';

/** Counting stops here: the indicator then says "at least". */
export const PENDING_COUNT_MAX = 1_000;
const PAGE = 250;

/**
 * How many documents hold local changes the server has not acknowledged yet.
 *
 * RxDB keeps, per replicated document, the master state it assumes the server has (the replication's meta
 * instance, updated only when a push is acknowledged or a pull is stored), and an upstream checkpoint up to
 * which it has processed local writes. A document is pending when it changed after that checkpoint and its
 * local state differs from its assumed master state (pulled documents also move past the checkpoint but
 * equal their master state, so they do not count; nor do documents a first sync wrote without a meta row while
 * they stay as the server sent them, see first-sync.ts). Only documents past the checkpoint are read, so this
 * stays cheap when nothing is pending.
 */
export async function countPendingChanges<T, C>(
  replication: RxReplicationState<T, C>,
  conflictHandler: RxConflictHandler<T>,
): Promise<number> {
  const state = replication.internalReplicationState;
  if (!state || state.events.canceled.getValue()) return 0;
  const primary = state.primaryPath as string;
  const marker = await replicationMarker(replication);
  let checkpoint = await getLastCheckpointDoc(state, 'up');
  let pending = 0;
  for (;;) {
    const page = await getChangedDocumentsSince(state.input.forkInstance, PAGE, checkpoint);
    if (page.documents.length === 0) break;
    const ids = page.documents.map((doc) => String((doc as Record<string, unknown>)[primary]));
    const assumed = await getAssumedMasterState(state, ids);
    for (const doc of page.documents) {
      const master = assumed[String((doc as Record<string, unknown>)[primary])];
      const local = writeDocToDocState(doc, false, false);
      const changed = master
        ? !conflictHandler.isEqual(master.docData, local, 'lumina-pending-count')
        : !pristine(doc, marker);
      if (changed) pending += 1;
    }
    if (pending >= PENDING_COUNT_MAX || page.documents.length < PAGE) break;
    checkpoint = page.checkpoint;
  }
  return Math.min(pending, PENDING_COUNT_MAX);
}

/** The pending count, recounted (at most every 250 ms) after local writes and replication activity. */
export function pendingChanges$<T, C>(
  replication: RxReplicationState<T, C>,
  conflictHandler: RxConflictHandler<T>,
): Observable<number> {
  return merge(replication.collection.$, replication.active$, replication.sent$).pipe(
    startWith(undefined),
    auditTime(250),
    switchMap(() => from(countPendingChanges(replication, conflictHandler).catch(() => 0))),
  );
}
