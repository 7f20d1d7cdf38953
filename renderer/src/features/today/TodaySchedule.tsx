import { useTranslation } from 'react-i18next';
import type { ScheduleEntry } from '../../../../shared/domain/day-schedule';
import { zonedParts } from '../../../../shared/domain/itinerary-checks';
import { OFFICE_ZONE, useDaySchedule } from './today-data';
import { EmptyState } from '../../components/EmptyState';

/** The city of an IANA zone, as people say it: Europe/London → London. */
const cityOf = (zone: string) => zone.split('/').at(-1)!.replace(/_/g, ' ');

function EntryFlags({ entry }: { entry: ScheduleEntry }) {
  const { t } = useTranslation();
  const notes = [
    entry.flags.overlap && t('today.flags.overlap'),
    entry.flags.early && t(`today.flags.${entry.flags.early}`),
    entry.flags.passport && t(`today.flags.passport.${entry.flags.passport}`),
    entry.flags.noPartner && t('today.flags.noPartner'),
  ].filter((note): note is string => typeof note === 'string');
  if (notes.length === 0) return null;
  return (
    <ul className="schedule-flags" aria-label={t('today.flags.label')}>
      {notes.map((note) => (
        <li key={note} className="trip-flag">
          ⚠ {note}
        </li>
      ))}
    </ul>
  );
}

function ScheduleRow({ entry }: { entry: ScheduleEntry }) {
  const { t } = useTranslation();
  const office = zonedParts(entry.at, OFFICE_ZONE);
  const local = zonedParts(entry.at, entry.clientZone);
  const sameClock = local.time === office.time && local.date === office.date;
  const what =
    entry.kind === 'flight' || entry.kind === 'hotel'
      ? t(`today.edge.${entry.kind}.${entry.edge}`)
      : t(`trips.kind.${entry.kind}`);
  return (
    <li className="schedule-entry">
      <span className="schedule-time">
        <time dateTime={new Date(entry.at).toISOString()}>{office.time}</time>
        {!sameClock && (
          <span className="muted small">
            {' '}
            {t('today.clientTime', { time: local.time, city: cityOf(entry.clientZone) })}
          </span>
        )}
      </span>
      <span className="schedule-what">
        <strong>{entry.clientName}</strong> · {what}
        {entry.title && ` · ${entry.title}`}
        {entry.location && <span className="muted"> · {entry.location}</span>}
      </span>
      <EntryFlags entry={entry} />
    </li>
  );
}

/** Today's and tomorrow's arrivals, departures, transfers, appointments and procedures, in Tokyo time. */
export function TodaySchedule() {
  const { t, i18n } = useTranslation();
  const { days, loaded } = useDaySchedule();
  if (!loaded) return <p className="muted">{t('today.loading')}</p>;
  return (
    <>
      {days.map((day, index) => {
        const heading = t(index === 0 ? 'today.dayToday' : 'today.dayTomorrow', {
          date: new Intl.DateTimeFormat(i18n.language, {
            dateStyle: 'full',
            timeZone: 'UTC',
          }).format(new Date(`${day.date}T00:00:00Z`)),
        });
        return (
          <section key={day.date} aria-labelledby={`schedule-${day.date}`} className="schedule-day">
            <h3 id={`schedule-${day.date}`}>{heading}</h3>
            {day.entries.length === 0 ? (
              <EmptyState>{t('today.nothingScheduled')}</EmptyState>
            ) : (
              <ol className="schedule-list" aria-label={heading}>
                {day.entries.map((entry) => (
                  <ScheduleRow key={entry.key} entry={entry} />
                ))}
              </ol>
            )}
          </section>
        );
      })}
    </>
  );
}
