import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { mergeDocuments, sameDocument, type MergeableDocument } from '../../../shared/index';
import type { SyncedCollection } from '../../../shared/sync/registry';

/** RxDB's bookkeeping, which may ride along on the states it compares; never part of the replicated content. */
export function replicatedContent(doc: object): Record<string, unknown> {
  const { _meta, _rev, _attachments, ...content } = doc as Record<string, unknown>;
  void _meta;
  void _rev;
  void _attachments;
  return content;
}

/**
 * The conflict handler of every collection whose registry entry merges by 'fields' (shared/sync/registry.ts).
 * When the server refuses a push because its state moved on, RxDB calls resolve() with the state the device
 * assumed, the device's new state and the server's real state; the field-level merge (shared/sync/merge.ts) keeps every edit, recording the same-field clashes
 * as open conflicts, and RxDB writes the result locally and pushes it again against the real state.
 */
export function mergingConflictHandler<T extends object>(
  primaryKey = 'id',
  beforeMerge?: SyncedCollection<{ id: string }>['beforeMerge'],
): RxConflictHandler<T> {
  return {
    // Called on every replicated write: a plain comparison of content, independent of key order.
    isEqual: (a, b) => sameDocument(replicatedContent(a), replicatedContent(b)),
    async resolve(input) {
      const assumed = input.assumedMasterState;
      const base = assumed && (replicatedContent(assumed) as MergeableDocument);
      const remote = replicatedContent(input.realMasterState) as MergeableDocument;
      const local = replicatedContent(input.newDocumentState) as MergeableDocument;
      const merged = mergeDocuments(base, beforeMerge ? beforeMerge(base, local, remote) : local, remote, {
        primaryKey,
      });
      return merged as unknown as WithDeleted<T>;
    },
  };
}
