/**
 * Migration 28 (issue 17, retention of the access log): a checkpoint may carry where pruned chains now start
 * (`starts`: the last pruned entry's seq and hash per device, shared/crypto/audit-checkpoint.ts), and the access
 * log's tables refuse every deletion but the retention job's: only an entry at or before its chain's start in the
 * newest checkpoint carrying starts may be deleted, never a legacy entry, and the chain index is never updated.
 * Someone who owns the database can still disable the triggers; the verifier then finds what they removed
 * (docs/audit.md, "Pruning the access log").
 */
export const auditPruneMigration = {
  version: 28,
  name: 'access log: signed prune points, deletions only up to them',
  sql: `
    ALTER TABLE audit_checkpoints ADD COLUMN starts jsonb;
    -- The seq a device's chain starts after, as the newest checkpoint carrying starts says; 0 if never pruned.
    CREATE FUNCTION audit_chain_start(device uuid) RETURNS integer LANGUAGE sql STABLE AS $$
      SELECT coalesce((SELECT (s->>'seq')::integer
                         FROM audit_checkpoints c, jsonb_array_elements(c.starts) s
                        WHERE c.starts IS NOT NULL AND s->>'deviceId' = device::text
                        ORDER BY c.id DESC LIMIT 1), 0)
    $$;
    CREATE FUNCTION audit_chain_prune_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'the access log is append-only';
      END IF;
      IF OLD.seq > audit_chain_start(OLD.device_id) THEN
        RAISE EXCEPTION 'the access log is append-only: only entries up to a signed prune point are removed';
      END IF;
      RETURN OLD;
    END $$;
    CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
      FOR EACH ROW EXECUTE FUNCTION audit_chain_prune_only();
    CREATE FUNCTION audit_entry_prune_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF coalesce(OLD.data->>'legacy', '') = 'true' OR coalesce((OLD.data->>'seq')::integer, 0) <= 0
         OR (OLD.data->>'seq')::integer > audit_chain_start((OLD.data->>'deviceId')::uuid) THEN
        RAISE EXCEPTION 'the access log is append-only: only entries up to a signed prune point are removed';
      END IF;
      RETURN OLD;
    END $$;
    CREATE TRIGGER audit_entries_append_only BEFORE DELETE ON sync_documents
      FOR EACH ROW WHEN (OLD.collection = 'auditEvents') EXECUTE FUNCTION audit_entry_prune_only();
  `,
};
