import type { Role } from '../auth/roles';

/**
 * The marketing audience: which clients marketing may reach, read from the server's consent ledger
 * (consent-ledger.ts `marketingAllowed`: a live marketing consent, never opt-out). The server answers client ids
 * only; a device builds its list from them and from its own ledger (a withdrawal it holds and has not pushed yet
 * leaves the client out at once).
 */
export const marketingPaths = { audience: '/marketing/audience' } as const;

/** Who may read the audience (managers and the admin); 403 `marketing-audience-not-allowed` for the rest. */
export const MARKETING_AUDIENCE_ROLES: readonly Role[] = ['manager', 'admin'];

export interface MarketingAudience {
  /** The clients with a live marketing consent at `at`, sorted. */
  clientIds: string[];
  /** The server's clock when it was read (epoch ms). */
  at: number;
}
