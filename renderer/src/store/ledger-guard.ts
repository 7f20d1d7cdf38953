import type { RxStorageInstance, RxStorageWriteError } from 'rxdb';
import { map } from 'rxjs';
import type { QuarantineReason } from './quarantine';
import type { VaultLedger } from './vault-ledger';

/** What a row that cannot be trusted reads as, before the reads below drop it. */
export const QUARANTINED: unknown = Object.freeze({ quarantined: true });

export function trusted<D>(documents: D[]): D[] {
  return documents.some((doc) => doc === QUARANTINED)
    ? documents.filter((doc) => doc !== QUARANTINED)
    : documents;
}

export type Hold = (id: string, reason: QuarantineReason) => void;

/**
 * Every read of a guarded collection drops quarantined rows (so a bad row neither breaks a query nor stops a pull,
 * and is never pushed), and every write goes through the ledger. Rows read while the session is open are checked
 * against the ledger too: a row rolled back or put back on disk since the store opened is quarantined at the next
 * read (the push reads each row again just before sending it, stale-rows.ts), and a row the ledger holds alive that
 * a read by id does not find is reported missing.
 */
export function hideQuarantined<T>(
  wrapped: RxStorageInstance<T, unknown, unknown>,
  ledger: VaultLedger,
  primary: string,
  hold: Hold,
  /** The ids of the rows held (quarantined) so far: hidden from every read. */
  held: ReadonlySet<string>,
  /** The bucket each written row is stored under (blind-indexed collections), recorded by the ledger. */
  bucketOf?: (doc: Record<string, unknown>) => string,
): void {
  const checked = <D>(documents: D[], since: number): D[] =>
    trusted(documents).filter((document) => {
      const doc = document as Record<string, unknown>;
      const id = String(doc[primary]);
      if (ledger.trusts(id, String(doc._rev), Boolean(doc._deleted), since)) return true;
      hold(id, 'rolled-back');
      return false;
    });
  const findDocumentsById = wrapped.findDocumentsById.bind(wrapped);
  wrapped.findDocumentsById = async (ids, withDeleted) => {
    const since = ledger.mark;
    const found = checked(await findDocumentsById(ids, withDeleted), since);
    if (found.length < ids.length) {
      const present = new Set(found.map((doc) => String((doc as Record<string, unknown>)[primary])));
      for (const id of ids) if (!present.has(id) && ledger.vanished(id, since)) hold(id, 'missing');
    }
    return found;
  };
  const changedSince = wrapped.getChangedDocumentsSince?.bind(wrapped);
  if (changedSince) {
    wrapped.getChangedDocumentsSince = async (limit, checkpoint) => {
      const since = ledger.mark;
      const page = await changedSince(limit, checkpoint);
      return { ...page, documents: checked(page.documents, since) };
    };
  }
  const query = wrapped.query.bind(wrapped);
  wrapped.query = async (prepared) => {
    // A query with a limit is read again when it held a row: the row took a place the limit counted (a probe of
    // one row would come back empty with rows after it, log-access.ts), and the storage's read leaves held rows out
    // of the limit (vault-storage.ts).
    for (;;) {
      const since = ledger.mark;
      const before = held.size;
      const result = await query(prepared);
      const documents = checked(result.documents, since);
      if (typeof prepared.query.limit !== 'number' || held.size === before) return { documents };
    }
  };
  const changeStream = wrapped.changeStream.bind(wrapped);
  wrapped.changeStream = () =>
    changeStream().pipe(
      map((bulk) => ({
        ...bulk,
        events: bulk.events.filter((event) => (event.documentData as unknown) !== QUARANTINED),
      })),
    );
  const bulkWrite = wrapped.bulkWrite.bind(wrapped);
  const idOf = (doc: unknown) => String((doc as Record<string, unknown>)[primary]);
  wrapped.bulkWrite = async (rows, context) => {
    // A write over a state the ledger does not know (RxDB retrying an edit on the row it found on disk, rolled back
    // there) would carry the rolled-back values on as the person's edit: the row is read (which quarantines it if
    // it is not what the ledger recorded), and a write over a quarantined row is refused. A merely outdated state
    // passes: the storage answers it with a conflict, as always.
    const unknown = rows.filter(({ previous }) => {
      const prev = previous as Record<string, unknown> | undefined;
      return prev && !ledger.current(idOf(prev), String(prev._rev), Boolean(prev._deleted));
    });
    if (unknown.length > 0)
      await wrapped.findDocumentsById(
        unknown.map((row) => idOf(row.document)),
        true,
      );
    const refused = rows.filter((row) => row.previous && held.has(idOf(row.document)));
    const allowed = refused.length > 0 ? rows.filter((row) => !refused.includes(row)) : rows;
    const result = await ledger.write(
      allowed.map(({ document }) => {
        const doc = document as Record<string, unknown>;
        return {
          id: idOf(doc),
          rev: String(doc._rev),
          deleted: Boolean(doc._deleted),
          ...(bucketOf ? { bucket: bucketOf(doc) } : {}),
        };
      }),
      () => bulkWrite(allowed, context),
    );
    if (refused.length === 0) return result;
    const errors = refused.map(
      (writeRow) =>
        ({
          status: 422,
          isError: true,
          documentId: idOf(writeRow.document),
          writeRow,
          context,
          validationErrors: [{ message: 'quarantined: the row on disk is not what this device wrote' }],
        }) as unknown as RxStorageWriteError<T>,
    );
    return { ...result, error: [...result.error, ...errors] };
  };
  const close = wrapped.close.bind(wrapped);
  wrapped.close = async () => {
    await close();
    await ledger.close();
  };
  const remove = wrapped.remove.bind(wrapped);
  wrapped.remove = async () => {
    await remove();
    await ledger.remove();
  };
}
