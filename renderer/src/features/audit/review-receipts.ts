import { useEffect, useState } from 'react';
import {
  auditEntriesCursor,
  auditEntriesSearch,
  AUDIT_ENTRIES_MAX,
  type AuditEntriesPage,
} from '../../../../shared/domain/audit-api';
import { useSession } from '../../session/index';

/** At most this many pages of a week's entries are read for their receipt times (20,000 entries). */
const MAX_PAGES = 40;

/**
 * The server's receipt time of each entry of the log in [from, to) (device time), read from the server
 * (GET /audit/entries, a page at a time by cursor) so that the weekly review decides "out of hours" by the server's
 * clock rather than the device's (shared/domain/audit-review.ts). Read again when `version` changes (this device's
 * copy of the log grew). Entries not (yet) read, or beyond MAX_PAGES, fall back to their device time.
 */
export function useReceiptTimes(
  from: number,
  to: number,
  version: number | undefined,
): ReadonlyMap<string, number> {
  const { staff } = useSession();
  const [times, setTimes] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    if (version === undefined) return;
    let live = true;
    void (async () => {
      const found = new Map<string, number>();
      let before: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { entries } = await staff.send<AuditEntriesPage>(
          'GET',
          auditEntriesSearch({ from, to, limit: AUDIT_ENTRIES_MAX, ...(before ? { before } : {}) }),
        );
        for (const { entry, receivedAt } of entries)
          if (receivedAt !== undefined) found.set(entry.id, receivedAt);
        if (entries.length < AUDIT_ENTRIES_MAX) break;
        before = auditEntriesCursor(entries[entries.length - 1]!.entry);
      }
      if (live) setTimes(found);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [staff, from, to, version]);
  return times;
}
