import { useTranslation } from 'react-i18next';
import type { ItemFlags } from './flags';

/** The visible warnings on an item: what it overlaps, and a medical item before the client can be there. */
export function FlagBadges({ flags, titles }: { flags: ItemFlags | undefined; titles: Map<string, string> }) {
  const { t } = useTranslation();
  if (flags === undefined) return null;
  return (
    <span className="trip-flags">
      {flags.overlapsWith.length > 0 && (
        <span className="trip-flag" role="note">
          ⚠{' '}
          {t('trips.flag.overlap', {
            others: flags.overlapsWith.map((id) => titles.get(id) ?? '?').join(', '),
          })}
        </span>
      )}
      {flags.early && (
        <span className="trip-flag" role="note">
          ⚠ {t(`trips.flag.${flags.early}`)}
        </span>
      )}
    </span>
  );
}
