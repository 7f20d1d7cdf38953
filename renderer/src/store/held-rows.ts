import type { RxStorageInstance } from 'rxdb';
import { createRevision, now } from 'rxdb/plugins/utils';
import type { VaultLedger } from './vault-ledger';

/** A row held back as untrusted (quarantine.ts) that names a value in one of its clear fields. */
export interface HeldRow {
  id: string;
  /** The value of the field asked about, as stored in clear. */
  value: string;
}

/**
 * The rows of a guarded collection held back as untrusted (quarantined: unreadable, rolled back or put back on disk,
 * and those kept from an earlier version through a migration), reached raw beneath the vault wrapper, which hides
 * them from every read and refuses every write over them. For a purge (issue 17): an erased client's rows go from
 * the device, trusted or not; only their clear fields (ids, indexed values such as `clientId`) are read.
 */
export interface HeldRows {
  /** The held rows (deleted ones too) whose clear `field` is one of `values`. */
  find(field: string, values: readonly string[]): Promise<HeldRow[]>;
  /**
   * Removes held rows from disk for good: each is deleted, the deletion recorded in the sealed ledger (so the row's
   * absence is no tampering at the next open), then the storage's tombstones are cleaned up (the sealed content goes
   * with them); a kept row leaves the ledger's kept rows. They leave the quarantine. Returns the ids removed.
   */
  remove(ids: readonly string[]): Promise<string[]>;
}

const attached = new WeakMap<object, HeldRows>();

/** The held rows of a collection's storage instance (RxDB's or the wrapper's own), if it is a guarded one. */
export function heldRowsOf(instance: unknown): HeldRows | undefined {
  const original = (instance as { originalStorageInstance?: object }).originalStorageInstance;
  return attached.get(original ?? (instance as object));
}

type Raw = Record<string, unknown> & { _rev: string; _meta: { lwt: number } };

export function attachHeldRows(args: {
  wrapped: object;
  inner: RxStorageInstance<unknown, unknown, unknown>;
  ledger: VaultLedger;
  primary: string;
  /** The ids of the rows held in this instance (the wrapper's set). */
  held: Set<string>;
  /** Every row held or reported missing here (kept through a migration: kept-rows.ts). */
  reported: Map<string, unknown>;
  /** Takes a removed row out of the quarantine the person is told of. */
  forget(id: string): void;
}): void {
  const { inner, ledger, primary, held } = args;
  const idOf = (row: unknown) => String((row as Record<string, unknown>)[primary]);
  const keptRows = () => ledger.kept;
  attached.set(args.wrapped, {
    async find(field, values) {
      const wanted = new Set(values);
      const found: HeldRow[] = [];
      if (held.size > 0) {
        for (const row of (await inner.findDocumentsById([...held], true)) as Raw[]) {
          const value = row[field];
          if (typeof value === 'string' && wanted.has(value)) found.push({ id: idOf(row), value });
        }
      }
      for (const [id, { row }] of Object.entries(keptRows())) {
        const value = (row as Record<string, unknown> | undefined)?.[field];
        if (typeof value === 'string' && wanted.has(value) && !found.some((f) => f.id === id))
          found.push({ id, value });
      }
      return found;
    },
    async remove(ids) {
      const removed: string[] = [];
      const onDisk = ids.filter((id) => held.has(id));
      if (onDisk.length > 0) {
        const rows = (await inner.findDocumentsById(onDisk, true)) as Raw[];
        const writes = rows.map((previous) => ({
          previous,
          document: {
            ...previous,
            _deleted: true,
            _rev: createRevision('lumina-purge', previous as never),
            _meta: { ...previous._meta, lwt: now() },
          },
        }));
        const result = await ledger.write(
          writes.map(({ document }) => ({ id: idOf(document), rev: document._rev, deleted: true })),
          () => inner.bulkWrite(writes as never, 'lumina-purge'),
        );
        const failed = new Set(result.error.map((error) => error.documentId));
        await inner.cleanup(0);
        const gone = new Set((await inner.findDocumentsById(onDisk, true)).map(idOf));
        for (const id of onDisk) if (!failed.has(id) && !gone.has(id)) removed.push(id);
      }
      const kept = keptRows();
      const unkept = ids.filter((id) => id in kept);
      if (unkept.length > 0) {
        const rest = Object.fromEntries(Object.entries(kept).filter(([id]) => !unkept.includes(id)));
        await ledger.keep(rest, true);
        for (const id of unkept) if (!removed.includes(id)) removed.push(id);
      }
      for (const id of removed) {
        held.delete(id);
        args.reported.delete(id);
        args.forget(id);
      }
      return removed;
    },
  });
}
