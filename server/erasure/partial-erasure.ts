import type { ErasureReport } from '../../shared/domain/erasure';
import type { Queryable } from '../db/database';
import type { ChangeStore } from '../sync/change-store';
import { storedDocuments } from '../sync/documents';
import { lockSyncWrites } from '../sync/write-lock';

type Tx = Pick<Queryable, 'query'>;

/** What a retention rule's erasure of part of a client erased, for its report. */
export type PartialErasure = Pick<ErasureReport, 'erased' | 'keyWrapsDestroyed' | 'recoveryWrapDestroyed'>;

/**
 * The medical section and every wrap of its key, the recovery wrap included, become content-free tombstones:
 * crypto-shredded, so the sealed details of past medical itinerary items are unreadable for good too.
 */
export async function eraseMedicalSection(
  tx: Tx,
  changes: ChangeStore,
  clientId: string,
  now: number,
): Promise<PartialErasure> {
  const shredded = await changes.eraseClient(tx, clientId, now, ['medical', 'keyWraps']);
  return {
    erased: [...shredded.erased].map(([collection, count]) => ({ collection, count })),
    keyWrapsDestroyed: shredded.keyWraps,
    recoveryWrapDestroyed: shredded.recoveryWrap,
  };
}

/**
 * The client document without its passport data (and without open conflicts over it), as a new change; every
 * other field as stored. Read under the sync write lock, in the transaction that writes: an edit pushed before
 * is kept, and one pushed after meets the new state as a conflict, which the device's three-way merge settles
 * with its edit kept and the passport still gone (it did not change the passport). `afterRead` is the tests' hook.
 */
export async function erasePassport(
  tx: Tx,
  changes: ChangeStore,
  clientId: string,
  now: number,
  afterRead?: () => Promise<void>,
): Promise<PartialErasure> {
  await lockSyncWrites(tx);
  const [stored] = await storedDocuments(tx, 'clients', [clientId]);
  await afterRead?.();
  const nothing: PartialErasure = { erased: [], keyWrapsDestroyed: 0, recoveryWrapDestroyed: false };
  if (!stored || stored.deleted || !('passport' in stored.data)) return nothing;
  const { passport, conflicts, ...rest } = stored.data as Record<string, unknown> & {
    conflicts?: Array<{ path: string[] }>;
  };
  void passport;
  const kept = (conflicts ?? []).filter((c) => c.path[0] !== 'passport');
  const data = { ...rest, ...(kept.length > 0 ? { conflicts: kept } : {}), updatedAt: now };
  await changes.rewrite(tx, 'clients', [
    { id: clientId, deleted: false, data, former_assignees: stored.former_assignees },
  ]);
  return { ...nothing, erased: [{ collection: 'clients.passport', count: 1 }] };
}
