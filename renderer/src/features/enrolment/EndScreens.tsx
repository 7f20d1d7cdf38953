import { useTranslation } from 'react-i18next';
import type { WipeReason } from '../../auth/device-access';

/** A denied or expired enrolment: its keys are useless; the person starts again with a new code. */
export function RefusedScreen({
  status,
  onStartOver,
}: {
  status: 'denied' | 'expired';
  onStartOver(): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="lock-screen" aria-labelledby="refused-heading">
      <h2 id="refused-heading">
        {status === 'denied' ? t('refused.deniedHeading') : t('refused.expiredHeading')}
      </h2>
      <p>{status === 'denied' ? t('refused.deniedIntro') : t('refused.expiredIntro')}</p>
      <button type="button" onClick={onStartOver}>
        {t('refused.startOver')}
      </button>
    </section>
  );
}

/** After a revocation or too many failed unlocks: the device erased its data and keys. */
export function WipedScreen({ reason, onEnrolAgain }: { reason: WipeReason; onEnrolAgain(): void }) {
  const { t } = useTranslation();
  return (
    <section className="lock-screen wiped" aria-labelledby="wiped-heading" data-testid="wiped-screen">
      <h2 id="wiped-heading">{t(`wiped.heading.${reason}`)}</h2>
      <p role="alert">{t('wiped.erased')}</p>
      <button type="button" onClick={onEnrolAgain}>
        {t('wiped.enrolAgain')}
      </button>
    </section>
  );
}
