import { getChangedDocumentsSince, type RxStorageInstance } from 'rxdb';
import type { QuarantineReason } from './quarantine';
import { SCAN_PAGE, type Entry, type LedgerBuckets, type LedgerState } from './vault-ledger-rows';

/**
 * The open's scan of every stored row (raw, never opened unless its bucket was not recorded yet) against the
 * ledger's state (vault-ledger.ts): the entries to keep, the rows not to trust, and the entries that gained their
 * bucket. Without a state (the first open after an update) the rows are adopted as they are.
 */
export async function scanRows(
  inner: RxStorageInstance<unknown, unknown, unknown>,
  primary: string,
  state: (LedgerState & { counter: number }) | undefined,
  buckets: LedgerBuckets | undefined,
): Promise<{ revs: Record<string, Entry>; tampered: Map<string, QuarantineReason>; upgraded: string[] }> {
  const revs: Record<string, Entry> = {};
  const tampered = new Map<string, QuarantineReason>();
  const seen = new Set<string>();
  /** Rows whose entry gained its bucket here (recorded before buckets were): their shards are sealed again. */
  const upgraded: string[] = [];
  // A row's bucket is the one recorded, or for an entry without one, the one its sealed value gives: a row moved
  // to another bucket (which hides it from its value's queries) is held as a row that does not open would be.
  const withBucket = (id: string, doc: Record<string, unknown>, entry: Entry): Entry | undefined => {
    if (!buckets) return entry;
    const bucket = entry[3] ?? buckets.verify(doc);
    if (bucket === undefined || doc[buckets.field] !== bucket) return undefined;
    if (entry[3] !== undefined) return entry;
    upgraded.push(id);
    return [entry[0], entry[1], entry[2] ?? 0, bucket];
  };
  let checkpoint: unknown;
  for (;;) {
    const page = await getChangedDocumentsSince(inner, SCAN_PAGE, checkpoint as never);
    for (const doc of page.documents as Record<string, unknown>[]) {
      const id = String(doc[primary]);
      const actual: Entry = [String(doc._rev), doc._deleted ? 1 : 0];
      seen.add(id);
      if (!state) {
        // The first open after an update: adopted as they are.
        const adopted = withBucket(id, doc, [actual[0], actual[1], 1]);
        if (adopted) revs[id] = adopted;
        else tampered.set(id, 'unreadable');
        continue;
      }
      const known = [state.revs[id], state.pending[id]].find(
        (e) => e && e[0] === actual[0] && e[1] === actual[1],
      );
      const checked = known && withBucket(id, doc, known);
      if (checked) revs[id] = checked;
      else if (known) {
        tampered.set(id, 'unreadable');
        revs[id] = known;
      } else {
        tampered.set(id, 'rolled-back');
        if (state.revs[id]) revs[id] = state.revs[id]!;
      }
    }
    if (page.documents.length < SCAN_PAGE) break;
    checkpoint = page.checkpoint;
  }
  if (state) {
    for (const [id, entry] of Object.entries(state.revs)) {
      if (seen.has(id)) continue;
      // A tombstone may be purged by RxDB's cleanup; a live row may not vanish.
      if (entry[1] === 0 && !state.pending[id]) {
        tampered.set(id, 'missing');
        revs[id] = entry;
      }
    }
  }
  return { revs, tampered, upgraded };
}
