import type { FastifyInstance } from 'fastify';
import {
  AUTH_BODY_MAX_BYTES,
  authPaths,
  challengeRequestSchema,
  sessionRequestSchema,
  type ChallengeRequest,
  type SessionRequest,
} from '../../shared/index';
import type { Sodium } from '../../shared/crypto/index';
import type { RouteRateLimit } from '../rate-limits';
import type { Database } from '../db/database';
import { callerOf, type AuthGuards } from './authenticate';
import { challenge, startSession } from './sessions';

/** Device authentication (shared/auth/protocol.ts): a signed challenge for a session token, and who that is. */
export function registerAuthRoutes(
  app: FastifyInstance,
  context: {
    db: Database;
    sodium: Sodium;
    guards: AuthGuards;
    clock: () => number;
    /** Attempts per client address and window, for each of the two unauthenticated routes. */
    rateLimit: RouteRateLimit;
  },
): void {
  const { db, sodium, guards, clock } = context;
  app.post<{ Body: ChallengeRequest }>(
    authPaths.challenge,
    {
      bodyLimit: AUTH_BODY_MAX_BYTES,
      config: { rateLimit: context.rateLimit('challenge') },
      schema: { body: challengeRequestSchema },
    },
    async (request) => challenge(db, request.body.deviceId, clock()),
  );
  app.post<{ Body: SessionRequest }>(
    authPaths.session,
    {
      bodyLimit: AUTH_BODY_MAX_BYTES,
      config: { rateLimit: context.rateLimit('session') },
      schema: { body: sessionRequestSchema },
    },
    async (request) => startSession(db, sodium, request.body, clock()),
  );
  app.get(authPaths.me, { onRequest: guards.authenticated() }, async (request) => callerOf(request));
}
