import { mustWipeAfter, UNLOCK_WIPE_AFTER, unlockDelayMs } from '../../../shared/auth/policy';

export const UNLOCK_FAILURES_STORAGE_KEY = 'lumina.unlock-failures.v1';

export interface UnlockFailures {
  /** Consecutive failed unlocks since the last success. */
  count: number;
  /** When the last one happened (ms since the epoch). */
  lastAt: number;
}

export interface UnlockAllowance {
  /** 0 when the person may try now; otherwise how long they still have to wait. */
  waitMs: number;
  /** Failed attempts left before the device wipes itself. */
  attemptsLeft: number;
  failures: number;
}

/** What follows a failed unlock. */
export type FailureOutcome = { wipe: true } | { wipe: false; allowance: UnlockAllowance };

/**
 * The failed-unlock policy of shared/auth/policy.ts, applied: free attempts, then a doubling wait, then a wipe.
 * The count lives in local storage in clear. It slows down a person at the keyboard; someone who copies the disk
 * is slowed down by Argon2id instead, and can reset this counter anyway.
 */
export class UnlockGuard {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage,
    private readonly now: () => number = Date.now,
  ) {}

  failures(): UnlockFailures {
    const raw = this.storage.getItem(UNLOCK_FAILURES_STORAGE_KEY);
    if (raw === null) return { count: 0, lastAt: 0 };
    try {
      const parsed = JSON.parse(raw) as Partial<UnlockFailures>;
      const count = Number.isSafeInteger(parsed.count) && parsed.count! >= 0 ? parsed.count! : 0;
      const lastAt = Number.isFinite(parsed.lastAt) ? parsed.lastAt! : 0;
      return { count, lastAt };
    } catch {
      // An unreadable record counts as the worst case short of a wipe: the person waits the longest delay.
      return { count: UNLOCK_WIPE_AFTER - 1, lastAt: this.now() };
    }
  }

  allowance(): UnlockAllowance {
    const { count, lastAt } = this.failures();
    const now = this.now();
    const readyAt = lastAt + unlockDelayMs(count);
    // A clock set back before the last failure does not shorten the wait: it restarts from now.
    const waitMs = now < lastAt ? unlockDelayMs(count) : Math.max(0, readyAt - now);
    return { waitMs, attemptsLeft: Math.max(0, UNLOCK_WIPE_AFTER - count), failures: count };
  }

  recordFailure(): FailureOutcome {
    const count = this.failures().count + 1;
    this.storage.setItem(UNLOCK_FAILURES_STORAGE_KEY, JSON.stringify({ count, lastAt: this.now() }));
    if (mustWipeAfter(count)) return { wipe: true };
    return { wipe: false, allowance: this.allowance() };
  }

  recordSuccess(): void {
    this.storage.removeItem(UNLOCK_FAILURES_STORAGE_KEY);
  }
}
