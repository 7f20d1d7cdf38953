import { useTranslation } from 'react-i18next';
import { NavCount } from '../today/waiting-counts';

export type SharingSection = 'partners' | 'shares';

/**
 * The navigation's Partners and Shares buttons (issue 15), with the count of share requests waiting for this
 * manager beside Shares (today/waiting-counts.tsx, as every section's count).
 */
export function SharingNav({
  current,
  go,
}: {
  current: string;
  /** Opens a section (App's guard asks about unsaved edits first). */
  go(section: SharingSection): void;
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
        <NavCount section="shares" />
      </button>
    </>
  );
}
