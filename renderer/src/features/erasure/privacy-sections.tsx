import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/index';
import { seesStatistics, StatisticsScreen } from '../statistics/StatisticsScreen';
import { ErasureScreen, ErasureWatcher, seesErasures } from './ErasureScreen';

/** The app's sections this feature adds (kept here so App.tsx stays small): the statistics and the erasures. */
export type PrivacySection = 'statistics' | 'erasures';

/** Their navigation buttons, for the roles that see them. */
export function PrivacyNav(props: { role: Role; current: string; go(section: PrivacySection): void }) {
  const { t } = useTranslation();
  const shown = (['statistics', 'erasures'] as const).filter((section) =>
    section === 'statistics' ? seesStatistics(props.role) : seesErasures(props.role),
  );
  return shown.map((section) => (
    <button
      key={section}
      type="button"
      aria-current={props.current === section ? 'page' : undefined}
      onClick={() => props.current !== section && props.go(section)}
    >
      {t(`nav.${section}`)}
    </button>
  ));
}

/** The erasure watcher (always, while unlocked) and the section's screen when one of these is shown. */
export function PrivacySections({ role, current }: { role: Role; current: string }) {
  return (
    <>
      <ErasureWatcher />
      {current === 'erasures' && seesErasures(role) && <ErasureScreen />}
      {current === 'statistics' && seesStatistics(role) && <StatisticsScreen />}
    </>
  );
}
