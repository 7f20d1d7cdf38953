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
    ALTER TABLE audit_checkpoints ADD COLUMN ledgers jsonb;

    -- The server's own ledgers, staff_events and incident_revisions, are hash chains (server/audit/ledgers.ts):
    -- each row holds the hash of the previous row and its own, hash = hex SHA-256(prev hash, LF, the row's text);
    -- rows are numbered in chain order under a lock, and checkpoints sign each chain's head.
    ALTER TABLE staff_events ADD COLUMN prev_hash text, ADD COLUMN hash text;
    CREATE FUNCTION staff_event_hash(prev text, e staff_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(coalesce(prev, '') || chr(10) || concat_ws('|', (e).id, (e).at,
        coalesce((e).actor::text, ''), (e).kind, coalesce((e).staff_id::text, ''), coalesce((e).device_id::text, ''),
        (e).detail::text), 'UTF8')), 'hex')
    $$;
    DO $$
    DECLARE r staff_events; last text := NULL;
    BEGIN
      FOR r IN SELECT * FROM staff_events ORDER BY id LOOP
        UPDATE staff_events SET prev_hash = last, hash = staff_event_hash(last, r) WHERE id = r.id;
        last := staff_event_hash(last, r);
      END LOOP;
    END $$;
    CREATE FUNCTION staff_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(7264501);
      -- Numbered after the lock: id order is chain order.
      NEW.id := nextval(pg_get_serial_sequence('staff_events', 'id'));
      SELECT hash INTO NEW.prev_hash FROM staff_events ORDER BY id DESC LIMIT 1;
      NEW.hash := staff_event_hash(NEW.prev_hash, NEW);
      RETURN NEW;
    END $$;
    CREATE TRIGGER staff_events_chain BEFORE INSERT ON staff_events
      FOR EACH ROW EXECUTE FUNCTION staff_events_chain();

    ALTER TABLE incident_revisions ADD COLUMN chain_seq bigint UNIQUE, ADD COLUMN prev_hash text,
      ADD COLUMN hash text;
    CREATE FUNCTION incident_revision_hash(prev text, r incident_revisions) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(coalesce(prev, '') || chr(10) || concat_ws('|', (r).chain_seq, (r).incident_id,
        (r).revision, (r).at, (r).by_staff, (r).changed::text, (r).state::text), 'UTF8')), 'hex')
    $$;
    ALTER TABLE incident_revisions DISABLE TRIGGER incident_revisions_append_only;
    DO $$
    DECLARE r incident_revisions; n bigint := 0; last text := NULL;
    BEGIN
      FOR r IN SELECT * FROM incident_revisions ORDER BY at, incident_id, revision LOOP
        n := n + 1;
        r.chain_seq := n;
        UPDATE incident_revisions SET chain_seq = n, prev_hash = last, hash = incident_revision_hash(last, r)
          WHERE incident_id = r.incident_id AND revision = r.revision;
        last := incident_revision_hash(last, r);
      END LOOP;
    END $$;
    ALTER TABLE incident_revisions ENABLE TRIGGER incident_revisions_append_only;
    CREATE FUNCTION incident_revisions_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(7264502);
      SELECT chain_seq, hash INTO NEW.chain_seq, NEW.prev_hash FROM incident_revisions
        ORDER BY chain_seq DESC NULLS LAST LIMIT 1;
      NEW.chain_seq := coalesce(NEW.chain_seq, 0) + 1;
      NEW.hash := incident_revision_hash(NEW.prev_hash, NEW);
      RETURN NEW;
    END $$;
    CREATE TRIGGER incident_revisions_chain BEFORE INSERT ON incident_revisions
      FOR EACH ROW EXECUTE FUNCTION incident_revisions_chain();
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

/**
 * Migration 21 (issue 18, second review): checkpoints become a numbered sequence, each naming its predecessor
 * (column link: { prev }), and the checkpoint key leaves the database for the server's key directory
 * (server/audit/signer.ts). The key the database held is retired: its secret half is erased here, its public half
 * kept to verify the checkpoints it signed (the unlinked ones, before the sequence begins).
 */
export const auditCheckpointSequenceMigration = {
  version: 21,
  name: 'access log: checkpoint sequence, key out of the database',
  sql: `
    ALTER TABLE audit_checkpoints ADD COLUMN link jsonb;
    ALTER TABLE audit_server_key ALTER COLUMN secret_key DROP NOT NULL;
    UPDATE audit_server_key SET secret_key = NULL;
  `,
};

/**
 * Migration 24 (issue 18, scale of the console): the console filters the whole log on the server
 * (server/audit/entries.ts) by client, staff member, device, action and device time, newest first. These partial
 * indexes over the access log's documents keep each filter and the count an index scan, not a pass over the log.
 * And a stopped chain can be resumed: the stop records the resume that answered it.
 */
export const auditEntriesIndexMigration = {
  version: 24,
  name: 'access log: indexes for the console filters',
  sql: `
    CREATE INDEX audit_entries_at ON sync_documents ((((data->>'at')::bigint)), id)
      WHERE collection = 'auditEvents';
    CREATE INDEX audit_entries_staff ON sync_documents ((data->>'staffId'), (((data->>'at')::bigint)))
      WHERE collection = 'auditEvents';
    CREATE INDEX audit_entries_client ON sync_documents ((data->>'clientId'), (((data->>'at')::bigint)))
      WHERE collection = 'auditEvents';
    CREATE INDEX audit_entries_device ON sync_documents ((data->>'deviceId'), (((data->>'at')::bigint)))
      WHERE collection = 'auditEvents';
    CREATE INDEX audit_entries_kind ON sync_documents ((data->>'kind'), (((data->>'at')::bigint)))
      WHERE collection = 'auditEvents';
    -- A stopped chain resumed by the device (docs/crypto-spec.md, "Resuming a stopped chain"): the resume entry.
    ALTER TABLE audit_chain_stops ADD COLUMN resumed_by uuid;
    ALTER TABLE audit_chain_stops ADD COLUMN resumed_at bigint;
  `,
};
