import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clientListFilters, type ClientListFilterChoice } from '../../../../shared/domain/client-search';
import { CLIENT_STATUSES } from '../../../../shared/index';
import '../notices/notices.css';
import { useClientsNeedingRenewal } from '../renewals/renewal-data';
import { useClientIndex, useClientsWithTripWithin } from './client-data';
import { todayHere } from './format';
import { ClientRowActions } from './ClientRowActions';
import type { StaffChoice } from './staff-choices';
import { EmptyState } from '../../components/EmptyState';

/** How far ahead the "upcoming trip" filter looks. */
export const UPCOMING_TRIP_DAYS = 30;
/** A row's height before it is measured (a row with its panels open is measured as it is). */
const ROW_ESTIMATE_PX = 49;

interface Props {
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
export function ClientList({ onOpen, staff, me }: Props) {
  const { t } = useTranslation();
  const { index, version, loaded } = useClientIndex();
  const upcoming = useClientsWithTripWithin(todayHere(), UPCOMING_TRIP_DAYS);
  const needsRenewal = useClientsNeedingRenewal();
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
  if (index.size === 0) return <EmptyState>{t('clients.empty')}</EmptyState>;
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
      {clients.length === 0 && <EmptyState>{t('clientRecord.list.noMatch')}</EmptyState>}
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
                {needsRenewal.has(client.id) && (
                  <span className="renewal-badge" data-testid="renewal-badge">
                    {t('renewals.badge')}
                  </span>
                )}
                <ClientRowActions client={client} />
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
