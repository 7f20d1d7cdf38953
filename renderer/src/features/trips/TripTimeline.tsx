import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dayTimeline } from '../../../../shared/domain/itinerary-checks';
import type { Trip } from '../../../../shared/index';
import { FlagBadges } from './FlagBadges';
import type { ItemFlags } from './flags';
import { formatCalendarDay } from './format';

/** The itinerary day by day as the days fall in `timeZone`; an item crossing midnight shows on each day. */
export function TripTimeline({
  trip,
  timeZone,
  heading,
  withTripDates,
  flags,
  titles,
}: {
  trip: Trip;
  timeZone: string;
  heading: string;
  /** Show every day of the trip (its dates are days in the trip's zone), not only the days with items. */
  withTripDates: boolean;
  flags: Map<string, ItemFlags>;
  /** Each item's title as this person may read it ("details sealed" for a medical item they cannot open). */
  titles: Map<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const days = useMemo(
    () =>
      dayTimeline(
        trip.items,
        timeZone,
        withTripDates ? { from: trip.startDate, to: trip.endDate } : undefined,
      ),
    [trip, timeZone, withTripDates],
  );
  return (
    <section className="trip-timeline" aria-label={t('trips.timeline.label', { zone: timeZone })}>
      <h4>{heading}</h4>
      {days.length === 0 && <p className="muted">{t('trips.timeline.empty')}</p>}
      <ol className="timeline-days">
        {days.map((day) => (
          <li key={day.date} className="timeline-day" data-date={day.date}>
            <h5>{formatCalendarDay(day.date, i18n.language)}</h5>
            <ul className="timeline-entries">
              {day.entries.map((entry) => {
                const itemFlags = flags.get(entry.item.id);
                return (
                  <li
                    key={entry.item.id}
                    className={`timeline-entry kind-${entry.item.kind}${itemFlags ? ' flagged' : ''}`}
                    data-item-id={entry.item.id}
                  >
                    <span className="timeline-time">
                      {entry.from}–{entry.to}
                    </span>{' '}
                    <span className="timeline-kind">{t(`trips.kind.${entry.item.kind}`)}</span>:{' '}
                    <span className="timeline-title">{titles.get(entry.item.id) ?? ''}</span>{' '}
                    {entry.continuesFromPreviousDay && (
                      <span className="muted small">({t('trips.timeline.continued')})</span>
                    )}{' '}
                    {entry.continuesToNextDay && (
                      <span className="muted small">({t('trips.timeline.continues')})</span>
                    )}{' '}
                    <span className="muted small">
                      {t('trips.timeline.offset', { offset: entry.offset })}
                    </span>
                    <FlagBadges flags={itemFlags} titles={titles} />
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
