/**
 * Migration 10 (issue 17): erasures and the devices that confirmed their purge. An erasure row holds ids, times
 * and counts, never a personal value; it is kept after the client is gone, as the certificate's source.
 */
export const erasuresMigration = {
  version: 10,
  name: 'erasures and purge confirmations',
  sql: `
    CREATE TABLE erasures (
      id uuid PRIMARY KEY,
      client_id uuid NOT NULL,
      basis text NOT NULL CHECK (basis IN ('request', 'retention-rule', 'consent-withdrawal', 'decision')),
      reference text,
      scheduled_by uuid NOT NULL REFERENCES staff (id),
      scheduled_at bigint NOT NULL,
      due_at bigint NOT NULL,
      status text NOT NULL CHECK (status IN ('scheduled', 'cancelled', 'executed')),
      cancelled_by uuid REFERENCES staff (id),
      cancelled_at bigint,
      executed_at bigint,
      report jsonb,
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CHECK ((status = 'executed') = (executed_at IS NOT NULL AND report IS NOT NULL))
    );
    -- At most one pending erasure per client.
    CREATE UNIQUE INDEX erasures_pending_client ON erasures (client_id) WHERE status = 'scheduled';
    CREATE INDEX erasures_due ON erasures (due_at, id) WHERE status = 'scheduled';
    CREATE INDEX erasures_client ON erasures (client_id);
    CREATE TABLE erasure_confirmations (
      erasure_id uuid NOT NULL REFERENCES erasures (id),
      device_id uuid NOT NULL,
      confirmed_at bigint NOT NULL,
      PRIMARY KEY (erasure_id, device_id)
    );
  `,
};
