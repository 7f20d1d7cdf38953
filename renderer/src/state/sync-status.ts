import { create } from 'zustand';
import type { SyncProblem } from '../sync/sync-errors';

export type Connection = 'connecting' | 'online' | 'offline';

export interface SyncStatus {
  connection: Connection;
  /** A pull or push is under way. */
  syncing: boolean;
  lastSyncedAt: number | undefined;
  lastError: SyncProblem | undefined;
}

const initial: SyncStatus = {
  connection: 'connecting',
  syncing: false,
  lastSyncedAt: undefined,
  lastError: undefined,
};

export const useSyncStatus = create<SyncStatus>(() => initial);

export function resetSyncStatus(): void {
  useSyncStatus.setState(initial, true);
}
