/**
 * Rows of the local store that cannot be trusted (issue 22, findings 9 and 10b): a row whose envelope does not
 * open (unreadable), a row that is not the revision the sealed state of its collection last recorded (rolled back
 * to an older envelope, or put back after its deletion), or a row that vanished while the state says it was alive
 * (deleted at rest). Such a row is kept as it is on disk, hidden from queries and never pushed; the person is told
 * through the sync status. Everything else in the store keeps working.
 *
 * 'invalid-id': a document whose ids are not strict UUIDs, which the server refuses (renderer/src/sync/strict-ids.ts);
 * it stays readable on the device but is never pushed, and the sync status says so apart.
 */
export type QuarantineReason = 'unreadable' | 'rolled-back' | 'missing' | 'invalid-id';

export interface QuarantinedRow {
  /** The RxDB collection, e.g. `clients`. */
  collection: string;
  id: string;
  reason: QuarantineReason;
}

export class Quarantine {
  private readonly rows = new Map<string, QuarantinedRow>();
  private readonly listeners = new Set<(rows: QuarantinedRow[]) => void>();

  report(row: QuarantinedRow): void {
    const key = `${row.collection}\u0000${row.id}`;
    if (this.rows.has(key)) return;
    this.rows.set(key, row);
    const all = this.list();
    for (const listener of this.listeners) listener(all);
  }

  /** Rows that are no longer on the device (a purge removed them, issue 17): not untrusted any more. */
  forget(collection: string, ids: readonly string[]): void {
    let changed = false;
    for (const id of ids) changed = this.rows.delete(`${collection}\u0000${id}`) || changed;
    if (!changed) return;
    const all = this.list();
    for (const listener of this.listeners) listener(all);
  }

  has(collection: string, id: string): boolean {
    return this.rows.has(`${collection}\u0000${id}`);
  }

  list(): QuarantinedRow[] {
    return [...this.rows.values()];
  }

  /** Told of the whole list now and after each new row. */
  subscribe(listener: (rows: QuarantinedRow[]) => void): () => void {
    this.listeners.add(listener);
    listener(this.list());
    return () => this.listeners.delete(listener);
  }
}
