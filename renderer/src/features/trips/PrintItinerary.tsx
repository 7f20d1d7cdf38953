import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { itineraryDays } from '../../../../shared/domain/itinerary-days';
import type { Trip } from '../../../../shared/index';
import { lineHomeTime, lineTime, lineZone } from './day-line-text';
import { formatCalendarDay } from './format';
import { printedItem } from './print-content';
import { useLogAccess } from '../../core/audit/use-log-access';
import { printMedicalEntry } from '../../../../shared/domain/audit-entries';

/**
 * The itinerary as the client receives it on paper: a page over the app that `@media print` prints alone
 * (window.print(); the browser's or Electron's print dialog can also save it as PDF). Medical items show only
 * "Medical appointment" and the time unless the person printing holds the client's key and ticks "include medical
 * details".
 */
export function PrintItinerary({
  trip,
  clientName,
  canIncludeMedical,
  onClose,
}: {
  /** With the medical details this device opened (only those can print). */
  trip: Trip;
  clientName: string;
  /** Whether this device holds the client's key: only then is "include medical details" offered. */
  canIncludeMedical: boolean;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const [ticked, setTicked] = useState(false);
  const log = useLogAccess();
  const includeMedical = canIncludeMedical && ticked;
  const days = useMemo(
    () =>
      itineraryDays(trip.items, {
        homeZone: trip.timeZone,
        range: { from: trip.startDate, to: trip.endDate },
      }),
    [trip],
  );

  useEffect(() => {
    document.body.classList.add('printing-itinerary');
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('printing-itinerary');
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  return createPortal(
    <div className="print-overlay" role="dialog" aria-modal="true" aria-label={t('trips.print.dialog')}>
      <div className="print-controls">
        {canIncludeMedical && (
          <label className="choice">
            <input type="checkbox" checked={ticked} onChange={(e) => setTicked(e.target.checked)} />{' '}
            {t('trips.print.includeMedical')}
          </label>
        )}
        <button
          type="button"
          onClick={() =>
            void (
              includeMedical ? log(printMedicalEntry(trip), trip.assignedStaffIds) : Promise.resolve()
            ).then(() => window.print())
          }
        >
          {t('trips.print.print')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('trips.print.close')}
        </button>
        {!includeMedical && (
          <p className="muted small">
            {t(canIncludeMedical ? 'trips.print.medicalHidden' : 'trips.print.medicalSealed')}
          </p>
        )}
      </div>
      <article className="print-itinerary" data-testid="printed-itinerary">
        <h1>{t('trips.print.title', { name: clientName })}</h1>
        <h2>{trip.title}</h2>
        <p>
          {t('trips.dates', {
            from: formatCalendarDay(trip.startDate, i18n.language),
            to: formatCalendarDay(trip.endDate, i18n.language),
          })}
        </p>
        <p className="small">{t('trips.print.times', { zone: trip.timeZone })}</p>
        {days.map((day) => (
          <section key={day.date} className="print-day" data-date={day.date}>
            <h3>{formatCalendarDay(day.date, i18n.language)}</h3>
            {day.lines.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('trips.print.time')}</th>
                    <th scope="col">{t('trips.print.homeTime')}</th>
                    <th scope="col">{t('trips.print.what')}</th>
                    <th scope="col">{t('trips.print.where')}</th>
                  </tr>
                </thead>
                <tbody>
                  {day.lines.map((line) => {
                    const printed = printedItem(line.item, includeMedical);
                    return (
                      <tr key={`${line.item.id}.${line.line}`} className={`print-line-${line.line}`}>
                        <td>
                          {lineTime(line, t, i18n.language)}
                          <div className="small">{lineZone(line)}</div>
                        </td>
                        <td>{lineHomeTime(line)}</td>
                        {printed.medicalHidden ? (
                          <>
                            <td>{t('trips.print.medicalAppointment')}</td>
                            <td />
                          </>
                        ) : (
                          <>
                            <td>
                              <strong>{t(`trips.kind.${printed.kind}`)}</strong>: {printed.title}
                              {printed.notes && <div className="print-notes">{printed.notes}</div>}
                            </td>
                            <td>{printed.location}</td>
                          </>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        ))}
      </article>
    </div>,
    document.body,
  );
}
