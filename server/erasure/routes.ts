import type { FastifyInstance } from 'fastify';
import {
  confirmationDeviceId,
  erasurePaths,
  type ConfirmErasureRequest,
  type ErasureConfirmation,
  erasureQuerySchema,
  runRetentionRequestSchema,
  scheduleErasureRequestSchema,
  type ScheduleErasureRequest,
} from '../../shared/domain/erasure';
import { readScope, uuidParamsSchema } from '../../shared/index';
import type { Sodium } from '../../shared/crypto/index';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import type { CheckpointSigner } from '../audit/signer';
import { badRequest, forbidden } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { ErasureReach, ErasureStore } from './erasure-store';
import {
  retentionCategoryParamsSchema,
  retentionPaths,
  setRetentionRuleRequestSchema,
  type RetentionCategory,
  type SetRetentionRuleRequest,
} from '../../shared/domain/retention';
import { retentionDueList, retentionRules, setRetentionRule } from '../retention/retention-store';

/** The clients whose erasures a caller reaches (`ErasureReach`): what its role pulls of `clients`. */
export function erasureReach(caller: Caller): ErasureReach {
  const scope = readScope(caller.role, 'clients');
  return scope === 'none' ? null : scope === 'assigned' ? caller.staffId : undefined;
}

/** The retention job runs this often (and on demand, POST /retention/run). */
export const RETENTION_INTERVAL_MS = 24 * 60 * 60_000;

/**
 * Erasures (shared/domain/erasure.ts): scheduled, cancelled and read with `eraseClients` (the admin); the job run
 * with `runRetention`; the pending list (ids and due times only, of the clients the caller's role reads) read by every device, which hides those clients
 * and purges them once erased; a device confirms its purge in its own name, for an erasure within that same reach.
 */
export function registerErasureRoutes(
  app: FastifyInstance,
  context: {
    erasures: ErasureStore;
    guards: AuthGuards;
    clock: () => number;
    sodium: Sodium;
    signer: CheckpointSigner;
  },
): void {
  const { erasures, guards, clock, sodium, signer } = context;
  const params = { params: uuidParamsSchema };
  app.post<{ Body: ScheduleErasureRequest }>(
    erasurePaths.erasures,
    { schema: { body: scheduleErasureRequestSchema }, onRequest: guards.capability('eraseClients') },
    async (request, reply) =>
      reply.status(201).send(await erasures.schedule(callerOf(request).staffId, request.body, clock())),
  );
  app.get<{ Querystring: { clientId?: string } }>(
    erasurePaths.erasures,
    { schema: { querystring: erasureQuerySchema }, onRequest: guards.capability('eraseClients') },
    async (request) => erasures.list(request.query.clientId),
  );
  app.get(erasurePaths.pending, { onRequest: guards.authenticated() }, async (request) =>
    erasures.pending(erasureReach(callerOf(request))),
  );
  app.post<{ Params: { id: string } }>(
    '/erasures/:id/cancel',
    { schema: params, onRequest: guards.capability('eraseClients') },
    async (request) => erasures.cancel(callerOf(request).staffId, request.params.id, clock()),
  );
  // An active, enrolled device (the guard: a revoked or pending one is refused 401) confirms for itself alone.
  app.post<{ Params: { id: string }; Body: ConfirmErasureRequest | undefined }>(
    '/erasures/:id/confirm',
    { schema: params, onRequest: guards.authenticated() },
    async (request): Promise<ErasureConfirmation> => {
      const caller = callerOf(request);
      const named = confirmationDeviceId(request.body);
      if (named === false) throw badRequest('invalid-confirmation');
      if (named !== undefined && named !== caller.deviceId)
        throw forbidden('own-device', 'device-not-caller');
      const done = await erasures.confirm(request.params.id, caller.deviceId, erasureReach(caller), clock());
      return { confirmed: true, ...done };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/erasures/:id/certificate',
    { schema: params, onRequest: guards.anyCapability(['eraseClients', 'readAuditLog']) },
    async (request) => erasures.certificate(request.params.id, sodium, clock(), signer),
  );
  app.post<{ Body: { batchSize?: number } | undefined }>(
    erasurePaths.run,
    { schema: { body: runRetentionRequestSchema }, onRequest: guards.capability('runRetention') },
    async (request) => erasures.run(clock(), { batchSize: request.body?.batchSize }),
  );
  // The retention schedule (shared/domain/retention.ts): read and set by the admin alone (runRetention).
  app.get(retentionPaths.rules, { onRequest: guards.capability('runRetention') }, async () =>
    retentionRules(erasures.db),
  );
  app.post<{ Params: { category: RetentionCategory }; Body: SetRetentionRuleRequest }>(
    '/retention/rules/:category',
    {
      schema: { params: retentionCategoryParamsSchema, body: setRetentionRuleRequestSchema },
      onRequest: guards.capability('runRetention'),
    },
    async (request) =>
      setRetentionRule(
        erasures.db,
        callerOf(request).staffId,
        request.params.category,
        request.body,
        clock(),
      ),
  );
  app.get(retentionPaths.due, { onRequest: guards.capability('runRetention') }, async () =>
    retentionDueList(erasures.db, clock()),
  );
}

/**
 * The daily run of the retention job; errors wait for the next run (each erasure is all or nothing). With
 * `atStart`, it also runs once at once: a server restarted more often than daily (an update, a host's reboot)
 * would otherwise never run it, and what fell due meanwhile would wait for good.
 */
export function startRetention(
  erasures: ErasureStore,
  clock: () => number,
  intervalMs: number,
  { atStart = false }: { atStart?: boolean } = {},
): () => void {
  const run = () => void erasures.run(clock()).catch(() => undefined);
  const timer = setInterval(run, intervalMs);
  timer.unref?.();
  const first = atStart ? setTimeout(run, 0) : undefined;
  first?.unref?.();
  return () => {
    clearInterval(timer);
    if (first) clearTimeout(first);
  };
}
