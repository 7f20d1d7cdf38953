import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_OFFLINE_MS } from '../../../shared/auth/policy';
import { PassphraseRejectedError, UnlockDelayedError, UnlockRefusedError } from '../auth/device-access';
import { StoreInUseError } from '../store/store-lock';
import { WrongPassphraseError } from './device-vault';
import type { UnlockAllowance } from './unlock-guard';

interface Props {
  onSubmit(passphrase: string): Promise<void>;
  /** Reads the failed-unlock state afresh (waiting time, attempts left). */
  allowance(): UnlockAllowance;
  /** Shown above the form, e.g. why the app locked itself. */
  notice?: string;
}

const DAY_MS = 24 * 3_600_000;

/** m:ss, for the waiting time after failed attempts. */
export function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Asks for the passphrase that unseals the device vault key and the device keys. After UNLOCK_FREE_ATTEMPTS
 * failures it shows the waiting time, and always how many attempts are left before the device wipes itself.
 */
export function LockScreen({ onSubmit, allowance, notice }: Props) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState(allowance);

  // While a wait is running, re-read it every second so the countdown moves and the button comes back.
  useEffect(() => {
    if (state.waitMs <= 0) return;
    const timer = setInterval(() => setState(allowance()), 1000);
    return () => clearInterval(timer);
  }, [state.waitMs, allowance]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(passphrase);
    } catch (cause) {
      setError(describe(cause));
      setBusy(false);
    } finally {
      setPassphrase('');
      setState(allowance());
    }
  }

  function describe(cause: unknown): string | undefined {
    if (cause instanceof UnlockDelayedError || cause instanceof PassphraseRejectedError) {
      return cause instanceof PassphraseRejectedError ? t('lock.wrongPassphrase') : undefined;
    }
    if (cause instanceof WrongPassphraseError) return t('lock.wrongPassphrase');
    if (cause instanceof StoreInUseError) return t('lock.openElsewhere');
    if (cause instanceof UnlockRefusedError) {
      return cause.reason === 'must-go-online'
        ? t('lock.mustGoOnline', { days: Math.round(MAX_OFFLINE_MS / DAY_MS) })
        : t('lock.serverRefused', { reason: cause.serverReason ?? 'unknown' });
    }
    return t('lock.failed', { reason: cause instanceof Error ? cause.message : String(cause) });
  }

  const waiting = state.waitMs > 0;
  return (
    <form className="lock-screen" onSubmit={submit} noValidate aria-labelledby="lock-heading">
      <h2 id="lock-heading">{t('lock.unlockHeading')}</h2>
      {notice && <p className="notice">{notice}</p>}
      <p className="muted">{t('lock.unlockIntro')}</p>
      <label htmlFor="passphrase">{t('lock.passphrase')}</label>
      <input
        id="passphrase"
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        disabled={busy}
      />
      <button type="submit" disabled={busy || waiting}>
        {busy ? t('lock.unlocking') : t('lock.unlock')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {waiting && (
        <p className="field-error" data-testid="unlock-wait">
          {t('lock.wait', { time: formatWait(state.waitMs) })}
        </p>
      )}
      {state.failures > 0 && (
        <p className="muted" data-testid="unlock-attempts-left">
          {t('lock.attemptsLeft', { count: state.attemptsLeft })}
        </p>
      )}
    </form>
  );
}
