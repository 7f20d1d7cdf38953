import type { FastifyInstance } from 'fastify';
import {
  shareDecisionSchema,
  shareDeliverySchema,
  shareRequestCreateSchema,
  shareRequestPaths,
  shareRequestQuerySchema,
  uuidParamsSchema,
  type ShareDecision,
  type ShareDelivery,
  type ShareRequestCreate,
  type ShareRequestStatus,
} from '../../shared/index';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import type { Database } from '../db/database';
import type { ChangeStore } from '../sync/change-store';
import { registerDelivery } from './share-delivery';
import type { ShareRequestStore } from './share-request-store';

/**
 * Share requests (shared/domain/share-request.ts): asked by any staff member who reaches the client, decided
 * and listed with approveShares.
 */
export function registerShareRoutes(
  app: FastifyInstance,
  context: {
    shares: ShareRequestStore;
    /** Where a delivery's provision record is written (a synced change, share-delivery.ts). */
    changes: ChangeStore;
    db: Database;
    guards: AuthGuards;
    clock: () => number;
  },
): void {
  const { shares, changes, db, guards, clock } = context;
  app.post<{ Body: ShareRequestCreate }>(
    shareRequestPaths.requests,
    { schema: { body: shareRequestCreateSchema }, onRequest: guards.authenticated() },
    async (request, reply) =>
      reply.status(201).send(await shares.create(callerOf(request), request.body, clock())),
  );
  for (const [action, status] of [
    ['approve', 'approved'],
    ['refuse', 'refused'],
  ] as const) {
    app.post<{ Params: { id: string }; Body: ShareDecision }>(
      `/shares/requests/:id/${action}`,
      {
        schema: { params: uuidParamsSchema, body: shareDecisionSchema },
        onRequest: guards.capability('approveShares'),
      },
      async (request) =>
        shares.decide(callerOf(request), request.params.id, status, request.body.note, clock()),
    );
  }
  // The requester or the approver registers the package's delivery before saving it; the record is the answer.
  app.post<{ Params: { id: string }; Body: ShareDelivery }>(
    '/shares/requests/:id/deliver',
    {
      schema: { params: uuidParamsSchema, body: shareDeliverySchema },
      onRequest: guards.authenticated(),
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await registerDelivery(changes, db, callerOf(request), request.params.id, request.body, clock()),
        ),
  );
  app.get(shareRequestPaths.mine, { onRequest: guards.authenticated() }, async (request) =>
    shares.mine(callerOf(request)),
  );
  app.get<{ Querystring: { status?: ShareRequestStatus } }>(
    shareRequestPaths.requests,
    { schema: { querystring: shareRequestQuerySchema }, onRequest: guards.capability('approveShares') },
    async (request) => shares.list(request.query.status),
  );
}
