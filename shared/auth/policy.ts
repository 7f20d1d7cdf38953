/**
 * Device-side security policy, stated once: the app enforces it and the README quotes it.
 */

/** Lock after this long without input, unless the person chose otherwise (1 to 60 minutes). */
export const AUTO_LOCK_DEFAULT_MS = 5 * 60_000;
export const AUTO_LOCK_MIN_MS = 60_000;
export const AUTO_LOCK_MAX_MS = 60 * 60_000;

/** A device that has not reached the server for this long must authenticate online before it unlocks. */
export const MAX_OFFLINE_MS = 14 * 24 * 3_600_000;

/** Failed unlocks: this many are free, then each waits twice as long as the last, from 30 s. */
export const UNLOCK_FREE_ATTEMPTS = 5;
export const UNLOCK_FIRST_DELAY_MS = 30_000;
/** At this many consecutive failures the device wipes its local data and keys and must enrol again. */
export const UNLOCK_WIPE_AFTER = 10;

/** How long the lock screen makes a person wait before the next attempt, after `failures` failed ones. */
export function unlockDelayMs(failures: number): number {
  if (failures < UNLOCK_FREE_ATTEMPTS) return 0;
  return UNLOCK_FIRST_DELAY_MS * 2 ** (failures - UNLOCK_FREE_ATTEMPTS);
}

export function mustWipeAfter(failures: number): boolean {
  return failures >= UNLOCK_WIPE_AFTER;
}

/** Whether a device last authenticated at `lastOnlineAuthAt` may still unlock offline at `now`. */
export function offlineUnlockAllowed(lastOnlineAuthAt: number | undefined, now: number): boolean {
  return lastOnlineAuthAt !== undefined && now - lastOnlineAuthAt <= MAX_OFFLINE_MS;
}
