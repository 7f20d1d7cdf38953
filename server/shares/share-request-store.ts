import { randomUUID } from 'node:crypto';
import {
  inScope,
  readScope,
  type ShareField,
  type ShareRequest,
  type ShareRequestCreate,
  type ShareRequestStatus,
} from '../../shared/index';
import { conflict, forbidden, notFound } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { vouchedFor } from '../staff/identity';
import { documentById } from '../sync/documents';

interface ShareRequestRow {
  id: string;
  client_id: string;
  partner_name: string;
  purpose: string;
  fields: ShareField[];
  status: ShareRequestStatus;
  requested_by: string;
  requested_at: string | number;
  decided_by: string | null;
  decided_at: string | number | null;
  decision_note: string | null;
}

const COLUMNS =
  'id, client_id, partner_name, purpose, fields, status, requested_by, requested_at, decided_by, decided_at, ' +
  'decision_note';

function toShareRequest(row: ShareRequestRow): ShareRequest {
  return {
    id: row.id,
    clientId: row.client_id,
    partnerName: row.partner_name,
    purpose: row.purpose,
    fields: row.fields,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: Number(row.requested_at),
    ...(row.decided_by !== null ? { decidedBy: row.decided_by, decidedAt: Number(row.decided_at) } : {}),
    ...(row.decision_note !== null ? { decisionNote: row.decision_note } : {}),
  };
}

/** Share requests and their decisions in PostgreSQL (migration 6). No data leaves for a partner from here. */
export class ShareRequestStore {
  constructor(private readonly db: Database) {}

  /**
   * 404 `client-not-found` when the client does not exist, is deleted, or is outside the caller's read scope
   * (a concierge learns nothing of clients not assigned to them).
   */
  async create(caller: Caller, request: ShareRequestCreate, now: number): Promise<ShareRequest> {
    const client = await documentById(this.db, 'clients', request.clientId);
    const assigned = client as { assignedStaffIds?: string[] } | undefined;
    if (!client || client._deleted || !inScope(readScope(caller.role, 'clients'), caller.staffId, assigned)) {
      throw notFound('client-not-found');
    }
    const [row] = await this.db.query<ShareRequestRow>(
      `INSERT INTO share_requests (id, client_id, partner_name, purpose, fields, status, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        request.clientId,
        request.partnerName,
        request.purpose,
        JSON.stringify(request.fields),
        caller.staffId,
        now,
      ],
    );
    return toShareRequest(row!);
  }

  /**
   * Approves or refuses a pending request: two different people, the requester and the decider, both recorded.
   * 404 for an unknown request, 403 `own-request` when the approver asked for it, 403 `approver-vouched-by-requester`
   * when the requester invited the approver or approved one of their devices (the approver could be the
   * requester's own creation), 409 `request-already-decided` once decided.
   */
  async decide(
    caller: Caller,
    requestId: string,
    status: Exclude<ShareRequestStatus, 'pending'>,
    note: string | undefined,
    now: number,
  ): Promise<ShareRequest> {
    const [asked] = await this.db.query<{ requested_by: string }>(
      'SELECT requested_by FROM share_requests WHERE id = $1',
      [requestId],
    );
    if (
      asked &&
      asked.requested_by !== caller.staffId &&
      (await vouchedFor(this.db, asked.requested_by, caller.staffId))
    ) {
      throw forbidden('approver-not-vouched-by-requester', 'approver-vouched-by-requester');
    }
    // One statement, so two decisions at once cannot both succeed.
    const [row] = await this.db.query<ShareRequestRow>(
      `UPDATE share_requests SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5
        WHERE id = $1 AND status = 'pending' AND requested_by <> $3 RETURNING ${COLUMNS}`,
      [requestId, status, caller.staffId, now, note ?? null],
    );
    if (row) return toShareRequest(row);
    const [existing] = await this.db.query<{ requested_by: string }>(
      'SELECT requested_by FROM share_requests WHERE id = $1',
      [requestId],
    );
    if (!existing) throw notFound('request-not-found');
    if (existing.requested_by === caller.staffId) throw forbidden('approver-not-requester', 'own-request');
    throw conflict('request-already-decided');
  }

  /** Every request, or those with a status, oldest first. */
  async list(status?: ShareRequestStatus): Promise<ShareRequest[]> {
    const rows = await this.db.query<ShareRequestRow>(
      `SELECT ${COLUMNS} FROM share_requests WHERE $1::text IS NULL OR status = $1::text
        ORDER BY requested_at, id`,
      [status ?? null],
    );
    return rows.map(toShareRequest);
  }
}
