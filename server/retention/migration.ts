/**
 * Migration 12 (issue 17): the retention schedule's rules, and erasures of a part of a client (its passport data
 * or its medical section) beside whole-client ones. The law's minimums are checked here too, under the API's.
 */
export const retentionRulesMigration = {
  version: 12,
  name: 'retention rules and partial erasures',
  sql: `
    CREATE TABLE retention_rules (
      category text PRIMARY KEY CHECK (category IN ('passport', 'medical', 'client-record', 'consent-records',
                                                     'access-log', 'provision-records', 'receipts')),
      period integer NOT NULL CHECK (period > 0),
      active boolean NOT NULL,
      updated_by uuid NOT NULL REFERENCES staff (id),
      updated_at bigint NOT NULL,
      CHECK (category <> 'provision-records' OR period >= 3),
      CHECK (category <> 'receipts' OR period >= 7)
    );
    ALTER TABLE erasures ADD COLUMN scope text NOT NULL DEFAULT 'client'
      CHECK (scope IN ('client', 'passport', 'medical'));
    -- A retention rule's erasure: the time its rule counted from (the last trip's end...); one per anchor.
    ALTER TABLE erasures ADD COLUMN anchor_at bigint;
    DROP INDEX erasures_pending_client;
    CREATE UNIQUE INDEX erasures_pending_client ON erasures (client_id, scope) WHERE status = 'scheduled';
  `,
};
