/**
 * Migration 17 (issue 23): requests for access to a client's sealed medical section. A row holds ids and times,
 * never a medical value; at most one open request per person and client.
 */
export const medicalAccessMigration = {
  version: 17,
  name: 'requests for medical access',
  sql: `
    CREATE TABLE medical_access_requests (
      id uuid PRIMARY KEY,
      client_id uuid NOT NULL,
      asked_by uuid NOT NULL REFERENCES staff (id),
      asked_at bigint NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'granted', 'declined', 'withdrawn')),
      closed_by uuid REFERENCES staff (id),
      closed_at bigint,
      CHECK ((status = 'open') = (closed_by IS NULL) AND (closed_by IS NULL) = (closed_at IS NULL))
    );
    CREATE UNIQUE INDEX medical_access_open ON medical_access_requests (client_id, asked_by) WHERE status = 'open';
    CREATE INDEX medical_access_status ON medical_access_requests (status, asked_at);
  `,
};
