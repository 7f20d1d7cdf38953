import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuickUnlockStatus } from '../../../shared/index';
import { StoreInUseError } from '../store/store-lock';
import type { Keyring } from './device-vault';
import type { QuickUnlock as QuickUnlockService } from './quick-unlock';

interface Props {
  quickUnlock: QuickUnlockService;
  /** Whether the device has a vault yet; before it has one there is nothing to unlock with the keychain. */
  vaultExists: boolean;
  onUnlock(keyring: Keyring): Promise<void>;
}

/**
 * Beside the lock screen: "Remember on this device with the system keychain", and, once a key is kept,
 * "Unlock with the system keychain". Where the keychain cannot be trusted or does not exist, says why.
 */
export function QuickUnlock({ quickUnlock, vaultExists, onUnlock }: Props) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<QuickUnlockStatus | undefined>();
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();

  const refresh = useCallback(
    () =>
      quickUnlock.status().then((next) => {
        setStatus(next);
        setRemember(next.available && next.stored);
      }),
    [quickUnlock],
  );
  useEffect(() => {
    void refresh().catch(() => setStatus({ available: false, reason: 'no-keyring' }));
  }, [refresh]);

  async function choose(next: boolean) {
    setRemember(next);
    setMessage(undefined);
    await quickUnlock.choose(next);
    if (!next) await refresh();
  }

  async function unlockWithKeychain() {
    setBusy(true);
    setMessage(undefined);
    try {
      const keyring = await quickUnlock.unlock();
      if (keyring) {
        await onUnlock(keyring);
        return;
      }
      setMessage(t('quickUnlock.notKept'));
      await refresh();
    } catch (cause) {
      setMessage(
        cause instanceof StoreInUseError
          ? t('lock.openElsewhere')
          : t('quickUnlock.failed', { reason: cause instanceof Error ? cause.message : String(cause) }),
      );
    }
    setBusy(false);
  }

  if (!status) return null;
  const kept = status.available && status.stored;
  return (
    <section className="quick-unlock" aria-label={t('quickUnlock.label')}>
      {kept && vaultExists && (
        <button type="button" className="secondary" onClick={() => void unlockWithKeychain()} disabled={busy}>
          {busy ? t('lock.unlocking') : t('quickUnlock.unlock')}
        </button>
      )}
      <label>
        <input
          type="checkbox"
          checked={remember}
          disabled={!status.available || busy}
          onChange={(event) => void choose(event.target.checked)}
        />{' '}
        {t('quickUnlock.remember')}
      </label>
      {!status.available && <p className="muted">{t(`quickUnlock.refusal.${status.reason}`)}</p>}
      {status.available && remember && !status.stored && (
        <p className="muted">{t('quickUnlock.atNextUnlock')}</p>
      )}
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
