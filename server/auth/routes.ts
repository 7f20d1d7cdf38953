import type { FastifyInstance } from 'fastify';
import {
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
  context: { db: Database; sodium: Sodium; guards: AuthGuards; clock: () => number },
): void {
  const { db, sodium, guards, clock } = context;
  app.post<{ Body: ChallengeRequest }>(
    authPaths.challenge,
    { schema: { body: challengeRequestSchema } },
    async (request) => challenge(db, request.body.deviceId, clock()),
  );
  app.post<{ Body: SessionRequest }>(
    authPaths.session,
    { schema: { body: sessionRequestSchema } },
    async (request) => startSession(db, sodium, request.body, clock()),
  );
  app.get(authPaths.me, { onRequest: guards.authenticated() }, async (request) => callerOf(request));
}
