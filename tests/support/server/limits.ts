/**
 * The authentication rate limit for servers that tests and benchmarks start: every simulated device of a run
 * connects from 127.0.0.1, so the production limit per address (server/app.ts, AUTH_RATE_LIMIT) would count a
 * whole fleet as one abuser. The limit itself is tested in server/hardening.test.ts.
 */
export const LOOPBACK_AUTH_RATE_LIMIT = { max: 1_000_000, windowMs: 60_000 } as const;
