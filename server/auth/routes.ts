import type { FastifyInstance } from 'fastify';
import {
  approveRequestSchema,
  authPaths,
  challengeRequestSchema,
  emptyBodySchema,
  enrolRequestSchema,
  invitationRequestSchema,
  roleChangeSchema,
  sessionRequestSchema,
  setupRequestSchema,
  uuidParamsSchema,
  type ChallengeRequest,
  type EnrolRequest,
  type InvitationRequest,
  type Role,
  type SessionRequest,
  type SetupRequest,
} from '../../shared/index';
import { callerOf, type AuthGuards } from './authenticate';
import type { StaffStore } from './staff-store';

interface IdParams {
  id: string;
}

/** Setup, enrolment, device authentication and staff management (shared/auth/protocol.ts). */
export function registerAuthRoutes(
  app: FastifyInstance,
  context: { staff: StaffStore; guards: AuthGuards; clock: () => number },
): void {
  const { staff, guards, clock } = context;
  const idParams = { params: uuidParamsSchema };

  app.post<{ Body: SetupRequest }>(
    authPaths.setup,
    { schema: { body: setupRequestSchema } },
    async (request, reply) => reply.status(201).send(await staff.setUp(request.body, clock())),
  );
  app.post<{ Body: EnrolRequest }>(
    authPaths.enrolments,
    { schema: { body: enrolRequestSchema } },
    async (request, reply) => reply.status(201).send(await staff.enrol(request.body, clock())),
  );
  // No authentication: the device that enrolled polls with the enrolment's random id, which it alone knows.
  app.get<{ Params: IdParams }>('/enrolments/:id', { schema: idParams }, async (request) =>
    staff.enrolment(request.params.id, clock()),
  );
  app.get(authPaths.enrolments, { onRequest: guards.capability('approveDevices') }, async () =>
    staff.pendingEnrolments(clock()),
  );
  app.post<{ Params: IdParams }>(
    '/enrolments/:id/approve',
    { schema: { ...idParams, body: approveRequestSchema }, onRequest: guards.capability('approveDevices') },
    async (request) => staff.decide(callerOf(request), request.params.id, true, clock()),
  );
  app.post<{ Params: IdParams }>(
    '/enrolments/:id/deny',
    { schema: { ...idParams, body: emptyBodySchema }, onRequest: guards.capability('approveDevices') },
    async (request) => staff.decide(callerOf(request), request.params.id, false, clock()),
  );

  app.post<{ Body: ChallengeRequest }>(
    authPaths.challenge,
    { schema: { body: challengeRequestSchema } },
    async (request) => staff.challenge(request.body.deviceId, clock()),
  );
  app.post<{ Body: SessionRequest }>(
    authPaths.session,
    { schema: { body: sessionRequestSchema } },
    async (request) => staff.startSession(request.body, clock()),
  );
  app.get(authPaths.me, { onRequest: guards.authenticated() }, async (request) => callerOf(request));

  app.get(authPaths.staff, { onRequest: guards.authenticated() }, async () => staff.staff());
  app.get(authPaths.organisation, { onRequest: guards.authenticated() }, async () => staff.organisation());
  app.get(authPaths.directory, { onRequest: guards.authenticated() }, async () => staff.directory());
  app.post<{ Body: InvitationRequest }>(
    authPaths.invitations,
    { schema: { body: invitationRequestSchema }, onRequest: guards.capability('manageStaff') },
    async (request, reply) =>
      reply.status(201).send(await staff.invite(callerOf(request), request.body, clock())),
  );
  app.post(
    authPaths.deviceInvitation,
    { schema: { body: emptyBodySchema }, onRequest: guards.authenticated() },
    async (request, reply) => reply.status(201).send(await staff.inviteOwnDevice(callerOf(request), clock())),
  );
  app.post<{ Params: IdParams; Body: { role: Role } }>(
    '/staff/:id/role',
    { schema: { ...idParams, body: roleChangeSchema }, onRequest: guards.capability('manageStaff') },
    async (request) => staff.changeRole(callerOf(request), request.params.id, request.body.role, clock()),
  );
  app.post<{ Params: IdParams }>(
    '/staff/:id/revoke',
    { schema: { ...idParams, body: emptyBodySchema }, onRequest: guards.capability('manageStaff') },
    async (request) => staff.revokeStaff(callerOf(request), request.params.id, clock()),
  );
  app.get<{ Params: IdParams }>(
    '/export/clients/:id',
    { schema: idParams, onRequest: guards.capability('exportData') },
    async (request) => staff.exportClient(callerOf(request), request.params.id, clock()),
  );
  app.post<{ Params: IdParams }>(
    '/devices/:id/revoke',
    { schema: { ...idParams, body: emptyBodySchema }, onRequest: guards.capability('manageStaff') },
    async (request) => staff.revokeDevice(callerOf(request), request.params.id, clock()),
  );
}
