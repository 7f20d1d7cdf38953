import { randomUUID } from 'node:crypto';
import {
  inScope,
  readScope,
  type ShareCancelReason,
  type ShareField,
  type ShareRequest,
  type ShareRequestCreate,
  type ShareRequestStatus,
} from '../../shared/index';
import { badRequest, conflict, forbidden, notFound } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { vouchedFor } from '../staff/identity';
import type { Queryable } from '../db/database';
import { documentById, liveDocumentsOfClient } from '../sync/documents';
import { lockSyncWrites } from '../sync/write-lock';
import type { ConsentRecord, ProvisionPurpose } from '../../shared/domain/consent';
import { canShareWith } from '../../shared/domain/consent-ledger';
import { ledgerOf, partner, shareGate } from './share-consent';

interface ShareRequestRow {
  id: string;
  client_id: string;
  partner_name: string;
  partner_id: string | null;
  partner_country: string | null;
  purpose: string;
  purpose_code: ProvisionPurpose | null;
  fields: ShareField[];
  status: ShareRequestStatus;
  requested_by: string;
  requested_at: string | number;
  decided_by: string | null;
  decided_at: string | number | null;
  decision_note: string | null;
  cancelled_at: string | number | null;
  cancel_reason: ShareCancelReason | null;
  cancelled_by_record: string | null;
  trip_id: string | null;
  trip_item_id: string | null;
}

const COLUMNS =
  'id, client_id, partner_name, partner_id, partner_country, purpose, purpose_code, fields, status, requested_by, requested_at, ' +
  'decided_by, decided_at, decision_note, cancelled_at, cancel_reason, cancelled_by_record, trip_id, trip_item_id';

function toShareRequest(row: ShareRequestRow): ShareRequest {
  return {
    id: row.id,
    clientId: row.client_id,
    partnerName: row.partner_name,
    ...(row.partner_id !== null ? { partnerId: row.partner_id } : {}),
    ...(row.partner_country !== null ? { partnerCountry: row.partner_country } : {}),
    purpose: row.purpose,
    ...(row.purpose_code !== null ? { purposeCode: row.purpose_code } : {}),
    fields: row.fields,
    ...(row.trip_id !== null ? { tripId: row.trip_id, tripItemId: row.trip_item_id! } : {}),
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: Number(row.requested_at),
    ...(row.decided_by !== null ? { decidedBy: row.decided_by, decidedAt: Number(row.decided_at) } : {}),
    ...(row.decision_note !== null ? { decisionNote: row.decision_note } : {}),
    ...(row.cancelled_at !== null
      ? {
          cancelledAt: Number(row.cancelled_at),
          cancelReason: row.cancel_reason!,
          ...(row.cancelled_by_record !== null ? { cancelledByRecord: row.cancelled_by_record } : {}),
        }
      : {}),
  };
}

/** Share requests and their decisions in PostgreSQL (migration 6). No data leaves for a partner from here. */
export class ShareRequestStore {
  constructor(private readonly db: Database) {}

  /**
   * 404 `client-not-found` when the client does not exist, is deleted, or is outside the caller's read scope
   * (a concierge learns nothing of clients not assigned to them). 409 `share-<problem>` when share-consent.ts
   * `shareGate` finds something in the way: the partner unknown, not vetted, its agreement missing or expired,
   * its key missing or unconfirmed, no consent (or no overseas-transfer consent abroad), no booked trip item.
   */
  async create(caller: Caller, request: ShareRequestCreate, now: number): Promise<ShareRequest> {
    // Under the sync write lock, as a consent push is: a withdrawal cancels the open requests it stops in its own
    // transaction, so a request checked against the ledger before that withdrawal cannot be written after it.
    return this.db.transaction(async (tx) => {
      await lockSyncWrites(tx);
      return this.createLocked(tx, caller, request, now);
    });
  }

  private async createLocked(
    tx: Pick<Queryable, 'query'>,
    caller: Caller,
    request: ShareRequestCreate,
    now: number,
  ): Promise<ShareRequest> {
    const client = await documentById(tx, 'clients', request.clientId);
    const assigned = client as { assignedStaffIds?: string[] } | undefined;
    if (!client || client._deleted || !inScope(readScope(caller.role, 'clients'), caller.staffId, assigned)) {
      throw notFound('client-not-found');
    }
    const gate = await shareGate(tx, request, now);
    if (gate.problem) throw conflict(`share-${gate.problem}`);
    const [row] = await tx.query<ShareRequestRow>(
      `INSERT INTO share_requests
         (id, client_id, partner_name, partner_id, partner_country, purpose, fields, status, requested_by, requested_at,
          trip_id, trip_item_id, purpose_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        request.clientId,
        gate.partner.names.en,
        gate.partner.id,
        gate.partner.country,
        request.purpose,
        JSON.stringify(request.fields),
        caller.staffId,
        now,
        request.tripId,
        request.tripItemId,
        request.purposeCode,
      ],
    );
    return toShareRequest(row!);
  }

  /**
   * Approves or refuses a pending request: two different people, the requester and the decider, both recorded.
   * 404 for an unknown request, 403 `own-request` when the approver asked for it, 403 `approver-vouched-by-requester`
   * when the requester invited the approver or approved one of their devices (the approver could be the
   * requester's own creation), 409 `request-already-decided` once decided (or cancelled). An approval re-checks
   * every gate (`shareGate`): 409 `share-<problem>`, `share-partner-unknown` for a request made before partners
   * were named by id, `share-ask-again` for one made before the directory (no booked trip item). A refusal needs
   * its reason: 400 `refusal-reason-required`.
   */
  async decide(
    caller: Caller,
    requestId: string,
    status: 'approved' | 'refused',
    note: string | undefined,
    now: number,
  ): Promise<ShareRequest> {
    const [asked] = await this.db.query<{
      requested_by: string;
      client_id: string;
      partner_id: string | null;
      partner_country: string | null;
      trip_id: string | null;
      trip_item_id: string | null;
      status: ShareRequestStatus;
      purpose_code: ProvisionPurpose | null;
    }>(
      'SELECT requested_by, client_id, partner_id, partner_country, trip_id, trip_item_id, status, purpose_code FROM share_requests WHERE id = $1',
      [requestId],
    );
    // A refusal says why (the requester reads it); checked once the request is known to be this caller's to decide.
    if (
      asked &&
      asked.requested_by !== caller.staffId &&
      asked.status === 'pending' &&
      status === 'refused'
    ) {
      if (!note?.trim()) throw badRequest('refusal-reason-required');
    }
    if (
      asked &&
      asked.requested_by !== caller.staffId &&
      (await vouchedFor(this.db, asked.requested_by, caller.staffId))
    ) {
      throw forbidden('approver-not-vouched-by-requester', 'approver-vouched-by-requester');
    }
    if (asked && status === 'approved' && asked.requested_by !== caller.staffId) {
      if (asked.partner_id === null || asked.partner_country === null)
        throw conflict('share-partner-unknown');
      // Requests made before the partner directory name no trip item: every partner gate cannot be checked for
      // them, so they are asked again rather than approved on the consent ledger alone; so are requests made before
      // shares named a catalogue purpose (no consent can be compared with them).
      if (asked.trip_id === null || asked.purpose_code === null) throw conflict('share-ask-again');
      const ask = { clientId: asked.client_id, partnerId: asked.partner_id, purposeCode: asked.purpose_code };
      const { problem } = await shareGate(
        this.db,
        { ...ask, tripId: asked.trip_id, tripItemId: asked.trip_item_id! },
        now,
      );
      if (problem) throw conflict(`share-${problem}`);
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

  /** The caller's own requests, newest first. */
  async mine(caller: Caller): Promise<ShareRequest[]> {
    const rows = await this.db.query<ShareRequestRow>(
      `SELECT ${COLUMNS} FROM share_requests WHERE requested_by = $1 ORDER BY requested_at DESC, id`,
      [caller.staffId],
    );
    return rows.map(toShareRequest);
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

/** A request as the server holds it (the provision ledger's push rule checks a `provided` record against it). */
export async function shareRequestById(
  tx: Pick<Queryable, 'query'>,
  id: string,
): Promise<ShareRequest | undefined> {
  const [row] = await tx.query<ShareRequestRow>(`SELECT ${COLUMNS} FROM share_requests WHERE id = $1`, [id]);
  return row && toShareRequest(row);
}

/** The `provided` records that name the share (at most one: a share is delivered once). */
export async function providedOfShare(
  tx: Pick<Queryable, 'query'>,
  clientId: string,
  shareId: string,
): Promise<string[]> {
  return (await liveDocumentsOfClient(tx, 'provisions', clientId))
    .filter((doc) => doc.kind === 'provided' && doc.shareId === shareId)
    .map((doc) => String(doc.id));
}

/**
 * A client's requests that a withdrawal may cancel: pending, or approved and not delivered (no `provided` record in
 * the provision ledger names it), to a partner. A delivered one stays approved: its provision record shows the
 * partner is to be told to destroy the package (shared/domain/provision.ts `provisionsToDestroy`).
 */
export async function openRequestsOfClient(
  tx: Pick<Queryable, 'query'>,
  clientId: string,
): Promise<
  Array<{ id: string; partnerId: string; partnerCountry: string; purposeCode: ProvisionPurpose | undefined }>
> {
  const rows = await tx.query<{
    id: string;
    partner_id: string;
    partner_country: string;
    purpose_code: ProvisionPurpose | null;
  }>(
    `SELECT id, partner_id, partner_country, purpose_code FROM share_requests
      WHERE client_id = $1 AND status IN ('pending', 'approved') AND partner_id IS NOT NULL ORDER BY id`,
    [clientId],
  );
  const delivered = new Set(
    (await liveDocumentsOfClient(tx, 'provisions', clientId))
      .filter((doc) => doc.kind === 'provided')
      .map((doc) => doc.shareId),
  );
  return rows
    .filter((row) => !delivered.has(row.id))
    .map((row) => ({
      id: row.id,
      partnerId: row.partner_id,
      partnerCountry: row.partner_country,
      purposeCode: row.purpose_code ?? undefined,
    }));
}

/** Cancels a pending or approved request because the consent it needed was withdrawn by record `recordId`. */
export async function cancelRequest(
  tx: Pick<Queryable, 'query'>,
  requestId: string,
  reason: ShareCancelReason,
  recordId: string,
  now: number,
): Promise<void> {
  await tx.query(
    `UPDATE share_requests SET status = 'cancelled', cancelled_at = $2, cancel_reason = $3, cancelled_by_record = $4
      WHERE id = $1 AND status IN ('pending', 'approved')`,
    [requestId, now, reason, recordId],
  );
}

/**
 * What an accepted consent record does to share requests, in the push's transaction (so a refused push cancels
 * nothing): a withdrawal of a provision or overseas-transfer consent cancels the client's pending and approved
 * requests that the ledger, with the withdrawal, no longer allows. Returns the ids cancelled.
 */
export async function cancelSharesAfterWithdrawal(
  tx: Pick<Queryable, 'query'>,
  record: ConsentRecord,
  now: number,
  /** Records accepted earlier in the same push, not written yet. */
  earlier: readonly ConsentRecord[] = [],
): Promise<string[]> {
  if (record.action !== 'withdrawn') return [];
  if (record.purpose !== 'provision' && record.purpose !== 'overseas-transfer') return [];
  const held = [
    ...(await ledgerOf(tx, record.clientId)),
    ...earlier.filter((r) => r.clientId === record.clientId),
  ];
  const before = held.filter((other) => other.id !== record.id);
  const ledger = [...before, record];
  // A withdrawal dated a little ahead (a device's clock) takes effect for the shares now.
  const at = Math.max(now, record.at);
  const cancelled: string[] = [];
  for (const request of await openRequestsOfClient(tx, record.clientId)) {
    const share = partner(request.partnerId, request.partnerCountry);
    // Only a request this withdrawal stops: allowed by the ledger without it (for the request's own catalogue
    // purpose), not with it. A withdrawal of a consent for another purpose with the partner cancels nothing.
    if (!canShareWith(before, record.clientId, share, at, request.purposeCode).ok) continue;
    const check = canShareWith(ledger, record.clientId, share, at, request.purposeCode);
    if (check.ok) continue;
    const reason: ShareCancelReason =
      check.reason === 'no-overseas-consent' ? 'overseas-consent-withdrawn' : 'provision-consent-withdrawn';
    await cancelRequest(tx, request.id, reason, record.id, now);
    cancelled.push(request.id);
  }
  return cancelled;
}
