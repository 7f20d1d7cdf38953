import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { itineraryDays } from '../../../../shared/domain/itinerary-days';
import { zoneCity } from '../../../../shared/domain/itinerary-zones';
import type { Trip } from '../../../../shared/index';
import { lineHomeTime, lineTime, lineZone } from './day-line-text';
import { formatCalendarDay } from './format';
import { printedItem } from './print-content';
import { useLogAccess } from '../../core/audit/use-log-access';
import { printMedicalEntry } from '../../../../shared/domain/audit-entries';
import { addressFor, formatPhone, type OrgContactDetails } from '../../../../shared/domain/org-settings';

/**
 * The itinerary as the client receives it on paper: a page over the app that `@media print` prints alone
 * (window.print(); the browser's or Electron's print dialog can also save it as PDF). Medical items show only
 * "Medical appointment" and the time unless the person printing holds the client's key and ticks "include medical
 * details".
 */
export function PrintItinerary({
  trip,
  clientName,
  clientLanguages,
  contact,
  canIncludeMedical,
  onClose,
}: {
  /** With the medical details this device opened (only those can print). */
  trip: Trip;
  clientName: string;
  /** The client's languages (BCP 47, first preferred): the print starts in the first of them it has, else the UI's. */
  clientLanguages: readonly string[];
  /** LUMINA's contact and emergency number, from the organisation's settings; "not set" where none is. */
  contact: OrgContactDetails;
  /** Whether this device holds the client's key: only then is "include medical details" offered. */
  canIncludeMedical: boolean;
  onClose(): void;
}) {
  const { t: uiT, i18n } = useTranslation();
  const [printLanguage, setPrintLanguage] = useState<'en' | 'ja'>(() => {
    const known = clientLanguages.find((tag) => /^(en|ja)\b/i.test(tag));
    return (known ?? i18n.language).toLowerCase().startsWith('ja') ? 'ja' : 'en';
  });
  // The page is in the language chosen for the client; the controls stay in the UI's.
  const locale = printLanguage === 'en' ? 'en-GB' : 'ja';
  const t = useMemo(() => i18n.getFixedT(locale), [i18n, locale]);
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

  // The client's time is a column only when some item happens elsewhere than at home.
  const withHome = days.some((day) => day.lines.some((line) => lineHomeTime(line, locale) !== ''));

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
    <div className="print-overlay" role="dialog" aria-modal="true" aria-label={uiT('trips.print.dialog')}>
      <div className="print-controls">
        <label className="choice">
          {uiT('trips.print.language')}{' '}
          <select value={printLanguage} onChange={(e) => setPrintLanguage(e.target.value as 'en' | 'ja')}>
            <option value="en" lang="en">
              English
            </option>
            <option value="ja" lang="ja">
              日本語
            </option>
          </select>
        </label>
        {canIncludeMedical && (
          <label className="choice">
            <input type="checkbox" checked={ticked} onChange={(e) => setTicked(e.target.checked)} />{' '}
            {uiT('trips.print.includeMedical')}
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
          {uiT('trips.print.print')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {uiT('trips.print.close')}
        </button>
        {!includeMedical && (
          <p className="muted small">
            {uiT(canIncludeMedical ? 'trips.print.medicalHidden' : 'trips.print.medicalSealed')}
          </p>
        )}
      </div>
      <article className="print-itinerary" data-testid="printed-itinerary" lang={locale}>
        <h1>{t('trips.print.title', { name: clientName })}</h1>
        <h2>{trip.title}</h2>
        <p>
          {t('trips.dates', {
            from: formatCalendarDay(trip.startDate, locale),
            to: formatCalendarDay(trip.endDate, locale),
          })}
        </p>
        <p className="small">
          {withHome
            ? t('trips.print.times', { zone: zoneCity(trip.timeZone, locale) })
            : t('trips.print.timesLocal')}
        </p>
        <PrintContact contact={contact} language={printLanguage} t={t} />
        {days.map((day) => (
          <section key={day.date} className="print-day" data-date={day.date}>
            <h3>{formatCalendarDay(day.date, locale)}</h3>
            {day.lines.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('trips.print.time')}</th>
                    {withHome && (
                      <th scope="col" className="print-home-time">
                        {t('trips.print.homeTime')}
                      </th>
                    )}
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
                          {lineTime(line, t, locale)}
                          <div className="small">{lineZone(line, locale)}</div>
                        </td>
                        {withHome && <td>{lineHomeTime(line, locale)}</td>}
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

/** LUMINA's phone, e-mail, address (in the print's language) and 24-hour emergency number. */
function PrintContact({
  contact,
  language,
  t,
}: {
  contact: OrgContactDetails;
  language: 'en' | 'ja';
  t: TFunction;
}) {
  const address = addressFor(contact, language);
  return (
    <dl className="print-contact" data-testid="print-contact">
      <dt>{t('trips.print.contact')}</dt>
      <dd>{contact.phone ? formatPhone(contact.phone) : t('trips.print.notSet')}</dd>
      {contact.email && (
        <>
          <dt>{t('trips.print.email')}</dt>
          <dd>{contact.email}</dd>
        </>
      )}
      {address && (
        <>
          <dt>{t('trips.print.address')}</dt>
          <dd className="print-address">{address}</dd>
        </>
      )}
      <dt>{t('trips.print.emergency')}</dt>
      <dd>{contact.emergencyPhone ? formatPhone(contact.emergencyPhone) : t('trips.print.notSet')}</dd>
    </dl>
  );
}
