/**
 * Migration 11: the breach register's history (issue 18). Each incident's states are revisions, appended and never
 * changed: a trigger refuses UPDATE and DELETE on them, so history stays as it was written whatever the code
 * does. Incidents recorded before get their current state as revision 1 (earlier changes were not kept).
 */
export const incidentHistoryMigration = {
  version: 11,
  name: 'incident-history',
  sql: `
    CREATE TABLE incident_revisions (
      incident_id uuid NOT NULL REFERENCES incidents (id),
      revision integer NOT NULL,
      at bigint NOT NULL,
      by_staff uuid NOT NULL REFERENCES staff (id),
      changed jsonb NOT NULL,
      state jsonb NOT NULL,
      PRIMARY KEY (incident_id, revision)
    );
    INSERT INTO incident_revisions (incident_id, revision, at, by_staff, changed, state)
      SELECT id, 1, updated_at, recorded_by, '["recorded"]'::jsonb,
        jsonb_strip_nulls(jsonb_build_object('facts', facts, 'ppcPreliminaryAt', ppc_preliminary_at,
          'ppcFinalAt', ppc_final_at, 'gdprReportedAt', gdpr_reported_at, 'closedAt', closed_at))
      FROM incidents;
    CREATE FUNCTION incident_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'incident history is append-only';
    END
    $$;
    CREATE TRIGGER incident_revisions_append_only BEFORE UPDATE OR DELETE ON incident_revisions
      FOR EACH ROW EXECUTE FUNCTION incident_revisions_append_only();
  `,
};
