import type { ConsentRecord } from '../../shared/domain/consent';
import type { ConsentReceipts } from '../../shared/domain/consent-receipt';
import type { Queryable } from '../db/database';

type Tx = Pick<Queryable, 'query'>;

/**
 * The server's receipt of a consent record (migration 20), written in the push's transaction as the record is
 * accepted (server/sync/routes.ts), so a refused push keeps none. A retry of a record held keeps its first receipt.
 */
export async function recordConsentReceipt(tx: Tx, recordId: string, receivedAt: number): Promise<void> {
  await tx.query(
    'INSERT INTO consent_receipts (id, received_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
    [recordId, receivedAt],
  );
}

/** The receipts held of the records named, by record id. */
export async function consentReceiptsOf(tx: Tx, recordIds: readonly string[]): Promise<Map<string, number>> {
  if (recordIds.length === 0) return new Map();
  const rows = await tx.query<{ id: string; received_at: string | number }>(
    'SELECT id, received_at FROM consent_receipts WHERE id = ANY($1::text[])',
    [[...recordIds]],
  );
  return new Map(rows.map((row) => [row.id, Number(row.received_at)]));
}

/** The receipts of `records` held, with `now` for those of this push not yet written (accepted so far). */
export function withPending(
  held: ConsentReceipts,
  pending: readonly Pick<ConsentRecord, 'id'>[],
  now: number,
): ConsentReceipts {
  const all = new Map(held);
  for (const record of pending) if (!all.has(record.id)) all.set(record.id, now);
  return all;
}
