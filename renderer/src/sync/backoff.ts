import { backoffDelay, type BackoffPolicy } from '../../../shared/index';

/** Sync requests back off from 1 s to at most a minute. */
export const SYNC_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/**
 * Holds retries back until the current backoff has passed. A success resets it; so does reset(), which
 * also releases a waiting retry at once (the live stream reconnected: the server is back).
 */
export class RetryGate {
  private failures = 0;
  private until = 0;
  /** The server's own "not before" (Retry-After): a reset does not lift it, only a success. */
  private holdUntil = 0;
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly policy: BackoffPolicy = SYNC_BACKOFF,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  get consecutiveFailures(): number {
    return this.failures;
  }

  /**
   * The delay now in force, in milliseconds (0 when not backing off). `atLeastMs`: the server asked for that wait
   * (a 503's Retry-After), which holds even through a reset.
   */
  failed(atLeastMs = 0): number {
    this.failures += 1;
    const delay = Math.max(backoffDelay(this.failures, this.policy, this.random), atLeastMs);
    this.until = this.now() + delay;
    this.holdUntil = atLeastMs > 0 ? this.now() + atLeastMs : 0;
    return delay;
  }

  succeeded(): void {
    this.failures = 0;
    this.until = 0;
    this.holdUntil = 0;
  }

  reset(): void {
    this.failures = 0;
    this.until = 0;
    for (const wake of [...this.waiting]) wake();
  }

  /** Resolves when a request may be tried. */
  async ready(): Promise<void> {
    for (;;) {
      const wait = Math.max(this.until, this.holdUntil) - this.now();
      if (wait <= 0) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, wait);
        this.waiting.add(done);
      });
    }
  }
}
