import type { FastifyInstance } from 'fastify';
import type { ConsentRecord } from '../../shared/domain/consent';
import { marketingAllowed } from '../../shared/domain/consent-ledger';
import {
  MARKETING_AUDIENCE_ROLES,
  marketingPaths,
  type MarketingAudience,
} from '../../shared/domain/marketing';
import { forbidden } from '../auth/api-error';
import { callerOf, type AuthGuards } from '../auth/authenticate';
import type { Database } from '../db/database';
import { liveConsentsOfPurpose } from '../sync/documents';

/**
 * GET /marketing/audience (shared/domain/marketing.ts): the ids of the clients with a live marketing consent, for
 * managers and the admin. Read from the marketing records alone: nothing else of a client is looked at or told.
 */
export function registerMarketingRoutes(
  app: FastifyInstance,
  context: { db: Database; guards: AuthGuards; clock: () => number },
): void {
  const { db, guards, clock } = context;
  app.get(marketingPaths.audience, { onRequest: guards.authenticated() }, async (request) => {
    const caller = callerOf(request);
    if (!MARKETING_AUDIENCE_ROLES.includes(caller.role)) {
      throw forbidden('marketing-audience', 'marketing-audience-not-allowed');
    }
    const now = clock();
    const records = (await liveConsentsOfPurpose(db, 'marketing')) as unknown as ConsentRecord[];
    const clients = [...new Set(records.map((record) => record.clientId))].sort();
    const answer: MarketingAudience = {
      clientIds: clients.filter((clientId) => marketingAllowed(records, clientId, now)),
      at: now,
    };
    return answer;
  });
}
