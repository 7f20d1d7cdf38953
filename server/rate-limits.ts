/**
 * Requests per client address and minute on each route a caller without a session can reach, each route its own
 * bucket. The address is the socket's, or with `trustProxy` the client's as the trusted proxy forwarded it.
 */
export const UNAUTHENTICATED_RATE_LIMITS = {
  challenge: { max: 60, windowMs: 60_000 },
  session: { max: 60, windowMs: 60_000 },
  // Setup happens once; an enrolment per new device. Each takes the identities' lock and checks keys.
  setup: { max: 10, windowMs: 60_000 },
  enrol: { max: 30, windowMs: 60_000 },
  // A pending device polls its enrolment every 3 s (renderer/src/features/enrolment): several behind one address.
  enrolmentStatus: { max: 120, windowMs: 60_000 },
} as const;
export type RateLimitedRoute = keyof typeof UNAUTHENTICATED_RATE_LIMITS;
/** What a route's rate limit is configured with (`config.rateLimit` of @fastify/rate-limit). */
export type RouteRateLimit = (route: RateLimitedRoute) => { max: number; timeWindow: number };
