import { useTranslation } from 'react-i18next';
import type { OpenDevice } from '../../auth/device-access';
import { SessionProvider, type Session } from '../../session/index';
import { SharesNavCount } from './SharesNavCount';

export type SharingSection = 'partners' | 'shares';

/**
 * The navigation's Partners and Shares buttons (issue 15), with the count of share requests waiting for this
 * manager beside Shares. App's navigation sits outside the session's provider, so the count gets its own.
 */
export function SharingNav({
  current,
  go,
  device,
}: {
  current: string;
  /** Opens a section (App's guard asks about unsaved edits first). */
  go(section: SharingSection): void;
  device: OpenDevice<Session>;
}) {
  const { t } = useTranslation();
  const open = (section: SharingSection) => current !== section && go(section);
  return (
    <>
      <button
        type="button"
        aria-current={current === 'partners' ? 'page' : undefined}
        onClick={() => open('partners')}
      >
        {t('nav.partners')}
      </button>
      <button
        type="button"
        aria-current={current === 'shares' ? 'page' : undefined}
        onClick={() => open('shares')}
      >
        {t('nav.shares')}
        <SessionProvider device={device}>
          <SharesNavCount />
        </SessionProvider>
      </button>
    </>
  );
}
