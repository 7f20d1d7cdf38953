import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSPHRASE_MIN_LENGTH, WrongPassphraseError } from './device-vault';

interface Props {
  /** Whether this device already has a vault (unlock) or needs one (first start). */
  setUp: boolean;
  onSubmit(passphrase: string): Promise<void>;
}

/** Asks for the passphrase that unseals the device vault key; on first start, asks for a new one twice. */
export function LockScreen({ setUp, onSubmit }: Props) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!setUp && passphrase.length < PASSPHRASE_MIN_LENGTH) {
      setError(t('lock.tooShort', { min: PASSPHRASE_MIN_LENGTH }));
      return;
    }
    if (!setUp && passphrase !== confirmation) {
      setError(t('lock.mismatch'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(passphrase);
    } catch (cause) {
      setError(
        cause instanceof WrongPassphraseError
          ? t('lock.wrongPassphrase')
          : t('lock.failed', { reason: cause instanceof Error ? cause.message : String(cause) }),
      );
      setBusy(false);
    } finally {
      setPassphrase('');
      setConfirmation('');
    }
  }

  return (
    <form className="lock-screen" onSubmit={submit} noValidate aria-labelledby="lock-heading">
      <h2 id="lock-heading">{setUp ? t('lock.unlockHeading') : t('lock.setUpHeading')}</h2>
      <p className="muted">{setUp ? t('lock.unlockIntro') : t('lock.setUpIntro')}</p>
      <label htmlFor="passphrase">{t('lock.passphrase')}</label>
      <input
        id="passphrase"
        type="password"
        autoComplete={setUp ? 'current-password' : 'new-password'}
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        disabled={busy}
      />
      {!setUp && (
        <>
          <label htmlFor="passphrase-confirmation">{t('lock.passphraseAgain')}</label>
          <input
            id="passphrase-confirmation"
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
            disabled={busy}
          />
        </>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('lock.unlocking') : setUp ? t('lock.unlock') : t('lock.setUp')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
