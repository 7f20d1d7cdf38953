import { useState, type FormEvent } from 'react';
import { PASSPHRASE_MIN_LENGTH } from './device-vault';

interface Props {
  /** Whether this device already has a vault (unlock) or needs one (first start). */
  setUp: boolean;
  onSubmit(passphrase: string): Promise<void>;
}

/** Asks for the passphrase that unseals the device vault key; on first start, asks for a new one twice. */
export function LockScreen({ setUp, onSubmit }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!setUp && passphrase.length < PASSPHRASE_MIN_LENGTH) {
      setError(`Choose a passphrase of at least ${PASSPHRASE_MIN_LENGTH} characters.`);
      return;
    }
    if (!setUp && passphrase !== confirmation) {
      setError('The two passphrases differ.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(passphrase);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
      setBusy(false);
    } finally {
      setPassphrase('');
      setConfirmation('');
    }
  }

  return (
    <form className="lock-screen" onSubmit={submit} noValidate aria-labelledby="lock-heading">
      <h2 id="lock-heading">{setUp ? 'Unlock Lumina Concierge' : 'Protect this device'}</h2>
      <p className="muted">
        {setUp
          ? 'Client data on this device is encrypted. Enter your passphrase to open it.'
          : 'Client data on this device will be encrypted under a passphrase that only you know.'}
      </p>
      <label htmlFor="passphrase">Passphrase</label>
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
          <label htmlFor="passphrase-confirmation">Passphrase again</label>
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
        {busy ? 'Unlocking…' : setUp ? 'Unlock' : 'Encrypt and open'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
