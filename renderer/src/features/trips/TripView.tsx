import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { instantOf, itineraryOrder, type Trip, type TripItem } from '../../../../shared/index';
import {
  itemDraftOf,
  newItemDraft,
  type ItemDraft,
  type TripDraft,
} from '../../../../shared/domain/trip-form';
import { FlagBadges } from './FlagBadges';
import { itineraryFlags } from './flags';
import { costTotals, formatCalendarDay, formatCost, formatInstant } from './format';
import { ItemForm } from './ItemForm';
import { PrintItinerary } from './PrintItinerary';
import { TripForm } from './TripForm';
import { useTripCommands } from './trip-data';
import { TripTimeline } from './TripTimeline';
import { tripWriteError } from './write-error';

type Editing = { kind: 'trip' } | { kind: 'item'; itemId: string; draft: ItemDraft } | undefined;

/** One trip: its items with their flags, the timeline in the client's zone and Japan's, the printable view. */
export function TripView({
  trip,
  canWrite,
  clientName,
}: {
  trip: Trip;
  canWrite: boolean;
  clientName: string;
}) {
  const { t, i18n } = useTranslation();
  const { updateTrip } = useTripCommands();
  const [editing, setEditing] = useState<Editing>();
  const [printing, setPrinting] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const items = useMemo(() => itineraryOrder(trip.items), [trip]);
  const flags = useMemo(() => itineraryFlags(trip), [trip]);
  const titles = useMemo(() => new Map(trip.items.map((item) => [item.id, item.title])), [trip]);
  const totals = useMemo(() => costTotals(trip.items.map((item) => item.cost)), [trip]);

  /** Writes a change; says why when the trip would be invalid or the store refused it. */
  async function save(changes: Partial<Trip>) {
    const saved = await updateTrip(trip, changes);
    setError(saved.ok ? undefined : tripWriteError(t, saved, changes.items ?? trip.items));
    return saved.ok;
  }

  async function saveItem(item: TripItem) {
    const exists = trip.items.some((other) => other.id === item.id);
    const next = exists
      ? trip.items.map((other) => (other.id === item.id ? item : other))
      : [...trip.items, item];
    if (await save({ items: next })) setEditing(undefined);
  }

  async function saveTrip(draft: TripDraft) {
    if (await save(draft)) setEditing(undefined);
  }

  return (
    <section className="trip-view" aria-labelledby="trip-view-heading">
      <h3 id="trip-view-heading">{trip.title}</h3>
      <p>
        {t('trips.dates', {
          from: formatCalendarDay(trip.startDate, i18n.language, 'medium'),
          to: formatCalendarDay(trip.endDate, i18n.language, 'medium'),
        })}{' '}
        <span className="muted small">{t('trips.shownIn', { zone: trip.timeZone })}</span>
      </p>
      <div className="actions">
        {canWrite && editing === undefined && (
          <>
            <button type="button" className="secondary" onClick={() => setEditing({ kind: 'trip' })}>
              {t('trips.editTrip')}
            </button>
            <button
              type="button"
              onClick={() =>
                setEditing({ kind: 'item', itemId: crypto.randomUUID(), draft: newItemDraft(trip) })
              }
            >
              {t('trips.items.add')}
            </button>
          </>
        )}
        <button type="button" className="secondary" onClick={() => setPrinting(true)}>
          {t('trips.print.open')}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {editing?.kind === 'trip' && (
        <TripForm
          trip={trip}
          defaultZone={trip.timeZone}
          onSave={saveTrip}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {editing?.kind === 'item' && (
        <ItemForm
          key={editing.itemId}
          initial={editing.draft}
          itemId={editing.itemId}
          onSave={saveItem}
          onCancel={() => setEditing(undefined)}
        />
      )}

      <h4>{t('trips.items.heading')}</h4>
      {items.length === 0 && <p className="muted">{t('trips.items.none')}</p>}
      <ul className="trip-items" aria-label={t('trips.items.heading')}>
        {items.map((item) => {
          const startZone = item.startTimeZone ?? trip.timeZone;
          const endZone = item.endTimeZone ?? trip.timeZone;
          return (
            <li key={item.id} className={`trip-item kind-${item.kind}`} data-item-id={item.id}>
              <div>
                <strong>{t(`trips.kind.${item.kind}`)}</strong>:{' '}
                <span className="trip-item-title">{item.title}</span>
                {item.location && <span className="muted"> · {item.location}</span>}
              </div>
              <div className="small">
                {t('trips.items.when', {
                  start: `${formatInstant(instantOf(item.start), startZone, i18n.language)} (${startZone})`,
                  end: `${formatInstant(instantOf(item.end), endZone, i18n.language)} (${endZone})`,
                })}
              </div>
              {item.cost && (
                <div className="trip-item-cost" data-testid="item-cost">
                  {formatCost(item.cost, i18n.language)}
                </div>
              )}
              <FlagBadges flags={flags.get(item.id)} titles={titles} />
              {canWrite && editing === undefined && (
                <div className="actions">
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={t('trips.items.edit', { title: item.title })}
                    onClick={() =>
                      setEditing({ kind: 'item', itemId: item.id, draft: itemDraftOf(item, trip.timeZone) })
                    }
                  >
                    {t('trips.items.editShort')}
                  </button>
                  <button
                    type="button"
                    className="danger small"
                    aria-label={t('trips.items.remove', { title: item.title })}
                    onClick={() => void save({ items: trip.items.filter((other) => other.id !== item.id) })}
                  >
                    {t('trips.items.removeShort')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {totals.length > 0 && (
        <p data-testid="trip-totals">
          {t('trips.items.totals', {
            totals: totals.map((cost) => formatCost(cost, i18n.language)).join(' · '),
          })}
        </p>
      )}

      <h4>{t('trips.timeline.heading')}</h4>
      <div className="trip-timelines">
        <TripTimeline
          trip={trip}
          timeZone={trip.timeZone}
          heading={t('trips.timeline.clientZone', { zone: trip.timeZone })}
          withTripDates
          flags={flags}
          titles={titles}
        />
        <TripTimeline
          trip={trip}
          timeZone="Asia/Tokyo"
          heading={t('trips.timeline.japan')}
          withTripDates={false}
          flags={flags}
          titles={titles}
        />
      </div>
      {printing && <PrintItinerary trip={trip} clientName={clientName} onClose={() => setPrinting(false)} />}
    </section>
  );
}
