import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  clientListFilters,
  ClientSearchIndex,
  clientsWithTripWithin,
  type ClientListFilterChoice,
} from '../../../../shared/domain/client-search';
import { CLIENT_STATUSES, type Client, type Trip } from '../../../../shared/index';
import type { LocalStore } from '../../store/local-store';
import { todayHere } from './format';
import { ClientRowActions } from './ClientRowActions';
import type { StaffChoice } from './staff-choices';

/** How far ahead the "upcoming trip" filter looks. */
export const UPCOMING_TRIP_DAYS = 30;
/** A row's height before it is measured (a row with its panels open is measured as it is). */
const ROW_ESTIMATE_PX = 49;

/**
 * The search index over the clients in the local store, kept current as edits and sync arrive: only documents
 * whose revision changed are folded again. `version` changes whenever the index does.
 */
function useClientIndex(store: LocalStore): { index: ClientSearchIndex; version: number; loaded: boolean } {
  const [index] = useState(() => new ClientSearchIndex());
  const [state, setState] = useState({ version: 0, loaded: false });
  useEffect(() => {
    const revisions = new Map<string, string>();
    const subscription = store.clients.find().$.subscribe((docs) => {
      const seen = new Set<string>();
      let changed = false;
      for (const doc of docs) {
        seen.add(doc.primary);
        if (revisions.get(doc.primary) === doc.revision) continue;
        revisions.set(doc.primary, doc.revision);
        index.upsert(doc.toJSON() as Client);
        changed = true;
      }
      for (const id of revisions.keys()) {
        if (seen.has(id)) continue;
        revisions.delete(id);
        index.remove(id);
        changed = true;
      }
      setState((previous) =>
        changed || !previous.loaded ? { version: previous.version + 1, loaded: true } : previous,
      );
    });
    return () => subscription.unsubscribe();
  }, [store, index]);
  return { index, ...state };
}

/** The ids of clients with a trip under way or starting within UPCOMING_TRIP_DAYS, live. */
function useUpcomingTripClients(store: LocalStore): ReadonlySet<string> {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    const subscription = store.trips.find().$.subscribe((docs) => {
      const trips = docs.map((doc) => doc.toJSON() as Trip);
      setIds(clientsWithTripWithin(trips, todayHere(), UPCOMING_TRIP_DAYS));
    });
    return () => subscription.unsubscribe();
  }, [store]);
  return ids;
}

interface Props {
  store: LocalStore;
  onOpen(clientId: string): void;
  /** Staff to filter by assignee; undefined while unknown (the filter then offers only "me"). */
  staff?: StaffChoice[];
  me?: { staffId: string; displayName: string };
}

/**
 * The clients on this device: search as you type (names in any script, e-mail, passport number, phone) over the
 * decrypted in-memory index, filters by status, assignee and upcoming trip, and a virtualised list that keeps
 * only the rows in view in the page, so ten thousand clients scroll as smoothly as ten.
 */
export function ClientList({ store, onOpen, staff, me }: Props) {
  const { t } = useTranslation();
  const { index, version, loaded } = useClientIndex(store);
  const upcoming = useUpcomingTripClients(store);
  const [query, setQuery] = useState('');
  const [choice, setChoice] = useState<ClientListFilterChoice>({ status: 'all', upcomingTripOnly: false });

  const result = useMemo(
    () => index.searchAll(query, { filters: clientListFilters(choice, upcoming) }),
    // `version` stands for the index's content, which the memo cannot see.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version, query, choice, upcoming],
  );
  const clients = result.clients;

  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer's functions are not memoisable, which the React compiler lint rule flags; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: clients.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (position) => clients[position]!.id,
    overscan: 8,
  });

  const assignees = useMemo(() => {
    const people = new Map<string, string>();
    if (me) people.set(me.staffId, me.displayName);
    for (const member of staff ?? []) people.set(member.staffId, member.displayName);
    return [...people];
  }, [staff, me]);

  if (!loaded) return <p className="muted">{t('clients.loading')}</p>;
  if (index.size === 0) return <p className="muted">{t('clients.empty')}</p>;
  return (
    <div className="client-browser">
      <div className="client-filters" role="search">
        <label className="client-search">
          <span>{t('clientRecord.list.search')}</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('clientRecord.list.searchHint')}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label>
          <span>{t('clientRecord.list.status')}</span>
          <select
            value={choice.status}
            onChange={(e) =>
              setChoice({ ...choice, status: e.target.value as ClientListFilterChoice['status'] })
            }
          >
            <option value="all">{t('clientRecord.list.allStatuses')}</option>
            {CLIENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`clients.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('clientRecord.list.assignee')}</span>
          <select
            value={choice.assigneeId ?? ''}
            onChange={(e) =>
              setChoice({
                status: choice.status,
                upcomingTripOnly: choice.upcomingTripOnly,
                ...(e.target.value === '' ? {} : { assigneeId: e.target.value }),
              })
            }
          >
            <option value="">{t('clientRecord.list.anyone')}</option>
            {assignees.map(([staffId, displayName]) => (
              <option key={staffId} value={staffId}>
                {staffId === me?.staffId ? t('clientRecord.staff.you', { name: displayName }) : displayName}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={choice.upcomingTripOnly}
            onChange={(e) => setChoice({ ...choice, upcomingTripOnly: e.target.checked })}
          />
          {t('clientRecord.list.upcomingTrip', { days: UPCOMING_TRIP_DAYS })}
        </label>
      </div>
      <p className="muted client-count" role="status" data-testid="client-count">
        {t('clientRecord.list.count', { count: result.total })}
      </p>
      {clients.length === 0 && <p className="muted">{t('clientRecord.list.noMatch')}</p>}
      <div ref={scroller} className="client-scroller" data-testid="client-scroller">
        <ul
          className="client-list virtual"
          aria-label={t('clients.listLabel')}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const client = clients[item.index]!;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="client-row"
                aria-setsize={clients.length}
                aria-posinset={item.index + 1}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span className="client-names">
                  <button type="button" className="client-name link" onClick={() => onOpen(client.id)}>
                    {client.names.latin}
                  </button>
                  {client.names.katakana && (
                    <span className="muted client-alt-name" lang="ja">
                      {client.names.katakana}
                    </span>
                  )}
                </span>
                <span className="client-status">{t(`clients.status.${client.status}`)}</span>
                <ClientRowActions store={store} client={client} />
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
