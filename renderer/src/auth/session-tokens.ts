import { TEMPORARILY_UNAVAILABLE, type SessionResponse } from '../../../shared/index';
import { isTemporaryStatus } from '../sync/sync-errors';
import { systemClock, type Clock } from '../security/clock';
import { AuthRequestError, isRevocation, type AuthClient, type TokenSource } from './auth-client';

/** Renew this long before the token expires, so requests in flight never carry an expired token. */
export const RENEW_BEFORE_EXPIRY_MS = 2 * 60_000;
/** After a renewal that could not reach the server, try again this often. */
export const RENEW_RETRY_MS = 30_000;
/** A token this close to expiry is not handed out any more: a fresh one is fetched first. */
const EXPIRY_SKEW_MS = 10_000;

/** When to renew a token expiring at `expiresAt`, counted from `now`. */
export function renewalDelayMs(expiresAt: number, now: number): number {
  return Math.max(0, expiresAt - RENEW_BEFORE_EXPIRY_MS - now);
}

export interface SessionTokensOptions {
  client: AuthClient;
  deviceId: string;
  /** Signs a server challenge with the device's Ed25519 key (signAuthChallenge). */
  sign(challenge: string): string;
  clock?: Clock;
  /** Every successful online authentication: its time proves the device was in touch with the server. */
  onSession?(session: SessionResponse): void;
  /**
   * A renewal the server refused for a reason other than revocation (which the client's onRevoked handles):
   * the device cannot authenticate any more (e.g. the server no longer knows it).
   */
  onRefused?(error: AuthRequestError): void;
}

/**
 * The device's session token: a challenge signed with the device key yields a 15-minute token, renewed in the
 * background while the app is unlocked, fetched again on demand when it lapsed (after a network loss).
 */
export class SessionTokens implements TokenSource {
  private current: { token: string; expiresAt: number } | undefined;
  private inflight: Promise<SessionResponse> | undefined;
  private timer: unknown;
  private stopped = false;
  private readonly clock: Clock;
  /** After a 429 or 503 from the authentication routes: not asked again before `until` (its Retry-After). */
  private deferred: { until: number; error: AuthRequestError } | undefined;

  constructor(private readonly options: SessionTokensOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Challenge, signature, session; one at a time however many callers ask. */
  authenticate(): Promise<SessionResponse> {
    if (this.stopped) return Promise.reject(new AuthRequestError('unauthorized', 'missing-token'));
    if (this.deferred && this.clock.now() < this.deferred.until) return Promise.reject(this.deferred.error);
    this.inflight ??= this.signIn().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  async token(): Promise<string> {
    const current = this.valid();
    if (current) return current;
    return (await this.authenticate()).token;
  }

  /** The current token if it is still good, without contacting the server (for the event stream's URL). */
  valid(): string | undefined {
    if (!this.current || this.clock.now() >= this.current.expiresAt - EXPIRY_SKEW_MS) return undefined;
    return this.current.token;
  }

  invalidate(): void {
    this.current = undefined;
  }

  stop(): void {
    this.stopped = true;
    this.current = undefined;
    this.cancelTimer();
  }

  private async signIn(): Promise<SessionResponse> {
    const { client, deviceId } = this.options;
    let session: SessionResponse;
    try {
      const challenge = await client.challenge(deviceId);
      const signature = this.options.sign(challenge.challenge);
      session = await client.session({ challengeId: challenge.challengeId, deviceId, signature });
    } catch (error) {
      // Rate limited or unavailable: every caller (each collection's sync, the renewal) waits as the server asked
      // instead of asking again at once, which a rate limit would only prolong.
      if (error instanceof AuthRequestError && isTemporaryStatus(error.status)) {
        const wait = error.retryAfterMs ?? TEMPORARILY_UNAVAILABLE.retryAfterSeconds * 1000;
        this.deferred = { until: this.clock.now() + wait, error };
      }
      throw error;
    }
    this.deferred = undefined;
    if (this.stopped) throw new AuthRequestError('unauthorized', 'missing-token');
    this.current = { token: session.token, expiresAt: session.expiresAt };
    this.schedule(renewalDelayMs(session.expiresAt, this.clock.now()));
    this.options.onSession?.(session);
    return session;
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    this.timer = this.clock.setTimeout(() => void this.renew(), delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async renew(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    try {
      await this.authenticate();
    } catch (error) {
      if (this.stopped) return;
      if (!(error instanceof AuthRequestError)) throw error;
      if (error.kind === 'unreachable' || error.kind === 'server') {
        // Offline is normal: keep trying; requests meanwhile fetch a token on demand. A 429 or 503 is a server
        // that asked to be left alone a while: not before its Retry-After.
        this.schedule(Math.max(RENEW_RETRY_MS, error.retryAfterMs ?? 0));
      } else if (!isRevocation(error.reason)) {
        this.options.onRefused?.(error);
      }
    }
  }
}
