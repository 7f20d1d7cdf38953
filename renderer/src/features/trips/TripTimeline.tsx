import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { itineraryDays } from '../../../../shared/domain/itinerary-days';
import type { Trip } from '../../../../shared/index';
import { bracketed, lineHomeTime, lineTime, lineZone } from './day-line-text';
import { FlagBadges } from './FlagBadges';
import type { ItemFlags } from './flags';
import { formatCalendarDay } from './format';
import { EmptyState } from '../../components/EmptyState';

/**
 * The itinerary day by day: where each item happens (its own zone, the client's home time beside it) or, with
 * `fixedZone`, every item in one zone (Japan's, for the office). A stay of several nights is one band.
 */
export function TripTimeline({
  trip,
  fixedZone,
  heading,
  withTripDates,
  flags,
  titles,
}: {
  trip: Trip;
  fixedZone?: string;
  heading: string;
  /** Show every day of the trip (its dates), not only the days with items. */
  withTripDates: boolean;
  flags: Map<string, ItemFlags>;
  /** Each item's title as this person may read it ("details sealed" for a medical item they cannot open). */
  titles: Map<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const days = useMemo(
    () =>
      itineraryDays(trip.items, {
        homeZone: trip.timeZone,
        ...(fixedZone !== undefined && { fixedZone }),
        ...(withTripDates && { range: { from: trip.startDate, to: trip.endDate } }),
      }),
    [trip, fixedZone, withTripDates],
  );
  const label = fixedZone ? t('trips.timeline.label', { zone: fixedZone }) : t('trips.timeline.localLabel');
  return (
    <section className="trip-timeline" aria-label={label}>
      <h4>{heading}</h4>
      {days.length === 0 && <EmptyState>{t('trips.timeline.empty')}</EmptyState>}
      <ol className="timeline-days">
        {days.map((day) => (
          <li key={day.date} className="timeline-day" data-date={day.date}>
            <h5>{formatCalendarDay(day.date, i18n.language)}</h5>
            <ul className="timeline-entries">
              {day.lines.map((line) => {
                const itemFlags = line.line === 'staying' ? undefined : flags.get(line.item.id);
                const home = lineHomeTime(line, i18n.language);
                return (
                  <li
                    key={`${line.item.id}.${line.line}`}
                    className={`timeline-entry kind-${line.item.kind} line-${line.line}${itemFlags ? ' flagged' : ''}`}
                    data-item-id={line.item.id}
                  >
                    <span className="timeline-time">{lineTime(line, t, i18n.language)}</span>{' '}
                    <span className="timeline-kind">{t(`trips.kind.${line.item.kind}`)}</span>:{' '}
                    <span className="timeline-title">{titles.get(line.item.id) ?? ''}</span>{' '}
                    {fixedZone === undefined ? (
                      <span className="muted small timeline-zone">
                        {bracketed(lineZone(line, i18n.language), i18n.language)}
                      </span>
                    ) : (
                      <span className="muted small">
                        {t('trips.timeline.offset', { offset: line.start.offset })}
                      </span>
                    )}
                    {home && (
                      <span className="small timeline-home">
                        {' '}
                        · {t('trips.timeline.home', { time: home })}
                      </span>
                    )}
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
