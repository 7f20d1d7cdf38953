import type { FastifyInstance } from 'fastify';
import type { Sodium } from '../../shared/crypto/index';
import {
  afterQuerySchema,
  auditEntriesQuerySchema,
  type AuditEntriesPage,
  type AuditEntriesQuery,
  type AuditKeyRotation,
  staffEventsQuerySchema,
  auditPaths,
  type AuditDeviceKey,
  type ServerLedgersCheck,
  type StaffEventView,
} from '../../shared/domain/audit-api';
import type { AuthGuards } from '../auth/authenticate';
import type { Database } from '../db/database';
import { chainStops, ownChain, receiptsAfter } from './chain-store';
import { auditEntriesPage } from './entries';
import { verifyServerLedgers } from './ledger-check';
import { auditExportStream, deviceKeys, exportEnd } from './export';
import { listCheckpoints, makeCheckpoint, retiredServerKeys } from './checkpoints';
import type { CheckpointSigner } from './signer';

/**
 * The access log's server side for the console (readAuditLog: the admin, and managers read-only): the server's
 * staff and device events (staff_events, not copied into the synced log), receipt times, device keys for the
 * verifier, checkpoints (made on demand by the admin, and periodically by the server) and the checkpoint key.
 */
export function registerAuditRoutes(
  app: FastifyInstance,
  context: {
    db: Database;
    sodium: Sodium;
    signer: CheckpointSigner;
    guards: AuthGuards;
    clock: () => number;
  },
): void {
  const { db, sodium, signer, guards, clock } = context;
  const reads = guards.capability('readAuditLog');
  app.get(auditPaths.serverKey, { onRequest: guards.authenticated() }, async () => ({
    publicKey: signer.publicKey,
    retired: await retiredServerKeys(db, signer),
  }));
  // The admin rotates the checkpoint key: the current key signs a handover naming the next (docs/audit.md).
  app.post(
    auditPaths.serverKeyRotation,
    { onRequest: guards.capability('manageIncidents') },
    async (): Promise<AuditKeyRotation> => {
      const handover = (await makeCheckpoint(db, sodium, signer, clock(), {
        evenEmpty: true,
        rotate: true,
      }))!;
      return { publicKey: signer.publicKey, retired: await retiredServerKeys(db, signer), handover };
    },
  );
  app.get(auditPaths.checkpoints, { onRequest: reads }, async () => listCheckpoints(db));
  app.post(
    auditPaths.checkpoints,
    { onRequest: guards.capability('manageIncidents') },
    async (_request, reply) => {
      const checkpoint = await makeCheckpoint(db, sodium, signer, clock());
      return reply.status(checkpoint ? 201 : 204).send(checkpoint);
    },
  );
  app.get<{ Querystring: { after?: number; before?: number; limit?: number } }>(
    auditPaths.staffEvents,
    { schema: { querystring: staffEventsQuerySchema }, onRequest: reads },
    async (request): Promise<StaffEventView[]> => {
      const rows = await db.query<{
        id: number;
        at: number;
        actor: string | null;
        kind: string;
        staff_id: string | null;
        device_id: string | null;
        detail: unknown;
      }>(
        request.query.after !== undefined
          ? 'SELECT id, at, actor, kind, staff_id, device_id, detail FROM staff_events WHERE id > $1 ORDER BY id LIMIT $2'
          : // Newest first, a page before `before` (the console's "load more").
            'SELECT id, at, actor, kind, staff_id, device_id, detail FROM staff_events WHERE id < $1 ORDER BY id DESC LIMIT $2',
        [request.query.after ?? request.query.before ?? Number.MAX_SAFE_INTEGER, request.query.limit ?? 1000],
      );
      return rows.map((row) => ({
        id: Number(row.id),
        at: Number(row.at),
        ...(row.actor ? { actor: row.actor } : {}),
        kind: row.kind,
        ...(row.staff_id ? { staffId: row.staff_id } : {}),
        ...(row.device_id ? { deviceId: row.device_id } : {}),
        detail: (typeof row.detail === 'string' ? JSON.parse(row.detail) : (row.detail ?? {})) as Record<
          string,
          unknown
        >,
      }));
    },
  );
  app.get<{ Querystring: { after?: number; limit?: number } }>(
    auditPaths.receipts,
    { schema: { querystring: afterQuerySchema }, onRequest: reads },
    async (request) => receiptsAfter(db, request.query.after ?? 0, request.query.limit ?? 1000),
  );
  app.get<{ Querystring: AuditEntriesQuery }>(
    auditPaths.entries,
    { schema: { querystring: auditEntriesQuerySchema }, onRequest: reads },
    async (request): Promise<AuditEntriesPage> => auditEntriesPage(db, request.query),
  );
  app.get(auditPaths.chainStops, { onRequest: reads }, async () => chainStops(db));
  // Every device logs: its own chain's head and stop, for its resume after a refusal (docs/crypto-spec.md).
  app.get(auditPaths.ownChain, { onRequest: guards.authenticated() }, async (request) =>
    ownChain(db, request.caller!.deviceId),
  );
  app.get(auditPaths.devices, { onRequest: reads }, async (): Promise<AuditDeviceKey[]> => deviceKeys(db));
  // The whole log, streamed as NDJSON with its signed end (export.ts); and the end alone, for the console's export.
  app.get(auditPaths.export, { onRequest: reads }, async (_request, reply) =>
    reply.type('application/x-ndjson').send(auditExportStream(db, sodium, signer, clock())),
  );
  app.get(auditPaths.ledgers, { onRequest: reads }, async (): Promise<ServerLedgersCheck> => {
    return verifyServerLedgers(db, sodium, signer);
  });
  app.post(auditPaths.exportEnd, { onRequest: reads }, async () => exportEnd(db, sodium, signer, clock()));
}

/** Signs the chain heads every `intervalMs` (unref'd); returns the stop function. */
export function startCheckpoints(
  db: Database,
  sodium: Sodium,
  signer: CheckpointSigner,
  clock: () => number,
  intervalMs: number,
): () => void {
  const timer = setInterval(() => {
    void makeCheckpoint(db, sodium, signer, clock()).catch(() => undefined);
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
