import { createHash } from 'node:crypto';
import {
  migrateConsentV0,
  migrateConsentV0Withdrawal,
  type ConsentRecord,
  type ConsentV0,
} from '../../../shared/domain/consent';
import { allDocuments, writeDocuments, type StoredDocument } from '../../sync/documents';
import type { Queryable } from '../database';

/**
 * The id of the legacy `withdrawn` record a version 0 entry's withdrawal becomes: derived from the entry's id
 * (SHA-256, shaped as a version 8 UUID), so that converting again names the same record.
 */
export function legacyWithdrawalId(entryId: string): string {
  const hex = createHash('sha256').update(`lumina.consent-v0-withdrawal:${entryId}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const isV0 = (data: Record<string, unknown>) => !('action' in data) && 'policyVersion' in data;

/**
 * Converts the stored version 0 consent entries to version 1 records (shared/domain/consent.ts
 * `migrateConsentV0`), deleted ones included (a device validates what it pulls against version 1), and writes
 * the withdrawal an entry carried as a legacy `withdrawn` record of its own. Each written document takes a new
 * seq, so every device pulls it again. Records already in version 1 are left alone: running it twice writes
 * nothing the second time. Returns how many documents it wrote.
 */
export async function convertConsentsToV1(tx: Queryable): Promise<number> {
  const stored = await allDocuments(tx, 'consents');
  const held = new Set(stored.map((doc) => doc.id));
  const written: StoredDocument[] = [];
  const write = (id: string, deleted: boolean, record: ConsentRecord, former: string[]) =>
    written.push({
      id,
      deleted,
      data: record as unknown as Record<string, unknown>,
      former_assignees: former,
    });
  for (const doc of stored) {
    if (!isV0(doc.data)) continue;
    const entry = doc.data as unknown as ConsentV0;
    write(doc.id, doc.deleted, migrateConsentV0(entry), doc.former_assignees);
    const withdrawalId = legacyWithdrawalId(doc.id);
    const withdrawal = doc.deleted ? undefined : migrateConsentV0Withdrawal(entry, withdrawalId);
    if (withdrawal && !held.has(withdrawalId)) write(withdrawalId, false, withdrawal, doc.former_assignees);
  }
  await writeDocuments(tx, 'consents', written);
  return written.length;
}
