import { randomUUID } from 'node:crypto';
import {
  certificateBytes,
  DAY_MS,
  ERASURE_GRACE_DAYS_DEFAULT,
  KEPT_RECORD_RULES,
  type KeptRecordRule,
  keptUntil,
  type Erasure,
  type ErasureCertificate,
  type ErasureReport,
  type ErasureScope,
  type PendingErasure,
  type ScheduleErasureRequest,
} from '../../shared/domain/erasure';
import { toBase64Url } from '../../shared/crypto/encoding';
import type { Sodium } from '../../shared/crypto/index';
import { conflict, forbidden, notFound } from '../auth/api-error';
import type { Database } from '../db/database';
import type { CheckpointSigner } from '../audit/signer';
import { isClientHeld } from '../retention/legal-hold-store';
import { planRetention } from '../retention/retention-store';
import type { ChangeStore } from '../sync/change-store';
import { documentById } from '../sync/documents';
import { lockSyncWrites } from '../sync/write-lock';
import { requestsAnsweredBy } from './cancel-guard';
import { eraseMedicalSection, erasePassport } from './partial-erasure';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

interface ErasureRow {
  id: string;
  client_id: string;
  basis: Erasure['basis'];
  reference: string | null;
  scheduled_by: string;
  scheduled_at: string | number;
  due_at: string | number;
  status: Erasure['status'];
  scope: ErasureScope;
  cancelled_by: string | null;
  cancelled_at: string | number | null;
  executed_at: string | number | null;
  report: ErasureReport | string | null;
}

const COLUMNS =
  'id, client_id, basis, reference, scheduled_by, scheduled_at, due_at, status, scope, cancelled_by, cancelled_at, executed_at, report';

function toErasure(row: ErasureRow): Erasure {
  return {
    id: row.id,
    clientId: row.client_id,
    basis: row.basis,
    ...(row.reference !== null ? { reference: row.reference } : {}),
    ...(row.scope !== 'client' ? { scope: row.scope } : {}),
    scheduledBy: row.scheduled_by,
    scheduledAt: Number(row.scheduled_at),
    dueAt: Number(row.due_at),
    status: row.status,
    ...(row.cancelled_at !== null
      ? { cancelledBy: row.cancelled_by!, cancelledAt: Number(row.cancelled_at) }
      : {}),
    ...(row.executed_at !== null ? { executedAt: Number(row.executed_at) } : {}),
    ...(row.report !== null
      ? { report: (typeof row.report === 'string' ? JSON.parse(row.report) : row.report) as ErasureReport }
      : {}),
  };
}

/** A partial erasure's report before it is filled: it keeps every record the law asks for, the client's. */
const NOTHING_ERASED: ErasureReport = {
  erased: [],
  keyWrapsDestroyed: 0,
  recoveryWrapDestroyed: false,
  kept: [],
  reduced: [],
};

/**
 * Whose clients' erasures a device reaches, from its person's read scope on clients: `undefined` every client,
 * a staff id the clients assigned to them now or before (a former assignee's device may still hold the client),
 * `null` none. `erasureReach` (routes.ts) derives it from the caller.
 */
export type ErasureReach = string | null | undefined;

/** The reach as SQL on an erasure `e`, its staff id the query's `$1` (NULL: every client). */
const REACHES = `($1::text IS NULL OR EXISTS (
  SELECT 1 FROM sync_documents d WHERE d.collection = 'clients' AND d.id = e.client_id::text
     AND (d.data->'assignedStaffIds' ? $1::text OR d.former_assignees ? $1::text)))`;

/** What the retention job did in one run. */
export interface RetentionRun {
  executed: string[];
  /** Due erasures left alone because their client is under a legal hold. */
  held: number;
  /** Erasures the retention rules scheduled in this run (they wait for their grace period). */
  scheduled: number;
}

/** Erasures (migration 10): scheduling, cancelling, the retention job that carries them out, certificates. */
export class ErasureStore {
  constructor(
    readonly db: Database,
    private readonly changes: ChangeStore,
  ) {}

  /** 404 unknown client; 409 `client-held`, `erasure-pending` (or that part's), `client-erased`; nothing written. */
  async schedule(staffId: string, request: ScheduleErasureRequest, now: number): Promise<Erasure> {
    const scope = request.scope ?? 'client';
    return this.db.transaction(async (tx) => {
      // The lock a hold's placing takes too: a hold being placed now is committed before the check below reads the
      // holds (and refuses), or is placed after this erasure is scheduled (and the job then leaves it alone).
      await lockSyncWrites(tx);
      const client = await documentById(tx, 'clients', request.clientId);
      if (!client) throw notFound('client-not-found');
      if (await isClientHeld(tx, request.clientId)) throw conflict('client-held');
      const [previous] = await tx.query<{ status: string }>(
        `SELECT status FROM erasures WHERE client_id = $1 AND status IN ('scheduled', 'executed')
            AND (scope = 'client' OR (scope = $2 AND status = 'scheduled')) LIMIT 1`,
        [request.clientId, scope],
      );
      if (previous) throw conflict(previous.status === 'executed' ? 'client-erased' : 'erasure-pending');
      const dueAt = now + (request.graceDays ?? ERASURE_GRACE_DAYS_DEFAULT) * DAY_MS;
      const [row] = await tx.query<ErasureRow>(
        `INSERT INTO erasures (id, client_id, basis, reference, scheduled_by, scheduled_at, due_at, status, scope)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'scheduled', $8) RETURNING ${COLUMNS}`,
        [
          randomUUID(),
          request.clientId,
          request.basis,
          request.reference ?? null,
          staffId,
          now,
          dueAt,
          scope,
        ],
      );
      return toErasure(row!);
    });
  }

  /** Cancels a pending erasure; 404, 409 `erasure-not-pending`, 409 `erasure-answers-request` (cancel-guard.ts). */
  async cancel(staffId: string, id: string, now: number): Promise<Erasure> {
    return this.db.transaction(async (tx) => {
      await lockSyncWrites(tx);
      const [current] = await tx.query<ErasureRow>(
        `SELECT ${COLUMNS} FROM erasures WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!current) throw notFound('erasure-not-found');
      if (current.status !== 'scheduled') throw conflict('erasure-not-pending');
      if ((await requestsAnsweredBy(tx, toErasure(current))).length > 0)
        throw conflict('erasure-answers-request');
      const [row] = await tx.query<ErasureRow>(
        `UPDATE erasures SET status = 'cancelled', cancelled_by = $2, cancelled_at = $3
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, staffId, now],
      );
      return toErasure(row!);
    });
  }

  /** Every erasure (or a client's), oldest first, each with the legal hold standing on its client, if any. */
  async list(clientId?: string): Promise<Erasure[]> {
    const rows = await this.db.query<
      ErasureRow & { hold_reason: string | null; hold_by: string | null; hold_at: string | number | null }
    >(
      `SELECT ${COLUMNS.split(', ')
        .map((column) => `e.${column}`)
        .join(', ')}, h.reason AS hold_reason, h.applied_by AS hold_by, h.applied_at AS hold_at
         FROM erasures e
         LEFT JOIN LATERAL (SELECT reason, applied_by, applied_at FROM legal_holds
                             WHERE client_id = e.client_id AND lifted_at IS NULL ORDER BY applied_at LIMIT 1) h ON true
        WHERE $1::uuid IS NULL OR e.client_id = $1::uuid ORDER BY e.scheduled_at, e.id`,
      [clientId ?? null],
    );
    return rows.map((row) => ({
      ...toErasure(row),
      ...(row.hold_reason !== null
        ? { hold: { reason: row.hold_reason, appliedBy: row.hold_by!, appliedAt: Number(row.hold_at) } }
        : {}),
    }));
  }

  /**
   * Clients a device hides: erasures scheduled, and executed ones (a device offline meanwhile purges). Scoped to
   * what the caller's role pulls (`ErasureReach`): another device never learns which of the clients it cannot
   * see are being erased.
   */
  async pending(assignedTo: ErasureReach): Promise<PendingErasure[]> {
    if (assignedTo === null) return [];
    const rows = await this.db.query<{
      id: string;
      client_id: string;
      due_at: string | number;
      status: string;
    }>(
      `SELECT e.id, e.client_id, e.due_at, e.status FROM erasures e
        WHERE e.status IN ('scheduled', 'executed') AND e.scope = 'client' AND ${REACHES}
        ORDER BY e.due_at, e.id`,
      [assignedTo ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      clientId: row.client_id,
      dueAt: Number(row.due_at),
      executed: row.status === 'executed',
    }));
  }

  /**
   * Carries out the erasures due at `now`, in batches of `batchSize`, each in its own transaction, so a run
   * killed halfway leaves every erasure either done or untouched: run again, it does the rest (idempotent: an
   * erasure is taken only while still `scheduled`, under a row lock). Erasures of held clients wait.
   * `afterEach` is the tests' hook (it may throw, as a crash would).
   */
  async run(
    now: number,
    options: {
      batchSize?: number;
      afterEach?: (id: string) => void;
      /** The tests' hook: a passport erasure has read the client document it rewrites. */
      afterRead?: (id: string) => Promise<void>;
    } = {},
  ): Promise<RetentionRun> {
    const batchSize = options.batchSize ?? 100;
    const result: RetentionRun = {
      executed: [],
      held: 0,
      scheduled: await planRetention(this.db, now, batchSize),
    };
    const seen = new Set<string>();
    for (;;) {
      const due = await this.db.query<{ id: string }>(
        `SELECT e.id FROM erasures e WHERE e.status = 'scheduled' AND e.due_at <= $1
            AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.client_id = e.client_id AND h.lifted_at IS NULL)
            AND e.id::text NOT IN (SELECT jsonb_array_elements_text($3::jsonb))
          ORDER BY e.due_at, e.id LIMIT $2`,
        [now, batchSize, JSON.stringify([...seen])],
      );
      if (due.length === 0) break;
      for (const { id } of due) {
        seen.add(id);
        if (await this.db.transaction((tx) => this.executeOne(tx, id, now, options.afterRead)))
          result.executed.push(id);
        options.afterEach?.(id);
      }
    }
    const [held] = await this.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM erasures e WHERE e.status = 'scheduled' AND e.due_at <= $1
          AND EXISTS (SELECT 1 FROM legal_holds h WHERE h.client_id = e.client_id AND h.lifted_at IS NULL)`,
      [now],
    );
    result.held = Number(held?.n ?? 0);
    return result;
  }

  private async executeOne(
    tx: Tx,
    id: string,
    now: number,
    afterRead?: (id: string) => Promise<void>,
  ): Promise<boolean> {
    const [row] = await tx.query<ErasureRow>(
      `SELECT ${COLUMNS} FROM erasures WHERE id = $1 AND status = 'scheduled' AND due_at <= $2 FOR UPDATE`,
      [id, now],
    );
    if (!row) return false;
    // The holds are read under the sync write lock, which placing a hold takes too (LegalHoldStore.apply): a hold
    // committed before is seen here and stops the erasure; one placed meanwhile waits until this one is committed.
    await lockSyncWrites(tx);
    if (await isClientHeld(tx, row.client_id)) return false;
    if (row.scope !== 'client') return this.executePart(tx, row, now, afterRead);
    const shredded = await this.changes.eraseClient(tx, row.client_id, now);
    // Share requests' free text (why, the decision's note) may name the client: reduced, the decision kept.
    const shares = await tx.query(
      `UPDATE share_requests SET purpose = '-', decision_note = NULL WHERE client_id = $1 RETURNING id`,
      [row.client_id],
    );
    // Kept: the provision records (left out of eraseClient, see documentsToErase); receipts are not built yet.
    const [provisions] = await tx.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM sync_documents
        WHERE collection = 'provisions' AND NOT deleted AND data->>'clientId' = $1`,
      [row.client_id],
    );
    const keptCount: Record<KeptRecordRule['category'], number> = {
      'provision-records': Number(provisions?.count ?? 0),
      receipts: 0,
    };
    const report: ErasureReport = {
      erased: [...shredded.erased].map(([collection, count]) => ({ collection, count })),
      keyWrapsDestroyed: shredded.keyWraps,
      recoveryWrapDestroyed: shredded.recoveryWrap,
      kept: KEPT_RECORD_RULES.map((rule) => ({
        category: rule.category,
        count: keptCount[rule.category],
        reason: rule.law,
        keptUntil: keptUntil(rule, now),
      })),
      reduced: [
        ...[...shredded.reduced].map(([table, count]) => ({ table, count })),
        { table: 'share_requests', count: shares.length },
      ],
    };
    await this.markExecuted(tx, id, report, now);
    return true;
  }

  /** A retention rule's erasure of part of a client (partial-erasure.ts): nothing else of it is touched. */
  private async executePart(
    tx: Tx,
    row: ErasureRow,
    now: number,
    afterRead?: (id: string) => Promise<void>,
  ): Promise<boolean> {
    const erased =
      row.scope === 'medical'
        ? await eraseMedicalSection(tx, this.changes, row.client_id, now)
        : await erasePassport(tx, this.changes, row.client_id, now, afterRead && (() => afterRead(row.id)));
    await this.markExecuted(tx, row.id, { ...NOTHING_ERASED, ...erased }, now);
    return true;
  }

  private async markExecuted(tx: Tx, id: string, report: ErasureReport, now: number): Promise<void> {
    await tx.query(
      `UPDATE erasures SET status = 'executed', executed_at = $2, report = $3::jsonb WHERE id = $1`,
      [id, now, JSON.stringify(report)],
    );
  }

  /**
   * A device says it purged the client of an executed erasure, in its own name (the route passes the session's
   * device). Only a device whose person could hold the client (`reach`, the rule of `pending`) may; refusals
   * (404 `erasure-not-found`, 403 `erasure-out-of-reach`, 409 `erasure-partial`, 409 `erasure-not-executed`)
   * record nothing. A repeated confirmation keeps the first time and answers it.
   */
  async confirm(
    id: string,
    deviceId: string,
    reach: ErasureReach,
    now: number,
  ): Promise<{ confirmedAt: number; repeated: boolean }> {
    const [row] = await this.db.query<{ status: string; scope: ErasureScope; reached: boolean }>(
      `SELECT e.status, e.scope, ${REACHES} AS reached FROM erasures e WHERE e.id = $2::uuid`,
      [reach ?? null, id],
    );
    if (!row) throw notFound('erasure-not-found');
    if (reach === null || !row.reached) throw forbidden('client-reach', 'erasure-out-of-reach');
    if (row.scope !== 'client') throw conflict('erasure-partial');
    if (row.status !== 'executed') throw conflict('erasure-not-executed');
    const [inserted] = await this.db.query<{ confirmed_at: string | number }>(
      `INSERT INTO erasure_confirmations (erasure_id, device_id, confirmed_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING confirmed_at`,
      [id, deviceId, now],
    );
    if (inserted) return { confirmedAt: Number(inserted.confirmed_at), repeated: false };
    const [first] = await this.db.query<{ confirmed_at: string | number }>(
      'SELECT confirmed_at FROM erasure_confirmations WHERE erasure_id = $1 AND device_id = $2',
      [id, deviceId],
    );
    return { confirmedAt: Number(first!.confirmed_at), repeated: true };
  }

  /** The signed certificate of an executed erasure, with the devices confirmed so far. */
  async certificate(
    id: string,
    sodium: Sodium,
    now: number,
    signer: CheckpointSigner,
  ): Promise<ErasureCertificate> {
    const [row] = await this.db.query<ErasureRow>(`SELECT ${COLUMNS} FROM erasures WHERE id = $1`, [id]);
    if (!row) throw notFound('erasure-not-found');
    const erasure = toErasure(row);
    if (erasure.status !== 'executed') throw conflict('erasure-not-executed');
    const devices = await this.db.query<{ device_id: string; confirmed_at: string | number }>(
      'SELECT device_id, confirmed_at FROM erasure_confirmations WHERE erasure_id = $1 ORDER BY confirmed_at, device_id',
      [id],
    );
    const key = { publicKey: signer.publicKey, secretKey: signer.secretKey() };
    const body: Omit<ErasureCertificate, 'signature'> = {
      v: 1,
      erasureId: erasure.id,
      clientId: erasure.clientId,
      basis: erasure.basis,
      ...(erasure.reference !== undefined ? { reference: erasure.reference } : {}),
      ...(erasure.scope !== undefined ? { scope: erasure.scope } : {}),
      scheduledBy: erasure.scheduledBy,
      scheduledAt: erasure.scheduledAt,
      executedAt: erasure.executedAt!,
      report: erasure.report!,
      devices: devices.map((d) => ({ deviceId: d.device_id, confirmedAt: Number(d.confirmed_at) })),
      issuedAt: now,
      serverPublicKey: key.publicKey,
    };
    const signature = sodium.crypto_sign_detached(sodium.from_string(certificateBytes(body)), key.secretKey);
    return { ...body, signature: toBase64Url(signature) };
  }
}
