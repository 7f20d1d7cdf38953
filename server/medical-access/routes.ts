import type { FastifyInstance } from 'fastify';
import {
  medicalAccessAskSchema,
  medicalAccessCloseSchema,
  medicalAccessPaths,
  uuidParamsSchema,
  type MedicalAccessAsk,
  type MedicalAccessClose,
} from '../../shared/index';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import type { MedicalAccessStore } from './store';

/** Requests for medical access (shared/domain/medical-access-request.ts): any staff member asks for a client they reach. */
export function registerMedicalAccessRoutes(
  app: FastifyInstance,
  context: { requests: MedicalAccessStore; guards: AuthGuards; clock: () => number },
): void {
  const { requests, guards, clock } = context;
  app.post<{ Body: MedicalAccessAsk }>(
    medicalAccessPaths.requests,
    { schema: { body: medicalAccessAskSchema }, onRequest: guards.authenticated() },
    async (request, reply) =>
      reply.status(201).send(await requests.ask(callerOf(request), request.body.clientId, clock())),
  );
  app.get(medicalAccessPaths.requests, { onRequest: guards.authenticated() }, async (request) =>
    requests.open(callerOf(request)),
  );
  app.post<{ Params: { id: string }; Body: MedicalAccessClose }>(
    '/medical-access/requests/:id/close',
    {
      schema: { params: uuidParamsSchema, body: medicalAccessCloseSchema },
      onRequest: guards.authenticated(),
    },
    async (request) => requests.close(callerOf(request), request.params.id, request.body.outcome, clock()),
  );
}
