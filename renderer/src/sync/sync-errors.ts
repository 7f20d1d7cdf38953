/** HTTP 429: the server limits how often this device may ask (its authentication routes above all). */
export const RATE_LIMITED_STATUS = 429;

/**
 * Answers that say "not now" rather than "no": 503 (temporarily unavailable) and 429 (rate limited). Both are waited
 * out as their Retry-After asks, with backoff, and are not shown as an error unless they last.
 */
export function isTemporaryStatus(status: number | undefined): boolean {
  return status === 503 || status === RATE_LIMITED_STATUS;
}

/**
 * Answers that say "no" for good to a push: invalid (400), not allowed (403), not possible in this state (409), too
 * large (413), unprocessable (422). Retrying the same rows cannot help; the device parks them (refusals.ts).
 */
export function isPermanentRefusal(error: unknown): error is SyncHttpError {
  return error instanceof SyncHttpError && [400, 403, 409, 413, 422].includes(error.status);
}

/** A sync request the server answered with an HTTP error (or that never got a token). */
export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  /** RxDB hands errors on as plain JSON (name, message, extensions...): the status must survive that. */
  readonly extensions: { status: number };

  constructor(
    readonly status: number,
    readonly reason: string,
    /** What the answer's Retry-After asked for, in milliseconds. */
    readonly retryAfterMs?: number,
    /** A refused push: what the caller lacked, and the document the refusal is about (PushRefusalAnswer). */
    readonly refusal: { needs?: string; documentId?: string } = {},
  ) {
    super(`sync request failed with HTTP ${status}: ${reason}`);
    this.extensions = { status };
  }
}

/**
 * A sync failure reduced to what the screen may say. RxDB's own messages embed the rows it tried to push
 * (client data), so they are never shown or kept: only the direction and the kind of failure.
 */
export interface SyncProblem {
  direction: 'push' | 'pull' | 'sync';
  cause: 'http' | 'unreachable' | 'unknown';
  status?: number;
}

export function describeSyncError(error: unknown): SyncProblem {
  const details = error as { code?: string; parameters?: { errors?: unknown[] } } | undefined;
  const cause = details?.parameters?.errors?.find((e) => e !== undefined);
  const direction = details?.code === 'RC_PUSH' ? 'push' : details?.code === 'RC_PULL' ? 'pull' : 'sync';
  if (cause instanceof SyncHttpError) return { direction, cause: 'http', status: cause.status };
  if (cause instanceof TypeError) return { direction, cause: 'unreachable' };
  // RxDB turns the handler's error into plain JSON before emitting it: recognise it by name.
  const plain = cause as { name?: unknown; extensions?: { status?: unknown } } | undefined;
  if (plain?.name === 'SyncHttpError' && typeof plain.extensions?.status === 'number') {
    return { direction, cause: 'http', status: plain.extensions.status };
  }
  if (plain?.name === 'TypeError') return { direction, cause: 'unreachable' };
  return { direction, cause: 'unknown' };
}
