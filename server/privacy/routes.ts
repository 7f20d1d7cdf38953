import type { FastifyInstance } from 'fastify';
import { uuidParamsSchema } from '../../shared/index';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import type { Database } from '../db/database';
import { exportClient } from './client-export';

/**
 * The client's rights over their data: the export of everything the server holds about a client, for an open
 * disclosure request of the register (`requestId`) whose requester's identity was verified.
 */
export function registerPrivacyRoutes(
  app: FastifyInstance,
  context: { db: Database; guards: AuthGuards; clock: () => number },
): void {
  const { db, guards, clock } = context;
  app.get<{ Params: { id: string }; Querystring: { requestId: string } }>(
    '/export/clients/:id',
    {
      schema: {
        params: uuidParamsSchema,
        querystring: {
          type: 'object',
          properties: { requestId: uuidParamsSchema.properties.id },
          required: ['requestId'],
          additionalProperties: false,
        },
      },
      onRequest: guards.capability('exportData'),
    },
    async (request) =>
      exportClient(db, callerOf(request), request.params.id, clock(), request.query.requestId),
  );
}
