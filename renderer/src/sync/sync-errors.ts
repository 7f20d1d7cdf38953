import { SyncHttpError } from './replication';

/**
 * A sync failure in words fit for the screen. RxDB's own messages embed the rows it tried to push (client data),
 * so they are never shown or kept: only what kind of request failed and how.
 */
export function describeSyncError(error: unknown): string {
  const details = error as { code?: string; parameters?: { errors?: unknown[] } } | undefined;
  const cause = details?.parameters?.errors?.find((e) => e !== undefined);
  const direction =
    details?.code === 'RC_PUSH'
      ? 'sending changes'
      : details?.code === 'RC_PULL'
        ? 'receiving changes'
        : 'syncing';
  if (cause instanceof SyncHttpError) return `${direction} failed: the server answered HTTP ${cause.status}`;
  if (cause instanceof TypeError) return `${direction} failed: the server cannot be reached`;
  return `${direction} failed`;
}
