/**
 * Migration 27 (issue 18, the breach register's remaining gaps; docs/audit.md, "The breach register"):
 *
 * - **Notifications** (each affected person told) become a ledger like the incidents' revisions: a trigger refuses
 *   UPDATE and DELETE (as for incident_revisions: TRUNCATE, like disabling a trigger, is the table owner's, and
 *   what a checkpoint signed then finds the chain emptied); the rows are one hash chain over the whole table (chain_seq, prev_hash, hash, set
 *   by a trigger under a lock, hash = hex SHA-256(prev hash, LF, the row's text)), whose head every checkpoint
 *   signs (server/audit/ledgers.ts); and each row holds `recorded_at`, when the server recorded it (its clock, or
 *   the database's when an INSERT gives none), so that a notification recorded late with an earlier "told at"
 *   shows as late. Rows recorded before keep recorded_at NULL (the time was not kept) and are chained in the order
 *   they were told.
 * - **Discovery** (time and discoverer, which start the PPC and GDPR clocks) goes under the revisions: from now on
 *   every revision's state carries them (the first as recorded, a correction only as a new revision). Each incident
 *   recorded before gets one more revision, by the server (by_staff NULL), changed `discovery-kept`, whose state is
 *   its last revision's with the discovery as it stands (never the live row's facts or report times: a live row
 *   changed around the API before the upgrade is then found): from here on the live row is compared with its last
 *   revision by the ledger check (server/audit/ledger-check.ts), which also finds a `discovery-kept` changing more
 *   than the discovery (server/audit/ledger-rules.ts).
 */
export const incidentLedgerMigration = {
  version: 27,
  name: 'breach register: notifications chained and append-only, discovery under the revisions',
  sql: `
    ALTER TABLE incident_notifications ADD COLUMN recorded_at bigint, ADD COLUMN chain_seq bigint UNIQUE,
      ADD COLUMN prev_hash text, ADD COLUMN hash text;
    CREATE FUNCTION incident_notification_hash(prev text, n incident_notifications) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(coalesce(prev, '') || chr(10) || concat_ws('|', (n).chain_seq, (n).id,
        (n).incident_id, (n).client_id, (n).channel, (n).language, (n).notified_at, (n).notified_by,
        coalesce((n).recorded_at::text, '')), 'UTF8')), 'hex')
    $$;
    DO $$
    DECLARE r incident_notifications; k bigint := 0; last text := NULL;
    BEGIN
      FOR r IN SELECT * FROM incident_notifications ORDER BY notified_at, id LOOP
        k := k + 1;
        r.chain_seq := k;
        UPDATE incident_notifications SET chain_seq = k, prev_hash = last, hash = incident_notification_hash(last, r)
          WHERE id = r.id;
        last := incident_notification_hash(last, r);
      END LOOP;
    END $$;
    CREATE FUNCTION incident_notifications_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(7264503);
      NEW.recorded_at := coalesce(NEW.recorded_at, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
      SELECT chain_seq, hash INTO NEW.chain_seq, NEW.prev_hash FROM incident_notifications
        ORDER BY chain_seq DESC NULLS LAST LIMIT 1;
      NEW.chain_seq := coalesce(NEW.chain_seq, 0) + 1;
      NEW.hash := incident_notification_hash(NEW.prev_hash, NEW);
      RETURN NEW;
    END $$;
    CREATE TRIGGER incident_notifications_chain BEFORE INSERT ON incident_notifications
      FOR EACH ROW EXECUTE FUNCTION incident_notifications_chain();
    CREATE FUNCTION incident_notifications_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'incident notifications are append-only';
    END
    $$;
    CREATE TRIGGER incident_notifications_append_only BEFORE UPDATE OR DELETE ON incident_notifications
      FOR EACH ROW EXECUTE FUNCTION incident_notifications_append_only();

    -- The server's own revisions (this migration's) name no staff member.
    ALTER TABLE incident_revisions ALTER COLUMN by_staff DROP NOT NULL;
    -- The last revision's state (not the live row's: a live row changed before the upgrade stays found), with
    -- the live discovery, which no revision kept before. Dated now by the database's clock, or at the latest
    -- revision if later (the server's clock, which dated them, ahead of the database's): never earlier than a
    -- revision before it in chain order (the ledger check's time-backwards rule).
    INSERT INTO incident_revisions (incident_id, revision, at, by_staff, changed, state)
      SELECT i.id, coalesce(r.revision, 0) + 1,
        greatest((extract(epoch FROM now()) * 1000)::bigint, (SELECT max(at) FROM incident_revisions)), NULL,
        '["discovery-kept"]'::jsonb,
        (coalesce(r.state, '{}'::jsonb) - 'discoveredAt' - 'discoveredBy')
          || jsonb_build_object('discoveredAt', i.discovered_at, 'discoveredBy', i.discovered_by)
      FROM incidents i
        LEFT JOIN LATERAL (SELECT revision, state FROM incident_revisions WHERE incident_id = i.id
          ORDER BY revision DESC LIMIT 1) r ON true
      ORDER BY i.discovered_at, i.id;
  `,
};
