import { randomUUID } from 'node:crypto';
import {
  can,
  inScope,
  mayClose,
  readScope,
  type MedicalAccessOutcome,
  type MedicalAccessRequest,
} from '../../shared/index';
import { conflict, forbidden, notFound } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { documentById } from '../sync/documents';

interface Row {
  id: string;
  client_id: string;
  asked_by: string;
  asked_at: string | number;
  status: MedicalAccessRequest['status'];
  closed_by: string | null;
  closed_at: string | number | null;
}

const COLUMNS = 'id, client_id, asked_by, asked_at, status, closed_by, closed_at';

function toRequest(row: Row): MedicalAccessRequest {
  return {
    id: row.id,
    clientId: row.client_id,
    askedBy: row.asked_by,
    askedAt: Number(row.asked_at),
    status: row.status,
    ...(row.closed_by !== null ? { closedBy: row.closed_by, closedAt: Number(row.closed_at) } : {}),
  };
}

/** Requests for medical access (migration 17): who asked for which client, and how it ended. */
export class MedicalAccessStore {
  constructor(private readonly db: Database) {}

  /** Whether the client exists and the caller reaches it (404 otherwise: nothing is learned of other clients). */
  private async reachable(caller: Caller, clientId: string): Promise<boolean> {
    const client = (await documentById(this.db, 'clients', clientId)) as
      { _deleted?: boolean; assignedStaffIds?: string[] } | undefined;
    return (
      client !== undefined &&
      !client._deleted &&
      inScope(readScope(caller.role, 'clients'), caller.staffId, client)
    );
  }

  /** 404 `client-not-found` outside the caller's reach; 409 `already-asked` while their request is open. */
  async ask(caller: Caller, clientId: string, now: number): Promise<MedicalAccessRequest> {
    if (!(await this.reachable(caller, clientId))) throw notFound('client-not-found');
    const [row] = await this.db.query<Row>(
      `INSERT INTO medical_access_requests (id, client_id, asked_by, asked_at, status)
       VALUES ($1, $2, $3, $4, 'open') ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [randomUUID(), clientId, caller.staffId, now],
    );
    if (!row) throw conflict('already-asked');
    return toRequest(row);
  }

  /** The caller's own open requests, and those they may answer (a role that grants, for clients it reaches). */
  async open(caller: Caller): Promise<MedicalAccessRequest[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM medical_access_requests WHERE status = 'open' ORDER BY asked_at, id LIMIT 1000`,
    );
    const mayGrant = can(caller.role, 'grantMedicalAccess');
    const visible: MedicalAccessRequest[] = [];
    for (const row of rows) {
      if (row.asked_by === caller.staffId) visible.push(toRequest(row));
      else if (mayGrant && (await this.reachable(caller, row.client_id))) visible.push(toRequest(row));
    }
    return visible;
  }

  /**
   * Closes an open request: 404 when unknown or out of reach; 403 `may-not-close` when the caller may not close it
   * that way (shared mayClose); 409 `request-closed` once closed. One statement, so two answers cannot both win.
   */
  async close(
    caller: Caller,
    requestId: string,
    outcome: MedicalAccessOutcome,
    now: number,
  ): Promise<MedicalAccessRequest> {
    const [asked] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM medical_access_requests WHERE id = $1`, [
      requestId,
    ]);
    if (!asked || !(asked.asked_by === caller.staffId || (await this.reachable(caller, asked.client_id)))) {
      throw notFound('request-not-found');
    }
    if (asked.status !== 'open') throw conflict('request-closed');
    const mayGrant = can(caller.role, 'grantMedicalAccess');
    if (!mayClose(toRequest(asked), { staffId: caller.staffId, mayGrant }, outcome)) {
      throw forbidden('grantMedicalAccess', 'may-not-close');
    }
    const [row] = await this.db.query<Row>(
      `UPDATE medical_access_requests SET status = $2, closed_by = $3, closed_at = $4
        WHERE id = $1 AND status = 'open' RETURNING ${COLUMNS}`,
      [requestId, outcome, caller.staffId, now],
    );
    if (!row) throw conflict('request-closed');
    return toRequest(row);
  }
}
