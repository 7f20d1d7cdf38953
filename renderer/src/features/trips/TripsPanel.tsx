import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inScope, writeScope, type Trip } from '../../../../shared/index';
import type { ClientPanelProps } from '../clients/client-panel';
import type { TripDraft } from '../../../../shared/domain/trip-form';
import { formatCalendarDay } from './format';
import { TripForm } from './TripForm';
import { TripView } from './TripView';
import './trips.css';

/**
 * The client's trips: itinerary editor, day-by-day timeline, printable itinerary. The local store holds only the
 * trips this staff member may read (sync filters by scope); writing follows the role's write scope, so an admin
 * reads them and changes nothing.
 */
export function TripsPanel({ client, device }: ClientPanelProps) {
  const { t, i18n } = useTranslation();
  const store = device.session.store;
  const { role, staffId } = device.identity;
  const scope = writeScope(role, 'trips');
  const [trips, setTrips] = useState<Trip[] | undefined>();
  const [openId, setOpenId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const subscription = store.trips
      .find({ selector: { clientId: client.id } })
      // Sorted here: a trip's dates are sealed at rest, so the store cannot order by them.
      .$.subscribe((docs) =>
        setTrips(
          docs
            .map((doc) => doc.toJSON() as Trip)
            .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id)),
        ),
      );
    return () => subscription.unsubscribe();
  }, [store, client.id]);

  const canWriteTrip = (trip: Trip) => inScope(scope, staffId, trip);
  const canCreate = scope === 'all' || (scope === 'assigned' && inScope(scope, staffId, client));

  async function create(draft: TripDraft) {
    const now = Date.now();
    // A trip is seen by whoever sees its client; a concierge's own trips always include them.
    const assigned = new Set(client.assignedStaffIds);
    if (scope === 'assigned') assigned.add(staffId);
    const trip: Trip = {
      id: crypto.randomUUID(),
      clientId: client.id,
      assignedStaffIds: [...assigned],
      ...draft,
      items: [],
      createdAt: now,
      updatedAt: now,
    };
    try {
      await store.trips.insert(trip);
      setCreating(false);
      setError(undefined);
      setOpenId(trip.id);
    } catch (cause) {
      const code = (cause as { code?: unknown } | undefined)?.code;
      setError(t('trips.saveFailed', { code: typeof code === 'string' ? code : 'unknown' }));
    }
  }

  const open = trips?.find((trip) => trip.id === openId);
  return (
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
          <TripView trip={open} store={store} canWrite={canWriteTrip(open)} clientName={client.names.latin} />
        </>
      ) : (
        <>
          {trips === undefined && <p className="muted">{t('trips.loading')}</p>}
          {trips?.length === 0 && <p className="muted">{t('trips.none')}</p>}
          {trips !== undefined && trips.length > 0 && (
            <ul className="trip-list" aria-label={t('trips.listLabel')}>
              {trips.map((trip) => (
                <li key={trip.id}>
                  <button type="button" className="link" onClick={() => setOpenId(trip.id)}>
                    {trip.title}
                  </button>{' '}
                  <span className="muted">
                    {t('trips.dates', {
                      from: formatCalendarDay(trip.startDate, i18n.language, 'medium'),
                      to: formatCalendarDay(trip.endDate, i18n.language, 'medium'),
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
  );
}
