import { useTranslation } from 'react-i18next';
import { useServerLedgers, useStaffEvents } from './audit-data';
import type { ServerLedgersCheck } from '../../../../shared/domain/audit-api';
import type { Namer } from './names';
import { formatDateTime } from '../../i18n/format';
import { EmptyState } from '../../components/EmptyState';

/** The server's ledgers check in words: intact with n checkpoints verified, not verified (none yet), or broken. */
function ledgerStatus(check: ServerLedgersCheck, t: ReturnType<typeof useTranslation>['t']): string {
  const broken = check.broken;
  if (!check.ok && broken?.problem === 'table')
    return t('auditLedger.ledgers.table', { table: broken.table ?? '—' });
  if (!check.ok && broken?.ledger === 'checkpoints') {
    const which = broken.problem === 'signature' ? 'signature' : 'gap';
    return t(`auditLedger.ledgers.checkpoints.${which}`, { at: broken.at });
  }
  if (!check.ok && broken?.problem === 'rule' && broken.rule)
    return t(`auditLedger.ledgers.rule.${broken.rule}`, {
      ledger: t(`auditLedger.ledgers.${broken.ledger}`),
      at: broken.at,
      incident: (broken.incidentId ?? '—').slice(0, 8),
    });
  if (!check.ok && broken?.ledger === 'incidents')
    return t('auditLedger.ledgers.liveRow', { incident: (broken.incidentId ?? '—').slice(0, 8) });
  if (!check.ok && broken)
    return t('auditLedger.ledgers.broken', {
      ledger: t(`auditLedger.ledgers.${broken.ledger}`),
      at: broken.at,
    });
  return check.checkpointsVerified > 0
    ? t('auditLedger.ledgers.ok', { count: check.checkpointsVerified })
    : t('auditLedger.ledgers.notVerified');
}

/**
 * The server's record of staff and device changes (invitations, approvals, role changes, revocations, sessions
 * opened), newest first, a page at a time.
 */
export function StaffEventsView({ names }: { names: Namer }) {
  const { t, i18n } = useTranslation();
  const events = useStaffEvents(true);
  const ledgers = useServerLedgers(true);
  if (events.error) return <p className="error">{t('audit.failed', { message: String(events.error) })}</p>;
  if (!events.data) return <p className="muted">{t('audit.loading')}</p>;
  if (events.data.length === 0) return <EmptyState>{t('audit.none')}</EmptyState>;
  return (
    <>
      {ledgers.data && (
        <p
          role="status"
          className={!ledgers.data.ok ? 'error' : ledgers.data.checkpointsVerified > 0 ? 'success' : 'muted'}
          data-testid="server-ledgers"
        >
          {ledgerStatus(ledgers.data, t)}
        </p>
      )}
      <table className="audit-table data-table" aria-label={t('audit.events.heading')}>
        <thead>
          <tr>
            <th scope="col">{t('audit.column.when')}</th>
            <th scope="col">{t('audit.events.actor')}</th>
            <th scope="col">{t('audit.events.kind')}</th>
            <th scope="col">{t('audit.events.subject')}</th>
          </tr>
        </thead>
        <tbody>
          {events.data.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at, i18n.language)}</td>
              <td>{names.person(e.actor)}</td>
              <td>
                {e.kind}
                {typeof e.detail.role === 'string' ? ` → ${t(`roles.${e.detail.role}`)}` : ''}
              </td>
              <td>{e.deviceId ? names.device(e.deviceId) : names.person(e.staffId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.done ? (
        <p className="muted">{t('auditLedger.events.all')}</p>
      ) : (
        <button type="button" className="secondary small" onClick={events.more}>
          {t('auditLedger.events.more')}
        </button>
      )}
    </>
  );
}
