import { create } from 'zustand';
import type { SyncProblem } from '../sync/sync-errors';

export type Connection = 'connecting' | 'online' | 'offline';

/** How far a long pull has come: `done` changes received in this catch-up out of `total` known so far. */
export interface PullProgress {
  done: number;
  total: number;
}

export interface SyncStatus {
  connection: Connection;
  /** A pull or push is under way. */
  syncing: boolean;
  lastSyncedAt: number | undefined;
  lastError: SyncProblem | undefined;
  /** Documents changed on this device that the server has not acknowledged yet. */
  pending: number;
  /** Set while the server reports more changes to pull than the last batch held. */
  pullProgress: PullProgress | undefined;
  /**
   * Local rows that cannot be trusted (unreadable, rolled back or deleted on disk): kept aside, never pushed
   * (renderer/src/store/quarantine.ts). The header says so while any is found.
   */
  quarantined: number;
  /** Documents whose ids the server no longer accepts (not strict UUIDs): kept on this device, never sent. */
  unsendable: number;
  /** Changes the server refused for good, kept on this device for the person to discard or copy (parked-changes.ts). */
  parked: number;
}

const initial: SyncStatus = {
  connection: 'connecting',
  syncing: false,
  lastSyncedAt: undefined,
  lastError: undefined,
  pending: 0,
  pullProgress: undefined,
  quarantined: 0,
  unsendable: 0,
  parked: 0,
};

export const useSyncStatus = create<SyncStatus>(() => initial);

/**
 * The sync error the header shows. While the device is offline, "the server cannot be reached" is what offline
 * means, an expected state and not an error (issue 23, bug 3): it is not shown. A refusal or any other failure is.
 */
export function shownSyncError(
  status: Pick<SyncStatus, 'connection' | 'lastError'>,
): SyncProblem | undefined {
  const { connection, lastError } = status;
  if (connection === 'offline' && lastError?.cause === 'unreachable') return undefined;
  return lastError;
}

/**
 * Which plain-words cause the header names (the sync.cause catalogue): a failure on the server's side (5xx) is not a
 * refusal. No status number is shown: a person cannot act on "code 403" (issue 23, point 5).
 */
export function syncCauseKey(problem: SyncProblem): 'http' | 'serverFault' | 'unreachable' | 'unknown' {
  if (problem.cause === 'http' && problem.status !== undefined && problem.status >= 500) return 'serverFault';
  return problem.cause;
}

/** An unreachable server is old news once the live stream is connected again: the error goes with it. */
export function withoutUnreachable(status: Pick<SyncStatus, 'lastError'>): Partial<SyncStatus> {
  return status.lastError?.cause === 'unreachable' ? { lastError: undefined } : {};
}

export function resetSyncStatus(): void {
  useSyncStatus.setState(initial, true);
}

/**
 * The progress after a pulled batch of `received` changes, when the server says `remaining` are left
 * (undefined from a server that does not say). The total may grow while pulling, as others keep pushing.
 */
export function nextPullProgress(
  previous: PullProgress | undefined,
  received: number,
  remaining: number | undefined,
): PullProgress | undefined {
  if (!remaining) return undefined;
  const done = (previous?.done ?? 0) + received;
  return { done, total: Math.max(previous?.total ?? 0, done + remaining) };
}

/** The progress of several catch-ups as one; undefined when none is under way. */
export function summedProgress(parts: Iterable<PullProgress | undefined>): PullProgress | undefined {
  let sum: PullProgress | undefined;
  for (const part of parts) {
    if (part) sum = { done: (sum?.done ?? 0) + part.done, total: (sum?.total ?? 0) + part.total };
  }
  return sum;
}
