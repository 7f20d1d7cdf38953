import type { ConsentRecord } from './consent';

/**
 * When the server counts a consent record as in force (issue 14, back-dating): a record says when the client acted
 * (`at`, the client's stated date, kept and shown as recorded), but a device may record it long after, offline, or
 * date it far back (a withdrawal, a refusal or a "told" is not refused for its date). For the decisions the server
 * makes, a record takes effect from its stated `at` or from the moment the server received it, whichever is later:
 *
 * - a gate checked at T (a delivery at T judged on the ledger as of T) is not defeated by a withdrawal dated before
 *   T that reached the server after T: the withdrawal ends consent from its receipt on;
 * - a consent dated before T that reached the server after T does not make an act at T lawful.
 *
 * Judged at the present moment (every record held received before it) the fold gives what it gives on the stated
 * dates; the two differ only for a moment in the past. A record the server holds no receipt for (stored before
 * receipts were kept) is counted from its `recordedAt` (the recording device's clock, bounded by the push rule).
 */

/** The server's receipt time of each consent record it holds (epoch ms, the server's clock), by record id. */
export type ConsentReceipts = ReadonlyMap<string, number>;

/** When the server counts `record` from: its stated `at`, or its receipt if later. */
export function judgedAt(
  record: Pick<ConsentRecord, 'id' | 'at' | 'recordedAt'>,
  receipts: ConsentReceipts,
): number {
  return Math.max(record.at, receipts.get(record.id) ?? record.recordedAt);
}

/** The stated `at` of the copies `asReceived` makes (kept off the record, so that nothing stores or sends it). */
const stated = new WeakMap<ConsentRecord, number>();

/**
 * The client's stated date of a record, also of a copy `asReceived` made: of several consents in force for one key
 * the fold ranks by it (consent-ledger.ts), so that judged now, both readings name the same consent (a delivery's
 * record names the consent it relied on, and the server compares).
 */
export const statedAt = (record: ConsentRecord): number => stated.get(record) ?? record.at;

/**
 * The records as the server judges them: copies whose `at` is `judgedAt`, for the ledger's fold
 * (consent-ledger.ts) to read. Only for deciding: what is shown, stored and signed keeps the stated `at`.
 */
export function asReceived(records: readonly ConsentRecord[], receipts: ConsentReceipts): ConsentRecord[] {
  return records.map((record) => {
    const at = judgedAt(record, receipts);
    if (at === record.at) return record;
    const copy = { ...record, at };
    stated.set(copy, statedAt(record));
    return copy;
  });
}
