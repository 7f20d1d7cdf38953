import { useSyncStatus } from '../state/sync-status';

const labels = {
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline — changes are kept on this device',
};

/** Always visible: whether the device is connected, whether it is syncing, and the last sync or error. */
export function SyncIndicator() {
  const { connection, syncing, lastSyncedAt, lastError } = useSyncStatus();
  return (
    <div
      className={`sync-indicator sync-${connection}`}
      role="status"
      aria-live="polite"
      data-testid="sync-status"
    >
      <span className="sync-dot" aria-hidden="true" />
      <span>{syncing ? 'Syncing…' : labels[connection]}</span>
      {lastSyncedAt !== undefined && !syncing && (
        <span className="sync-last">Last sync {new Date(lastSyncedAt).toLocaleTimeString()}</span>
      )}
      {lastError && <span className="sync-error">Sync error: {lastError}</span>}
    </div>
  );
}
