import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../state/sync-status';

/** Always visible: whether the device is connected, whether it is syncing, and the last sync or error. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const { connection, syncing, lastSyncedAt, lastError } = useSyncStatus();
  return (
    <div
      className={`sync-indicator sync-${connection}`}
      role="status"
      aria-live="polite"
      data-testid="sync-status"
    >
      <span className="sync-dot" aria-hidden="true" />
      <span>{syncing ? t('sync.syncing') : t(`sync.${connection}`)}</span>
      {lastSyncedAt !== undefined && !syncing && (
        <span className="sync-last">{t('sync.lastSync', { time: new Date(lastSyncedAt) })}</span>
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
