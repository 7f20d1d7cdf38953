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
    rateLimit: { max: number; windowMs: number };
  },
): void {
  const { db, sodium, guards, clock } = context;
  const limits = {
    bodyLimit: AUTH_BODY_MAX_BYTES,
    config: { rateLimit: { max: context.rateLimit.max, timeWindow: context.rateLimit.windowMs } },
  };
  app.post<{ Body: ChallengeRequest }>(
    authPaths.challenge,
    { ...limits, schema: { body: challengeRequestSchema } },
    async (request) => challenge(db, request.body.deviceId, clock()),
  );
  app.post<{ Body: SessionRequest }>(
    authPaths.session,
    { ...limits, schema: { body: sessionRequestSchema } },
    async (request) => startSession(db, sodium, request.body, clock()),
  );
  app.get(authPaths.me, { onRequest: guards.authenticated() }, async (request) => callerOf(request));
}
