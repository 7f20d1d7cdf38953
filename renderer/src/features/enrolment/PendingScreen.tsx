import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthRequestError } from '../../auth/auth-client';
import type { AccessStatus } from '../../auth/device-access';
import type { DeviceRecord } from '../../auth/device-record';
import { Fingerprint } from './Fingerprint';

/** How often the waiting device asks whether it was decided. */
const POLL_MS = 3_000;

interface Props {
  record: DeviceRecord;
  refresh(): Promise<AccessStatus>;
  onDecided(status: AccessStatus): void;
  onStartOver(): Promise<void>;
}

/**
 * The enrolled-but-not-approved device: shows its fingerprint (computed here from its own keys) for the person
 * to compare with the approver's screen, and asks the server until a manager decided or the request expired.
 */
export function PendingScreen({ record, refresh, onDecided, onStartOver }: Props) {
  const { t } = useTranslation();
  const [unreachable, setUnreachable] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const status = await refresh();
        if (!live) return;
        setUnreachable(false);
        if (status.kind !== 'pending') {
          onDecided(status);
          return;
        }
      } catch (error) {
        if (!live) return;
        setUnreachable(error instanceof AuthRequestError && error.kind === 'unreachable');
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [refresh, onDecided]);

  return (
    <section className="lock-screen" aria-labelledby="pending-heading">
      <h2 id="pending-heading">{t('pending.heading')}</h2>
      <p>{t('pending.intro')}</p>
      <h3>{t('pending.fingerprint')}</h3>
      <Fingerprint value={record.fingerprint} testId="own-fingerprint" />
      <p className="muted">{t('pending.compare')}</p>
      <p className="muted">{t('pending.expires', { time: new Date(record.enrolmentExpiresAt) })}</p>
      <p role="status" className={unreachable ? 'field-error' : 'muted'}>
        {unreachable ? t('pending.unreachable') : t('pending.checking')}
      </p>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onStartOver().finally(() => setBusy(false));
        }}
      >
        {t('pending.startOver')}
      </button>
    </section>
  );
}
