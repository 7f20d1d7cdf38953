import { randomUUID } from 'node:crypto';
import type { ApplyLegalHoldRequest, LegalHold } from '../../shared/index';
import { conflict, notFound } from '../auth/api-error';
import type { Database } from '../db/database';
import { documentById } from '../sync/documents';
import { lockSyncWrites } from '../sync/write-lock';

interface LegalHoldRow {
  id: string;
  client_id: string;
  reason: string;
  applied_by: string;
  applied_at: string | number;
  lift_reason: string | null;
  lifted_by: string | null;
  lifted_at: string | number | null;
}

const COLUMNS = 'id, client_id, reason, applied_by, applied_at, lift_reason, lifted_by, lifted_at';

function toHold(row: LegalHoldRow): LegalHold {
  return {
    id: row.id,
    clientId: row.client_id,
    reason: row.reason,
    appliedBy: row.applied_by,
    appliedAt: Number(row.applied_at),
    ...(row.lifted_at !== null
      ? { liftReason: row.lift_reason!, liftedBy: row.lifted_by!, liftedAt: Number(row.lifted_at) }
      : {}),
  };
}

/** Whether a client is under a legal hold not lifted; read in the caller's transaction (a push's). */
export async function isClientHeld(db: Pick<Database, 'query'>, clientId: string): Promise<boolean> {
  const [row] = await db.query(
    'SELECT 1 FROM legal_holds WHERE client_id::text = $1 AND lifted_at IS NULL LIMIT 1',
    [clientId],
  );
  return row !== undefined;
}

/** Which of these clients are under a legal hold not lifted, in one statement; read in the caller's transaction. */
export async function heldClients(
  db: Pick<Database, 'query'>,
  clientIds: readonly string[],
): Promise<Set<string>> {
  if (clientIds.length === 0) return new Set();
  const rows = await db.query<{ client_id: string }>(
    `SELECT DISTINCT client_id::text AS client_id FROM legal_holds
      WHERE client_id::text IN (SELECT jsonb_array_elements_text($1::jsonb)) AND lifted_at IS NULL`,
    [JSON.stringify(clientIds)],
  );
  return new Set(rows.map((row) => row.client_id));
}

/** Legal holds in PostgreSQL (migration 6). */
export class LegalHoldStore {
  constructor(private readonly db: Database) {}

  /**
   * 404 `client-not-found` when the server holds no document of the client (deleted ones count: they exist).
   * Placed under the sync write lock, which an erasure holds from its check of the holds to its commit (and a push
   * from its rules to its commit): no erasure or deletion of the client can pass the check and then be written
   * while this hold stands.
   */
  async apply(staffId: string, request: ApplyLegalHoldRequest, now: number): Promise<LegalHold> {
    return this.db.transaction(async (tx) => {
      await lockSyncWrites(tx);
      const client = await documentById(tx, 'clients', request.clientId);
      if (!client) throw notFound('client-not-found');
      const [row] = await tx.query<LegalHoldRow>(
        `INSERT INTO legal_holds (id, client_id, reason, applied_by, applied_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${COLUMNS}`,
        [randomUUID(), request.clientId, request.reason, staffId, now],
      );
      return toHold(row!);
    });
  }

  /** 404 for an unknown hold, 409 `hold-already-lifted` for one lifted before. */
  async lift(staffId: string, holdId: string, reason: string, now: number): Promise<LegalHold> {
    // One statement, so two lifts at once cannot both succeed.
    const [row] = await this.db.query<LegalHoldRow>(
      `UPDATE legal_holds SET lift_reason = $2, lifted_by = $3, lifted_at = $4
        WHERE id = $1 AND lifted_at IS NULL RETURNING ${COLUMNS}`,
      [holdId, reason, staffId, now],
    );
    if (row) return toHold(row);
    const [existing] = await this.db.query('SELECT 1 FROM legal_holds WHERE id = $1', [holdId]);
    throw existing ? conflict('hold-already-lifted') : notFound('hold-not-found');
  }

  /** Every hold, or a client's, oldest first; lifted ones included. */
  async list(clientId?: string): Promise<LegalHold[]> {
    const rows = await this.db.query<LegalHoldRow>(
      `SELECT ${COLUMNS} FROM legal_holds WHERE $1::uuid IS NULL OR client_id = $1::uuid
        ORDER BY applied_at, id`,
      [clientId ?? null],
    );
    return rows.map(toHold);
  }

  /** Whether retention must keep the client whole: at least one hold not lifted. */
  async isHeld(clientId: string): Promise<boolean> {
    return isClientHeld(this.db, clientId);
  }
}
