import { loadSodium } from '../../shared/crypto/index';
import { legacyEntryHash, legacySealOf } from '../../shared/crypto/audit-verify';
import type { AuditEvent } from '../../shared/domain/audit';
import type { Queryable } from '../db/database';

/**
 * Migration 13 (issue 18, review): the legacy access-log entries (version 0 events that migration 8 converted,
 * unsigned) are sealed: their count and digest are recorded once, and every checkpoint from now on signs that seal,
 * so the verifier finds a legacy entry altered, added or removed. The server refuses any new legacy entry.
 * Refused pushes of a device's chain are recorded (audit_chain_stops): the DPO's console shows the stopped chain.
 */
export const auditLedgerMigration = {
  version: 13,
  name: 'access log: legacy seal, stopped chains',
  sql: `
    CREATE TABLE audit_legacy_seal (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      count integer NOT NULL,
      digest text NOT NULL,
      sealed_at bigint NOT NULL
    );
    ALTER TABLE audit_checkpoints ADD COLUMN legacy jsonb;
    CREATE TABLE audit_chain_stops (
      id bigserial PRIMARY KEY,
      device_id uuid NOT NULL,
      staff_id uuid NOT NULL,
      entry_id text NOT NULL,
      seq integer NOT NULL,
      reason text NOT NULL,
      at bigint NOT NULL
    );
    CREATE INDEX audit_chain_stops_device ON audit_chain_stops (device_id, id);
  `,
  async run(tx: Queryable) {
    const sodium = await loadSodium();
    const rows = await tx.query<{ id: string; data: unknown }>(
      `SELECT id, data FROM sync_documents WHERE collection = 'auditEvents' AND data->>'legacy' = 'true'`,
    );
    const hashes = rows.map((row) => {
      const entry = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as AuditEvent;
      return { id: entry.id, hash: legacyEntryHash(sodium, entry) };
    });
    const seal = legacySealOf(sodium, hashes);
    await tx.query('INSERT INTO audit_legacy_seal (count, digest, sealed_at) VALUES ($1, $2, $3)', [
      seal.count,
      seal.digest,
      Date.now(),
    ]);
  },
};
