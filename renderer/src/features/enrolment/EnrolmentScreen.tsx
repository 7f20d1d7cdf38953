import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { codePattern, normaliseCode } from '../../../../shared/index';
import { AuthRequestError } from '../../auth/auth-client';
import { NewPassphraseFields, usePassphraseAssessment } from './NewPassphraseFields';

export interface SetupValues {
  setupCode: string;
  displayName: string;
  deviceName: string;
  passphrase: string;
}

export interface EnrolValues {
  invitationCode: string;
  deviceName: string;
  passphrase: string;
}

interface Props {
  onSetUp(values: SetupValues): Promise<void>;
  onEnrol(values: EnrolValues): Promise<void>;
}

const KNOWN_ERRORS = [
  'setup-code-invalid',
  'already-set-up',
  'invitation-invalid',
  'fingerprint-mismatch',
  'unreachable',
];
const CODE = new RegExp(codePattern);

/**
 * A device with nothing on it: either the first admin sets up the organisation with the server's setup code,
 * or a staff member enrols with an invitation code. Either way the device makes its keys and the person chooses
 * the passphrase that seals them.
 */
export function EnrolmentScreen({ onSetUp, onEnrol }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'join' | 'setup'>('join');
  const [code, setCode] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const assessment = usePassphraseAssessment(passphrase, [displayName, deviceName, 'lumina', 'concierge']);

  function problem(): string | undefined {
    if (!CODE.test(normaliseCode(code))) return t('enrol.codeFormat');
    if (mode === 'setup' && !displayName.trim()) return t('enrol.nameRequired');
    if (!deviceName.trim()) return t('enrol.deviceNameRequired');
    if (!assessment?.acceptable) return t('passphrase.weak');
    if (passphrase !== confirmation) return t('passphrase.mismatch');
    return undefined;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const invalid = problem();
    if (invalid) {
      setError(invalid);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'setup') await onSetUp({ setupCode: code, displayName, deviceName, passphrase });
      else await onEnrol({ invitationCode: code, deviceName, passphrase });
    } catch (cause) {
      setError(describe(cause));
      setBusy(false);
    }
  }

  function describe(cause: unknown): string {
    if (cause instanceof AuthRequestError) {
      const key = KNOWN_ERRORS.includes(cause.reason) ? cause.reason : undefined;
      if (key) return t(`enrol.error.${key}`);
      if (cause.kind === 'unreachable') return t('enrol.error.unreachable');
      return t('enrol.error.other', { reason: cause.reason });
    }
    return t('enrol.error.other', { reason: cause instanceof Error ? cause.message : String(cause) });
  }

  return (
    <form className="lock-screen enrolment" onSubmit={submit} noValidate aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t('enrol.heading')}</h2>
      <p className="muted">{t('enrol.intro')}</p>
      <fieldset className="choice" disabled={busy}>
        <legend>{t('enrol.modeLabel')}</legend>
        <label>
          <input type="radio" name="enrol-mode" checked={mode === 'join'} onChange={() => setMode('join')} />{' '}
          {t('enrol.modeJoin')}
        </label>
        <label>
          <input
            type="radio"
            name="enrol-mode"
            checked={mode === 'setup'}
            onChange={() => setMode('setup')}
          />{' '}
          {t('enrol.modeSetup')}
        </label>
      </fieldset>

      <label htmlFor="enrol-code">
        {mode === 'setup' ? t('enrol.setupCode') : t('enrol.invitationCode')}
      </label>
      <input
        id="enrol-code"
        className="code-input"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        disabled={busy}
        aria-describedby="enrol-code-help"
      />
      <p id="enrol-code-help" className="muted small">
        {mode === 'setup' ? t('enrol.setupCodeHelp') : t('enrol.invitationCodeHelp')}
      </p>

      {mode === 'setup' && (
        <>
          <label htmlFor="enrol-display-name">{t('enrol.displayName')}</label>
          <input
            id="enrol-display-name"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            autoComplete="name"
            maxLength={100}
            disabled={busy}
          />
        </>
      )}

      <label htmlFor="enrol-device-name">{t('enrol.deviceName')}</label>
      <input
        id="enrol-device-name"
        value={deviceName}
        onChange={(e) => setDeviceName(e.target.value)}
        autoComplete="off"
        maxLength={100}
        disabled={busy}
        aria-describedby="enrol-device-name-help"
      />
      <p id="enrol-device-name-help" className="muted small">
        {t('enrol.deviceNameHelp')}
      </p>

      <NewPassphraseFields
        passphrase={passphrase}
        confirmation={confirmation}
        onPassphrase={setPassphrase}
        onConfirmation={setConfirmation}
        assessment={assessment}
        disabled={busy}
      />

      <button type="submit" disabled={busy}>
        {busy ? t('enrol.working') : mode === 'setup' ? t('enrol.submitSetup') : t('enrol.submitJoin')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
