import type { FastifyInstance } from 'fastify';
import {
  approveRequestSchema,
  authPaths,
  emptyBodySchema,
  enrolRequestSchema,
  invitationRequestSchema,
  roleChangeSchema,
  setupRequestSchema,
  uuidParamsSchema,
  type EnrolRequest,
  type InvitationRequest,
  type Role,
  type SetupRequest,
} from '../../shared/index';
import type { Sodium } from '../../shared/crypto/index';
import type { RouteRateLimit } from '../rate-limits';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import type { Database } from '../db/database';
import { directory, organisation, staffList } from './directory';
import { decide, enrol, enrolment, pendingEnrolments } from './enrolments';
import { invite, inviteOwnDevice } from './invitations';
import { revokeDevice, revokeStaff } from './revocations';
import { changeRole } from './roles';
import { setUp } from './setup';

interface IdParams {
  id: string;
}

/** Setup, enrolment and staff management (shared/auth/protocol.ts). */
export function registerStaffRoutes(
  app: FastifyInstance,
  context: {
    db: Database;
    sodium: Sodium;
    guards: AuthGuards;
    clock: () => number;
    /** The limits of the routes a caller without a session reaches: setup, enrolment and its status. */
    rateLimit: RouteRateLimit;
  },
): void {
  const { db, sodium, guards, clock } = context;
  const idParams = { params: uuidParamsSchema };

  app.post<{ Body: SetupRequest }>(
    authPaths.setup,
    { config: { rateLimit: context.rateLimit('setup') }, schema: { body: setupRequestSchema } },
    async (request, reply) => reply.status(201).send(await setUp(db, sodium, request.body, clock())),
  );

  app.post<{ Body: EnrolRequest }>(
    authPaths.enrolments,
    { config: { rateLimit: context.rateLimit('enrol') }, schema: { body: enrolRequestSchema } },
    async (request, reply) => reply.status(201).send(await enrol(db, sodium, request.body, clock())),
  );
  // No authentication: the device that enrolled polls with the enrolment's random id, which it alone knows.
  app.get<{ Params: IdParams }>(
    '/enrolments/:id',
    { config: { rateLimit: context.rateLimit('enrolmentStatus') }, schema: idParams },
    async (request) => enrolment(db, request.params.id, clock()),
  );
  app.get(authPaths.enrolments, { onRequest: guards.capability('approveDevices') }, async () =>
    pendingEnrolments(db, clock()),
  );
  app.post<{ Params: IdParams }>(
    '/enrolments/:id/approve',
    { schema: { ...idParams, body: approveRequestSchema }, onRequest: guards.capability('approveDevices') },
    async (request) => decide(db, callerOf(request), request.params.id, true, clock()),
  );
  app.post<{ Params: IdParams }>(
    '/enrolments/:id/deny',
    { schema: { ...idParams, body: emptyBodySchema }, onRequest: guards.capability('approveDevices') },
    async (request) => decide(db, callerOf(request), request.params.id, false, clock()),
  );

  app.get(authPaths.staff, { onRequest: guards.authenticated() }, async (request) =>
    staffList(db, callerOf(request)),
  );
  app.get(authPaths.organisation, { onRequest: guards.authenticated() }, async () => organisation(db));
  app.get(authPaths.directory, { onRequest: guards.authenticated() }, async () => directory(db));

  app.post<{ Body: InvitationRequest }>(
    authPaths.invitations,
    { schema: { body: invitationRequestSchema }, onRequest: guards.capability('manageStaff') },
    async (request, reply) =>
      reply.status(201).send(await invite(db, callerOf(request), request.body, clock())),
  );
  app.post(
    authPaths.deviceInvitation,
    { schema: { body: emptyBodySchema }, onRequest: guards.authenticated() },
    async (request, reply) => reply.status(201).send(await inviteOwnDevice(db, callerOf(request), clock())),
  );

  app.post<{ Params: IdParams; Body: { role: Role } }>(
    '/staff/:id/role',
    { schema: { ...idParams, body: roleChangeSchema }, onRequest: guards.capability('manageStaff') },
    async (request) => changeRole(db, callerOf(request), request.params.id, request.body.role, clock()),
  );

  app.post<{ Params: IdParams }>(
    '/staff/:id/revoke',
    { schema: { ...idParams, body: emptyBodySchema }, onRequest: guards.capability('manageStaff') },
    async (request) => revokeStaff(db, callerOf(request), request.params.id, clock()),
  );
  app.post<{ Params: IdParams }>(
    '/devices/:id/revoke',
    { schema: { ...idParams, body: emptyBodySchema }, onRequest: guards.capability('manageStaff') },
    async (request) => revokeDevice(db, callerOf(request), request.params.id, clock()),
  );
}
