import type { FastifyInstance } from 'fastify';
import { uuidParamsSchema } from '../../shared/auth/protocol';
import {
  incidentPaths,
  recordIncidentRequestSchema,
  recordNotificationRequestSchema,
  updateIncidentRequestSchema,
  type RecordIncidentRequest,
  type RecordNotificationRequest,
  type UpdateIncidentRequest,
} from '../../shared/domain/incident';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import type { Database } from '../db/database';
import { IncidentStore } from './incident-store';

/** The breach register: recorded and updated by the DPO (manageIncidents), read also by managers (readAuditLog). */
export function registerBreachRoutes(
  app: FastifyInstance,
  context: { db: Database; guards: AuthGuards; clock: () => number },
): void {
  const { guards, clock } = context;
  const store = new IncidentStore(context.db);
  const reads = guards.capability('readAuditLog');
  const writes = guards.capability('manageIncidents');
  const params = { params: uuidParamsSchema };
  app.get(incidentPaths.incidents, { onRequest: reads }, async () => store.list());
  app.post<{ Body: RecordIncidentRequest }>(
    incidentPaths.incidents,
    { schema: { body: recordIncidentRequestSchema }, onRequest: writes },
    async (request, reply) =>
      reply.status(201).send(await store.record(callerOf(request).staffId, request.body, clock())),
  );
  app.get<{ Params: { id: string } }>(
    '/breaches/incidents/:id',
    { schema: params, onRequest: reads },
    async (request) => store.get(request.params.id),
  );
  app.post<{ Params: { id: string }; Body: UpdateIncidentRequest }>(
    '/breaches/incidents/:id',
    { schema: { ...params, body: updateIncidentRequestSchema }, onRequest: writes },
    async (request) => store.update(request.params.id, callerOf(request).staffId, request.body, clock()),
  );
  app.post<{ Params: { id: string }; Body: RecordNotificationRequest }>(
    '/breaches/incidents/:id/notifications',
    { schema: { ...params, body: recordNotificationRequestSchema }, onRequest: writes },
    async (request, reply) =>
      reply
        .status(201)
        .send(await store.notify(request.params.id, callerOf(request).staffId, request.body, clock())),
  );
  app.get<{ Params: { id: string } }>(
    '/breaches/incidents/:id/contacts',
    { schema: params, onRequest: writes },
    async (request) => store.contacts(request.params.id),
  );
  app.get<{ Params: { id: string } }>(
    '/breaches/reachable/:id',
    { schema: params, onRequest: reads },
    async (request) => store.reachable(request.params.id),
  );
}
