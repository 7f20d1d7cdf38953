import { useTranslation } from 'react-i18next';
import { shownSyncError, syncCauseKey, useSyncStatus } from '../state/sync-status';

/**
 * A short text on screen and the whole sentence for a screen reader (and, through the indicator's title, for a
 * pointer): the header stays on one row in every state (issue 23, point 7).
 */
function Compact(props: { short: string; full: string; className?: string; testId?: string }) {
  const { short, full, className, testId } = props;
  if (short === full) {
    return (
      <span className={className} data-testid={testId}>
        {full}
      </span>
    );
  }
  return (
    <span className={className}>
      <span aria-hidden="true">{short}</span>
      <span className="visually-hidden" data-testid={testId}>
        {full}
      </span>
    </span>
  );
}

/**
 * The sync status in whole sentences, as the indicator's title and screen-reader text say it and as This device
 * lists it (sighted keyboard and touch users read the details there: review23-s7 A2).
 */
export function useSyncSentences() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const { connection, syncing, lastSyncedAt, pending, pullProgress, quarantined, unsendable } = status;
  // Offline, "the server cannot be reached" is expected, not an error (issue 23, bug 3).
  const lastError = shownSyncError(status);
  const progressText =
    pullProgress && t('sync.progress', { done: pullProgress.done, total: pullProgress.total });
  // Offline wins over "syncing": RxDB keeps retrying (so stays active) while there is no network.
  const state = syncing && connection !== 'offline' ? 'syncing' : connection;
  const stateText = t(`sync.${state}`);
  const pendingText = pending > 0 ? t('sync.pending', { count: pending }) : t('sync.pendingNone');
  const lastText =
    lastSyncedAt !== undefined && !syncing ? t('sync.lastSync', { time: new Date(lastSyncedAt) }) : undefined;
  const quarantinedText = quarantined > 0 ? t('sync.quarantined', { count: quarantined }) : undefined;
  const unsendableText = unsendable > 0 ? t('sync.unsendable', { count: unsendable }) : undefined;
  const errorText =
    lastError &&
    t('sync.error', {
      message: t(`sync.cause.${syncCauseKey(lastError)}`, {
        direction: t(`sync.direction.${lastError.direction}`),
      }),
    });
  return {
    status,
    state,
    lastError,
    progressText,
    lastText,
    quarantinedText,
    unsendableText,
    errorText,
    stateText,
    pendingText,
    sentences: [
      stateText,
      pendingText,
      progressText,
      lastText,
      quarantinedText,
      unsendableText,
      errorText,
    ].filter((sentence): sentence is string => Boolean(sentence)),
  };
}

/**
 * Always visible: whether the device is connected, whether it is syncing, how many local changes wait to be
 * sent, the last sync or error, and a progress bar while a long pull is under way. Compact: a dot, a short word and
 * a count; the whole sentences are in its title and read out by a screen reader.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const {
    status,
    state,
    progressText,
    lastText,
    quarantinedText,
    unsendableText,
    errorText,
    stateText,
    pendingText,
    sentences,
  } = useSyncSentences();
  const { connection, pending, pullProgress, quarantined, unsendable } = status;
  const title = sentences.join(' · ');
  return (
    <div
      className={`sync-indicator sync-${connection}`}
      role="status"
      aria-live="polite"
      data-testid="sync-status"
      title={title}
    >
      <span className="sync-dot" aria-hidden="true" />
      <Compact short={t(`sync.short.${state}`)} full={stateText} />
      <Compact
        className={pending > 0 ? 'sync-pending' : 'sync-last'}
        short={pending > 0 ? t('sync.short.pending', { count: pending }) : t('sync.short.pendingNone')}
        full={pendingText}
        testId="sync-pending"
      />
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
      {lastText && <span className="sync-last">{lastText}</span>}
      {quarantinedText && (
        <Compact
          className="sync-error"
          short={t('sync.short.quarantined', { count: quarantined })}
          full={quarantinedText}
          testId="sync-quarantined"
        />
      )}
      {unsendableText && (
        <Compact
          className="sync-error"
          short={t('sync.short.unsendable', { count: unsendable })}
          full={unsendableText}
          testId="sync-unsendable"
        />
      )}
      {errorText && <Compact className="sync-error" short={t('sync.short.error')} full={errorText} />}
    </div>
  );
}
