import type { Queryable } from '../database';
import {
  auditCheckpointSequenceMigration,
  auditEntriesIndexMigration,
  auditLedgerMigration,
} from '../../audit/migration';
import { erasuresMigration } from '../../erasure/migration';
import { retentionRulesMigration } from '../../retention/migration';
import { convertConsentsToV1 } from './consent-ledger-v1';
import { incidentHistoryMigration } from './incident-history';
import { medicalAccessMigration } from '../../medical-access/migration';
import { consentReceiptsMigration } from '../../consents/migration';
import { deletedTripDetailsMigration } from '../../trips/migration';
import { sharePurposeCodeMigration } from '../../shares/migration';
import { incidentLedgerMigration } from '../../breaches/migration';

/**
 * Schema migrations, applied in order at start. A migration, once landed, is never edited: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A conversion of stored data that SQL alone cannot make, run after `sql` in the same transaction. */
  run?: (tx: Queryable) => Promise<unknown>;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'sync documents',
    sql: `
      -- One row per replicated document. seq is the server's order of changes: it is taken from
      -- sync_seq while the writer holds the sync advisory lock, so commit order equals seq order.
      CREATE SEQUENCE sync_seq;
      CREATE TABLE sync_documents (
        collection text NOT NULL,
        id text NOT NULL,
        seq bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL,
        server_updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (collection, id)
      );
      CREATE UNIQUE INDEX sync_documents_collection_seq ON sync_documents (collection, seq);
    `,
  },
  {
    version: 2,
    name: 'staff, devices and sessions',
    sql: `
      -- Times are epoch milliseconds, as in the API.
      -- Staff and their devices. The server keeps public keys only; private keys never leave a device.
      CREATE TABLE staff (
        id uuid PRIMARY KEY,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('concierge', 'coordinator', 'manager', 'admin')),
        status text NOT NULL CHECK (status IN ('invited', 'active', 'revoked')),
        created_at bigint NOT NULL,
        revoked_at bigint,
        revoked_by uuid
      );
      CREATE TABLE devices (
        id uuid PRIMARY KEY,
        staff_id uuid NOT NULL REFERENCES staff (id),
        name text NOT NULL,
        box_public_key text NOT NULL,
        sign_public_key text NOT NULL UNIQUE,
        fingerprint text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'active', 'denied', 'expired', 'revoked')),
        created_at bigint NOT NULL,
        last_seen_at bigint,
        revoked_at bigint,
        revoked_by uuid
      );
      CREATE INDEX devices_staff ON devices (staff_id);
      -- One-time codes are kept as SHA-256 hashes: a copy of the database does not hand out enrolments.
      CREATE TABLE setup_codes (
        code_hash text PRIMARY KEY,
        expires_at bigint NOT NULL,
        used_at bigint
      );
      CREATE TABLE invitations (
        id uuid PRIMARY KEY,
        staff_id uuid NOT NULL REFERENCES staff (id),
        code_hash text NOT NULL UNIQUE,
        invited_by uuid NOT NULL REFERENCES staff (id),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint
      );
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY,
        device_id uuid NOT NULL UNIQUE REFERENCES devices (id),
        staff_id uuid NOT NULL REFERENCES staff (id),
        invitation_id uuid REFERENCES invitations (id),
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired')),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        decided_at bigint,
        decided_by uuid REFERENCES staff (id)
      );
      CREATE TABLE auth_challenges (
        id uuid PRIMARY KEY,
        device_id uuid NOT NULL REFERENCES devices (id),
        challenge text NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        device_id uuid NOT NULL REFERENCES devices (id),
        staff_id uuid NOT NULL REFERENCES staff (id),
        expires_at bigint NOT NULL
      );
      CREATE INDEX sessions_device ON sessions (device_id);
      -- What happened to staff and devices, and who did it: invitations, approvals, denials, expiries,
      -- role changes, revocations.
      CREATE TABLE staff_events (
        id bigserial PRIMARY KEY,
        at bigint NOT NULL,
        actor uuid,
        kind text NOT NULL,
        staff_id uuid,
        device_id uuid,
        detail jsonb NOT NULL DEFAULT '{}'
      );
    `,
  },
  {
    version: 3,
    name: 'former assignees',
    sql: `
      -- Staff who were assigned to a document and no longer are: their devices must hear that they lost it.
      ALTER TABLE sync_documents ADD COLUMN former_assignees jsonb NOT NULL DEFAULT '[]'::jsonb;
    `,
  },
  {
    version: 4,
    name: 'assigned-scope indexes',
    sql: `
      -- A concierge's pull keeps the documents assigned to them, or that were ("? staff id" on both arrays):
      -- without these, every such pull reads the whole table. GIN's default jsonb_ops serves the ? operator.
      CREATE INDEX sync_documents_assigned ON sync_documents USING gin ((data->'assignedStaffIds'));
      CREATE INDEX sync_documents_former_assignees ON sync_documents USING gin (former_assignees);
    `,
  },
  {
    version: 5,
    name: 'organisation recovery key, documents by client',
    sql: `
      -- One row: the organisation's recovery public key (X25519, base64url), given by the first admin's device
      -- at setup. Its private half is on a printed sheet, never here.
      CREATE TABLE organisation (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        recovery_public_key text NOT NULL,
        created_at bigint NOT NULL
      );
      -- Push rules look up a client's key wraps (first key) by the client they name.
      CREATE INDEX sync_documents_client ON sync_documents (collection, (data->>'clientId'));
    `,
  },
  {
    version: 6,
    name: 'legal holds, share requests',
    sql: `
      -- A client under a hold that is not lifted is kept whole by retention. Rows are never deleted: a lifted
      -- hold stays as the record of who held and released the client, and why (matter references, no personal
      -- data).
      CREATE TABLE legal_holds (
        id uuid PRIMARY KEY,
        client_id uuid NOT NULL,
        reason text NOT NULL,
        applied_by uuid NOT NULL REFERENCES staff (id),
        applied_at bigint NOT NULL,
        lift_reason text,
        lifted_by uuid REFERENCES staff (id),
        lifted_at bigint,
        CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
      );
      CREATE INDEX legal_holds_client ON legal_holds (client_id);
      -- Requests to share a client's data with a partner, and the decision on each: never by the requester.
      CREATE TABLE share_requests (
        id uuid PRIMARY KEY,
        client_id uuid NOT NULL,
        partner_name text NOT NULL,
        purpose text NOT NULL,
        fields jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
        requested_by uuid NOT NULL REFERENCES staff (id),
        requested_at bigint NOT NULL,
        decided_by uuid REFERENCES staff (id),
        decided_at bigint,
        decision_note text,
        CHECK ((status = 'pending') = (decided_by IS NULL) AND (decided_by IS NULL) = (decided_at IS NULL)),
        CHECK (decided_by <> requested_by)
      );
      CREATE INDEX share_requests_status ON share_requests (status, requested_at);
    `,
  },
  {
    version: 7,
    name: 'consent ledger v1, share requests to partners',
    sql: `
      -- A share request names the partner (its id in the partner directory to come, and its country, ISO 3166-1
      -- alpha-2) so that the consent ledger can be checked; requests made before name a partner by name only.
      -- A request is cancelled when the client withdraws the consent it needs (consent-withdrawn) before delivery.
      ALTER TABLE share_requests ADD COLUMN partner_id uuid;
      ALTER TABLE share_requests ADD COLUMN partner_country text CHECK (partner_country ~ '^[A-Z]{2}$');
      ALTER TABLE share_requests ADD COLUMN cancelled_at bigint;
      ALTER TABLE share_requests ADD COLUMN cancel_reason text;
      ALTER TABLE share_requests ADD COLUMN cancelled_by_record uuid;
      ALTER TABLE share_requests DROP CONSTRAINT share_requests_status_check;
      ALTER TABLE share_requests ADD CONSTRAINT share_requests_status_check
        CHECK (status IN ('pending', 'approved', 'refused', 'cancelled'));
      ALTER TABLE share_requests DROP CONSTRAINT share_requests_check;
      ALTER TABLE share_requests ADD CONSTRAINT share_requests_decision_check
        CHECK ((status = 'pending' OR status = 'cancelled' OR decided_by IS NOT NULL)
          AND (status <> 'pending' OR decided_by IS NULL) AND (decided_by IS NULL) = (decided_at IS NULL));
      ALTER TABLE share_requests ADD CONSTRAINT share_requests_cancel_check
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL) AND (cancelled_at IS NULL) = (cancel_reason IS NULL));
      CREATE INDEX share_requests_client_partner ON share_requests (client_id, partner_id);
    `,
    // Version 0 consent entries become signed-ledger records (unsigned, legacy), with new seqs.
    run: convertConsentsToV1,
  },
  {
    // 8, not 7: issue 14's consent ledger takes 7 on its branch.
    version: 8,
    name: 'access log chain and checkpoints, breach register',
    sql: `
      -- Version 0 access-log events become version 1 entries marked legacy (unchained, unsigned), with a new seq
      -- so every device pulls them again; nothing is dropped.
      UPDATE sync_documents
        SET data = data || '{"seq": 0, "legacy": true}'::jsonb, seq = nextval('sync_seq'), server_updated_at = now()
        WHERE collection = 'auditEvents' AND NOT (data ? 'seq');
      -- One row per accepted chained entry: the server's index of each device's chain (head = highest seq), and
      -- the time the server received the entry, which is outside what the device signed.
      CREATE TABLE audit_chain (
        device_id uuid NOT NULL,
        seq integer NOT NULL,
        hash text NOT NULL,
        entry_id uuid NOT NULL UNIQUE,
        received_at bigint NOT NULL,
        PRIMARY KEY (device_id, seq)
      );
      CREATE INDEX audit_chain_received ON audit_chain (received_at);
      -- The server's Ed25519 key for checkpoints, made at first start. Its public half is served
      -- (GET /audit/server-key) and printed in the console so that the DPO can pin it.
      CREATE TABLE audit_server_key (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        public_key text NOT NULL,
        secret_key text NOT NULL,
        created_at bigint NOT NULL
      );
      -- Signed statements of every device's chain head; never deleted.
      CREATE TABLE audit_checkpoints (
        id bigserial PRIMARY KEY,
        at bigint NOT NULL,
        heads jsonb NOT NULL,
        signature text NOT NULL
      );
      -- The breach register (APPI Art. 26, GDPR Art. 33): every incident is kept, reported or not; rows are
      -- updated as facts change and never deleted. No personal values: clients by id, staff by id.
      CREATE TABLE incidents (
        id uuid PRIMARY KEY,
        discovered_at bigint NOT NULL,
        discovered_by uuid NOT NULL REFERENCES staff (id),
        recorded_by uuid NOT NULL REFERENCES staff (id),
        recorded_at bigint NOT NULL,
        facts jsonb NOT NULL,
        ppc_preliminary_at bigint,
        ppc_final_at bigint,
        gdpr_reported_at bigint,
        closed_at bigint,
        updated_at bigint NOT NULL
      );
      CREATE INDEX incidents_discovered ON incidents (discovered_at);
      -- Each affected person told: when, how, in which language, by whom.
      CREATE TABLE incident_notifications (
        id uuid PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incidents (id),
        client_id uuid NOT NULL,
        channel text NOT NULL,
        language text NOT NULL,
        notified_at bigint NOT NULL,
        notified_by uuid NOT NULL REFERENCES staff (id)
      );
      CREATE INDEX incident_notifications_incident ON incident_notifications (incident_id);
    `,
  },
  {
    // Issue 15: a share request names the booked trip item it serves (requests made before do not).
    version: 9,
    name: 'share requests serve a booked trip item',
    sql: `
      ALTER TABLE share_requests ADD COLUMN trip_id uuid;
      ALTER TABLE share_requests ADD COLUMN trip_item_id uuid;
    `,
  },
  // 9 is issue 15's (partners); gaps are fine (migrate.ts applies what is missing, in order).
  erasuresMigration,
  incidentHistoryMigration,
  retentionRulesMigration,
  auditLedgerMigration,
  medicalAccessMigration,
  consentReceiptsMigration,
  auditCheckpointSequenceMigration,
  auditEntriesIndexMigration,
  sharePurposeCodeMigration,
  deletedTripDetailsMigration,
  incidentLedgerMigration,
];
