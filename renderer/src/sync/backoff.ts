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
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly policy: BackoffPolicy = SYNC_BACKOFF,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** The delay now in force, in milliseconds (0 when not backing off). */
  failed(): number {
    this.failures += 1;
    const delay = backoffDelay(this.failures, this.policy, this.random);
    this.until = this.now() + delay;
    return delay;
  }

  succeeded(): void {
    this.failures = 0;
    this.until = 0;
  }

  reset(): void {
    this.succeeded();
    for (const wake of [...this.waiting]) wake();
  }

  /** Resolves when a request may be tried. */
  async ready(): Promise<void> {
    for (;;) {
      const wait = this.until - this.now();
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
