import { SyncHttpError } from './sync-errors';

/** How sync requests authenticate: a bearer token, and what to do when the server refuses it. */
export interface SyncAuth {
  /** A valid session token, fetched again (challenge) when the current one lapsed. */
  token(): Promise<string>;
  /** The server refused the current token without saying why (the event stream): get a fresh one next time. */
  invalidate(): void;
  /** The server answered 401 with this reason (an AuthFailure): a revoked device wipes itself. */
  onAuthFailure(reason: string): void;
}

/**
 * The Authorization header for a sync request. Not getting a token reads like the request's own failure, so the
 * sync indicator words it the same way: unreachable when offline, an HTTP refusal otherwise.
 */
export async function authHeaders(auth: SyncAuth): Promise<Record<string, string>> {
  let failure: { kind?: string; status?: number; reason?: string; retryAfterMs?: number } | undefined;
  try {
    return { authorization: `Bearer ${await auth.token()}` };
  } catch (error) {
    failure = error as typeof failure;
  }
  if (failure?.kind === 'unreachable') throw new TypeError('the server cannot be reached');
  // A rate-limited or unavailable authentication keeps its status and Retry-After: the sync waits it out quietly.
  throw new SyncHttpError(
    failure?.status ?? 401,
    failure?.reason ?? 'unauthenticated',
    failure?.retryAfterMs,
  );
}
