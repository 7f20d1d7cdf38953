import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneCity } from '../../../../shared/domain/itinerary-zones';
import { hasClearDetails, isMedicalTripKind } from '../../../../shared/domain/trip';
import { instantOf, itineraryOrder, type Client, type Trip, type TripItem } from '../../../../shared/index';
import {
  itemDraftOf,
  newItemDraft,
  type ItemDraft,
  type TripDraft,
} from '../../../../shared/domain/trip-form';
import { FlagBadges } from './FlagBadges';
import { itineraryFlags } from './flags';
import { formatDateText } from '../../components/form/index';
import { costTotals, formatCost, formatInstant } from './format';
import { annotated } from './day-line-text';
import { ItemForm } from './ItemForm';
import { PrintItinerary } from './PrintItinerary';
import { useOrgContact } from '../settings/org-contact-data';
import { TripForm } from './TripForm';
import { useShownTrip, useTripCommands } from './trip-data';
import { TripTimeline } from './TripTimeline';
import { tripWriteError } from './write-error';
import { EmptyState } from '../../components/EmptyState';

type Editing = { kind: 'trip' } | { kind: 'item'; itemId: string; draft: ItemDraft } | undefined;

/**
 * One trip: its items with their flags, the timeline in the client's zone and Japan's, the printable view. The
 * details of medical items show only where this device opened them (it holds the client's key); elsewhere the
 * item shows its kind and times, "details sealed".
 */
export function TripView({ trip, canWrite, client }: { trip: Trip; canWrite: boolean; client: Client }) {
  const { t, i18n } = useTranslation();
  const { updateTrip } = useTripCommands();
  const [editing, setEditing] = useState<Editing>();
  const [printing, setPrinting] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // `trip` as stored (sealed); `shown` with the details this device opened, what forms edit and writes start from.
  const { trip: shown, opened } = useShownTrip(trip);
  const holdsKey = opened?.holdsKey ?? false;
  const orgContact = useOrgContact();
  const items = useMemo(() => itineraryOrder(shown.items), [shown]);
  const flags = useMemo(() => itineraryFlags(shown), [shown]);
  /** Medical items whose details this person does not read: sealed, or in clear from before sealing. */
  const sealedIds = useMemo(
    () =>
      new Set(
        shown.items
          .filter(
            (item) =>
              isMedicalTripKind(item.kind) &&
              !(opened?.details.has(item.id) ?? false) &&
              !(holdsKey && hasClearDetails(item)),
          )
          .map((item) => item.id),
      ),
    [shown, opened, holdsKey],
  );
  const sealed = (item: TripItem) => sealedIds.has(item.id);
  const sealedTitle = t('trips.items.sealed');
  const titles = useMemo(
    () =>
      new Map(
        shown.items.map((item) => [item.id, sealedIds.has(item.id) ? sealedTitle : (item.title ?? '')]),
      ),
    [shown, sealedIds, sealedTitle],
  );
  const totals = useMemo(() => costTotals(shown.items.map((item) => item.cost)), [shown]);

  /** Writes a change; says why when the trip would be invalid or the store refused it. */
  async function save(changes: Partial<Trip>) {
    const saved = await updateTrip(trip, changes, client, opened?.details ?? new Map());
    setError(saved.ok ? undefined : tripWriteError(t, saved, changes.items ?? shown.items));
    return saved.ok;
  }

  async function saveItem(item: TripItem) {
    const exists = shown.items.some((other) => other.id === item.id);
    const next = exists
      ? shown.items.map((other) => (other.id === item.id ? item : other))
      : [...shown.items, item];
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
          from: formatDateText(trip.startDate, i18n.language),
          to: formatDateText(trip.endDate, i18n.language),
        })}{' '}
        <span className="muted small">
          {t('trips.shownIn', { zone: zoneCity(trip.timeZone, i18n.language) })}
        </span>
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
      {items.length === 0 && <EmptyState>{t('trips.items.none')}</EmptyState>}
      {items.some(sealed) && <p className="muted small">{t('trips.items.sealedHint')}</p>}
      <ul className="trip-items" aria-label={t('trips.items.heading')}>
        {items.map((item) => {
          const startZone = item.startTimeZone ?? trip.timeZone;
          const endZone = item.endTimeZone ?? trip.timeZone;
          const isSealed = sealed(item);
          const title = titles.get(item.id) ?? '';
          return (
            <li key={item.id} className={`trip-item kind-${item.kind}`} data-item-id={item.id}>
              <div>
                <strong>{t(`trips.kind.${item.kind}`)}</strong>:{' '}
                <span className={`trip-item-title${isSealed ? ' sealed' : ''}`}>{title}</span>
                {!isSealed && item.location && <span className="muted"> · {item.location}</span>}
              </div>
              {!isSealed && item.notes && <div className="small trip-item-notes">{item.notes}</div>}
              <div className="small">
                {t('trips.items.when', {
                  start: annotated(
                    formatInstant(instantOf(item.start), startZone, i18n.language),
                    zoneCity(startZone, i18n.language),
                    i18n.language,
                  ),
                  end: annotated(
                    formatInstant(instantOf(item.end), endZone, i18n.language),
                    zoneCity(endZone, i18n.language),
                    i18n.language,
                  ),
                })}
              </div>
              {(startZone !== trip.timeZone || endZone !== trip.timeZone) && (
                <div className="small trip-item-home" data-testid="item-home-time">
                  {t('trips.items.homeTime', {
                    zone: zoneCity(trip.timeZone, i18n.language),
                    when: t('trips.items.when', {
                      start: formatInstant(instantOf(item.start), trip.timeZone, i18n.language),
                      end: formatInstant(instantOf(item.end), trip.timeZone, i18n.language),
                    }),
                  })}
                </div>
              )}
              {item.cost && (
                <div className="trip-item-cost" data-testid="item-cost">
                  {formatCost(item.cost, i18n.language)}
                </div>
              )}
              <FlagBadges flags={flags.get(item.id)} titles={titles} />
              {canWrite && editing === undefined && (
                <div className="actions">
                  {!isSealed && (
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={t('trips.items.edit', { title })}
                      onClick={() =>
                        setEditing({ kind: 'item', itemId: item.id, draft: itemDraftOf(item, trip.timeZone) })
                      }
                    >
                      {t('trips.items.editShort')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="danger small"
                    aria-label={t('trips.items.remove', { title })}
                    onClick={() => void save({ items: shown.items.filter((other) => other.id !== item.id) })}
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
          trip={shown}
          heading={t('trips.timeline.local')}
          withTripDates
          flags={flags}
          titles={titles}
        />
        <TripTimeline
          trip={shown}
          fixedZone="Asia/Tokyo"
          heading={t('trips.timeline.japan')}
          withTripDates={false}
          flags={flags}
          titles={titles}
        />
      </div>
      {printing && (
        <PrintItinerary
          trip={shown}
          clientName={client.names.latin}
          clientLanguages={client.languages ?? []}
          contact={orgContact ?? {}}
          canIncludeMedical={holdsKey}
          onClose={() => setPrinting(false)}
        />
      )}
    </section>
  );
}
