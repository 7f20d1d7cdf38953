import { useTranslation } from 'react-i18next';
import { shownSyncError, useSyncStatus } from '../state/sync-status';

/**
 * Always visible: whether the device is connected, whether it is syncing, how many local changes wait to be
 * sent, the last sync or error, and a progress bar while a long pull is under way.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const { connection, syncing, lastSyncedAt, pending, pullProgress, quarantined, unsendable } = status;
  // Offline, "the server cannot be reached" is expected, not an error (issue 23, bug 3).
  const lastError = shownSyncError(status);
  const progressText =
    pullProgress && t('sync.progress', { done: pullProgress.done, total: pullProgress.total });
  return (
    <div
      className={`sync-indicator sync-${connection}`}
      role="status"
      aria-live="polite"
      data-testid="sync-status"
    >
      <span className="sync-dot" aria-hidden="true" />
      {/* Offline wins over "syncing": RxDB keeps retrying (so stays active) while there is no network. */}
      <span>{syncing && connection !== 'offline' ? t('sync.syncing') : t(`sync.${connection}`)}</span>
      <span className={pending > 0 ? 'sync-pending' : 'sync-last'} data-testid="sync-pending">
        {pending > 0 ? t('sync.pending', { count: pending }) : t('sync.pendingNone')}
      </span>
      {pullProgress && (
        <span className="sync-progress">
          <progress
            value={pullProgress.done}
            max={pullProgress.total}
            aria-label={progressText}
            title={progressText}
          />
        </span>
      )}
      {lastSyncedAt !== undefined && !syncing && (
        <span className="sync-last">{t('sync.lastSync', { time: new Date(lastSyncedAt) })}</span>
      )}
      {quarantined > 0 && (
        <span className="sync-error" data-testid="sync-quarantined">
          {t('sync.quarantined', { count: quarantined })}
        </span>
      )}
      {unsendable > 0 && (
        <span className="sync-error" data-testid="sync-unsendable">
          {t('sync.unsendable', { count: unsendable })}
        </span>
      )}
      {lastError && (
        <span className="sync-error">
          {t('sync.error', {
            message: t(`sync.cause.${lastError.cause}`, {
              direction: t(`sync.direction.${lastError.direction}`),
              status: lastError.status,
            }),
          })}
        </span>
      )}
    </div>
  );
}
