import { useTranslation } from 'react-i18next';
import { readScope } from '../../../../shared/auth/roles';
import type { DirectoryEntry } from './medical-data';
import { EmptyState } from '../../components/EmptyState';

interface Props {
  entries: DirectoryEntry[];
  /** Staff ids holding a verified wrap of the current key. */
  holders: ReadonlySet<string>;
  selfId: string;
  assignedStaffIds: readonly string[];
  /** Whether this device holds the key (only a holder can grant or rotate). */
  holdsKey: boolean;
  busy: boolean;
  onGrant(entry: DirectoryEntry): void;
  onRevoke(entry: DirectoryEntry): void;
  /** People with an open request for access to this section (staff id → request id). */
  asking: ReadonlyMap<string, string>;
  onDecline(entry: DirectoryEntry): void;
}

/** Active staff with their access to the section, and Grant / Revoke for a person who may grant. */
export function MedicalAccessList({
  entries,
  holders,
  selfId,
  assignedStaffIds,
  holdsKey,
  busy,
  onGrant,
  onRevoke,
  asking,
  onDecline,
}: Props) {
  const { t } = useTranslation();
  const people = entries
    .filter((entry) => entry.status === 'active')
    .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
  return (
    <section className="medical-access" aria-labelledby="medical-access-heading">
      <h4 id="medical-access-heading">{t('medical.access.heading')}</h4>
      <p className="muted small">{t('medical.access.intro')}</p>
      {!holdsKey && <p className="muted">{t('medical.access.needKey')}</p>}
      {people.length === 0 && <EmptyState>{t('medical.access.empty')}</EmptyState>}
      <ul aria-label={t('medical.access.heading')}>
        {people.map((entry) => {
          const self = entry.staffId === selfId;
          const has = holders.has(entry.staffId);
          const unassigned =
            readScope(entry.role, 'medical') === 'assigned' && !assignedStaffIds.includes(entry.staffId);
          return (
            <li key={entry.staffId} data-staff-id={entry.staffId}>
              <span className="medical-access-name">
                {entry.displayName} {self && t('medical.access.you')}
              </span>{' '}
              <span className="muted small">{t(`roles.${entry.role}`)}</span>{' '}
              <span className={has ? 'notice small' : 'muted small'}>
                {has ? t('medical.access.hasAccess') : t('medical.access.noAccess')}
              </span>
              {unassigned && <span className="muted small"> · {t('medical.access.notAssigned')}</span>}
              {asking.has(entry.staffId) && !has && (
                <span className="badge small" data-testid="asked-access">
                  {' '}
                  {t('medical.ask.askedBadge')}
                </span>
              )}
              {!self && holdsKey && !has && (
                <button
                  type="button"
                  className="small"
                  disabled={busy}
                  aria-label={t('medical.access.grantTo', { name: entry.displayName })}
                  onClick={() => onGrant(entry)}
                >
                  {t('medical.access.grant')}
                </button>
              )}
              {!self && asking.has(entry.staffId) && !has && (
                <button
                  type="button"
                  className="small secondary"
                  disabled={busy}
                  aria-label={t('medical.ask.declineFor', { name: entry.displayName })}
                  onClick={() => onDecline(entry)}
                >
                  {t('medical.ask.decline')}
                </button>
              )}
              {!self && holdsKey && has && (
                <button
                  type="button"
                  className="small danger"
                  disabled={busy}
                  aria-label={t('medical.access.revokeFrom', { name: entry.displayName })}
                  onClick={() => onRevoke(entry)}
                >
                  {t('medical.access.revoke')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
