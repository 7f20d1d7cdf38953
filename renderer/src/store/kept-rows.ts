import type { RxStorageInstance } from 'rxdb';
import type { QuarantineReason } from './quarantine';
import type { KeptRows, VaultLedger } from './vault-ledger';

/** The ledgers of the guarded storage instances open in one wrapped storage: by database/collection, by version. */
export type OpenLedgers = Map<string, Map<number, VaultLedger>>;

/**
 * Keeps the rows held in a version of a collection through its migration (review16-s6 M2). RxDB migrates by
 * reading the old store's rows, which leave held rows out, into the new version's store, then removes the old
 * store: before that removal, while the new version's instance is open in the same storage, every row held or
 * reported missing here (and any kept from an earlier migration) is kept, as it is on disk, in the new version's
 * ledger (vault-ledger.ts `keep`), which reports them at every open. A removal with no newer version open (the
 * database wiped on purpose) keeps nothing.
 */
export function keepHeldThroughMigration<T>(args: {
  wrapped: RxStorageInstance<T, unknown, unknown>;
  inner: RxStorageInstance<unknown, unknown, unknown>;
  open: OpenLedgers;
  /** `databaseName/collectionName` */
  name: string;
  version: number;
  ledger: VaultLedger;
  primary: string;
  reported: ReadonlyMap<string, QuarantineReason>;
}): void {
  const { wrapped, open, version, ledger } = args;
  let versions = open.get(args.name);
  if (!versions) open.set(args.name, (versions = new Map()));
  const mine = versions;
  mine.set(version, ledger);
  const forget = () => {
    if (mine.get(version) === ledger) mine.delete(version);
  };
  const close = wrapped.close.bind(wrapped);
  wrapped.close = async () => {
    forget();
    await close();
  };
  const remove = wrapped.remove.bind(wrapped);
  wrapped.remove = async () => {
    forget();
    const newer = [...mine].filter(([v]) => v > version).sort((a, b) => b[0] - a[0])[0]?.[1];
    if (newer && (args.reported.size > 0 || Object.keys(ledger.kept).length > 0)) {
      const raw = await args.inner.findDocumentsById([...args.reported.keys()], true);
      const rows = new Map(raw.map((row) => [String((row as Record<string, unknown>)[args.primary]), row]));
      // Those kept from an earlier version, as the ledger holds them now (a purge may have removed some).
      const keep: KeptRows = { ...ledger.kept };
      for (const [id, reason] of args.reported) {
        const row = rows.get(id);
        keep[id] = { version, reason, ...(row ? { row } : {}) };
      }
      await newer.keep(keep);
    }
    await remove();
  };
}
