import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TripDraft } from '../../../../shared/domain/trip-form';
import { inScope, writeScope, type Client, type Trip } from '../../../../shared/index';
import { formatDateText, FormSettingsProvider } from '../../components/form/index';
import { useSession } from '../../session/index';
import { useClientTrips, useTripCommands } from './trip-data';
import { TripForm } from './TripForm';
import { TripView } from './TripView';
import './trips.css';
import { tripWriteError } from './write-error';
import { EmptyState } from '../../components/EmptyState';

/** The trips forms' fields as they have always looked; their errors are worded from `trips.problem`. */
const FIELD_CLASSES = { field: 'trip-field', hint: 'muted small' };

/**
 * The client's trips: itinerary editor, day-by-day timeline, printable itinerary. The local store holds only the
 * trips this staff member may read (sync filters by scope); writing follows the role's write scope, so an admin
 * reads them and changes nothing.
 */
export function TripsPanel({ client }: { client: Client }) {
  const { t, i18n } = useTranslation();
  const { identity } = useSession();
  const { createTrip } = useTripCommands();
  const { role, staffId } = identity;
  const scope = writeScope(role, 'trips');
  const trips = useClientTrips(client.id);
  const [openId, setOpenId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const canWriteTrip = (trip: Trip) => inScope(scope, staffId, trip);
  const canCreate = scope === 'all' || (scope === 'assigned' && inScope(scope, staffId, client));

  async function create(draft: TripDraft) {
    const created = await createTrip(client, draft, { scope, staffId });
    if (created.ok) {
      setCreating(false);
      setError(undefined);
      setOpenId(created.value.id);
    } else setError(tripWriteError(t, created));
  }

  const open = trips?.find((trip) => trip.id === openId);
  return (
    <FormSettingsProvider errorPrefix="trips.problem" classes={FIELD_CLASSES}>
      <section className="trips-panel" aria-label={t('trips.heading')} data-client-id={client.id}>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {open ? (
          <>
            <button type="button" className="secondary small" onClick={() => setOpenId(undefined)}>
              {t('trips.back')}
            </button>
            <TripView trip={open} canWrite={canWriteTrip(open)} client={client} />
          </>
        ) : (
          <>
            {trips === undefined && <p className="muted">{t('trips.loading')}</p>}
            {trips?.length === 0 && <EmptyState>{t('trips.none')}</EmptyState>}
            {trips !== undefined && trips.length > 0 && (
              <ul className="trip-list" aria-label={t('trips.listLabel')}>
                {trips.map((trip) => (
                  <li key={trip.id}>
                    <button type="button" className="link" onClick={() => setOpenId(trip.id)}>
                      {trip.title}
                    </button>{' '}
                    <span className="muted">
                      {t('trips.dates', {
                        from: formatDateText(trip.startDate, i18n.language),
                        to: formatDateText(trip.endDate, i18n.language),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {scope === 'none' && <p className="muted">{t('trips.readOnly')}</p>}
            {canCreate && !creating && (
              <button type="button" onClick={() => setCreating(true)}>
                {t('trips.newTrip')}
              </button>
            )}
            {creating && (
              <TripForm
                defaultZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
                onSave={create}
                onCancel={() => setCreating(false)}
              />
            )}
          </>
        )}
      </section>
    </FormSettingsProvider>
  );
}
