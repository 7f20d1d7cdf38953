/**
 * Retry timing shared by the devices (sync requests) and the server (its database change feed):
 * exponential backoff with jitter and a cap, so that many parties that failed together do not retry together.
 */
export interface BackoffPolicy {
  /** Delay after the first failure, before jitter. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
}

/**
 * The wait after `failures` consecutive failures (1 for the first): the exponential step
 * min(max, base·2^(failures−1)), of which the upper half is random ("equal jitter"), so waits keep growing
 * but do not line up.
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  if (failures <= 0) return 0;
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(step / 2 + random() * (step / 2));
}
