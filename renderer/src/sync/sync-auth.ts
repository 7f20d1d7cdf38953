/** How sync requests authenticate: a bearer token, and what to do when the server refuses it. */
export interface SyncAuth {
  /** A valid session token, fetched again (challenge) when the current one lapsed. */
  token(): Promise<string>;
  /** The server refused the current token without saying why (the event stream): get a fresh one next time. */
  invalidate(): void;
  /** The server answered 401 with this reason (an AuthFailure): a revoked device wipes itself. */
  onAuthFailure(reason: string): void;
}
