/**
 * Migration 20 (issue 14, back-dating): when the server received each consent record, on its own clock. The server
 * judges a record in force from its stated date or from its receipt, whichever is later (shared/domain/
 * consent-receipt.ts); the record itself keeps the client's stated date. Record ids and times only (the records are in
 * sync_documents, exported with the client's data). Records stored
 * before have no receipt and are counted from their `recordedAt`.
 */
export const consentReceiptsMigration = {
  version: 20,
  name: 'consent record receipts',
  sql: `
    CREATE TABLE consent_receipts (
      id text PRIMARY KEY,
      received_at bigint NOT NULL
    );
  `,
};
