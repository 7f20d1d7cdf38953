import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationResponse } from '../../../../shared/index';
import { useSession } from '../../session/index';
import { AUTO_LOCK_CHOICES_MIN } from '../../security/idle-timer';
import { useSyncSentences } from '../../components/SyncIndicator';
import { Fingerprint } from '../enrolment/Fingerprint';
import { ParkedChangesPanel } from '../parked/ParkedChangesPanel';
import { ChangePassphrasePanel } from '../passphrase/ChangePassphrasePanel';
import { describeStaffError } from '../staff/describe-error';
import { OneTimeCode } from '../staff/OneTimeCode';

interface Props {
  autoLockMs: number;
  onAutoLockMs(ms: number): void;
}

/** This device: whose it is, its fingerprint, the auto-lock time, and a code to enrol another device. */
export function DeviceScreen({ autoLockMs, onAutoLockMs }: Props) {
  const { t } = useTranslation();
  const { staff, identity, device } = useSession();
  const { fingerprint } = device;
  const [code, setCode] = useState<InvitationResponse | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function requestCode() {
    setBusy(true);
    setError(undefined);
    try {
      setCode(await staff.inviteOwnDevice());
    } catch (cause) {
      setError(describeStaffError(t, cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="device-heading" className="device-screen">
      <h2 id="device-heading">{t('device.heading')}</h2>
      <p>{t('device.owner', { name: identity.displayName, role: t(`roles.${identity.role}`) })}</p>
      <SyncDetails />
      <ParkedChangesPanel />
      <h3>{t('device.fingerprint')}</h3>
      <Fingerprint value={fingerprint} testId="own-fingerprint" />

      <label htmlFor="auto-lock">{t('device.autoLock')}</label>
      <select id="auto-lock" value={autoLockMs} onChange={(e) => onAutoLockMs(Number(e.target.value))}>
        {AUTO_LOCK_CHOICES_MIN.map((minutes) => (
          <option key={minutes} value={minutes * 60_000}>
            {t('device.minutes', { count: minutes })}
          </option>
        ))}
      </select>

      <ChangePassphrasePanel />

      <section aria-labelledby="add-device-heading" className="panel">
        <h3 id="add-device-heading">{t('device.addHeading')}</h3>
        {code ? (
          <>
            <OneTimeCode code={code.code} testId="device-invitation-code" />
            <p className="muted">{t('device.codeOnce', { time: new Date(code.expiresAt) })}</p>
            <button type="button" onClick={() => setCode(undefined)}>
              {t('device.done')}
            </button>
          </>
        ) : (
          <>
            <p className="muted">{t('device.addIntro')}</p>
            <button type="button" disabled={busy} onClick={() => void requestCode()}>
              {t('device.addSubmit')}
            </button>
          </>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </section>
    </section>
  );
}

/** The sync status in whole sentences, the header's compact indicator's details (review23-s7 A2). */
function SyncDetails() {
  const { t } = useTranslation();
  const { sentences } = useSyncSentences();
  return (
    <>
      <h3 id="device-sync-heading">{t('device.syncHeading')}</h3>
      <ul aria-labelledby="device-sync-heading" data-testid="sync-details">
        {sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </>
  );
}
