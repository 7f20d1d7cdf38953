import type { FastifyInstance } from 'fastify';
import {
  applyLegalHoldRequestSchema,
  legalHoldPaths,
  legalHoldQuerySchema,
  liftLegalHoldRequestSchema,
  uuidParamsSchema,
  type ApplyLegalHoldRequest,
  type LiftLegalHoldRequest,
} from '../../shared/index';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import type { LegalHoldStore } from './legal-hold-store';

/** Legal holds (shared/domain/legal-hold.ts): applied and lifted with runRetention, read also with exportData. */
export function registerRetentionRoutes(
  app: FastifyInstance,
  context: { holds: LegalHoldStore; guards: AuthGuards; clock: () => number },
): void {
  const { holds, guards, clock } = context;
  app.post<{ Body: ApplyLegalHoldRequest }>(
    legalHoldPaths.holds,
    { schema: { body: applyLegalHoldRequestSchema }, onRequest: guards.capability('runRetention') },
    async (request, reply) =>
      reply.status(201).send(await holds.apply(callerOf(request).staffId, request.body, clock())),
  );
  app.post<{ Params: { id: string }; Body: LiftLegalHoldRequest }>(
    '/retention/legal-holds/:id/lift',
    {
      schema: { params: uuidParamsSchema, body: liftLegalHoldRequestSchema },
      onRequest: guards.capability('runRetention'),
    },
    async (request) => holds.lift(callerOf(request).staffId, request.params.id, request.body.reason, clock()),
  );
  app.get<{ Querystring: { clientId?: string } }>(
    legalHoldPaths.holds,
    {
      schema: { querystring: legalHoldQuerySchema },
      onRequest: guards.anyCapability(['runRetention', 'exportData']),
    },
    async (request) => holds.list(request.query.clientId),
  );
}
