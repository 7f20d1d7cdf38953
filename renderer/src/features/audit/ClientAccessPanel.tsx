import { useTranslation } from 'react-i18next';
import { useAuditRole, useClientsById, useStaffList } from './audit-data';
import { useClientMedicalViews } from './client-access-data';
import { namer } from './names';
import { formatDateTime } from '../../i18n/format';
import { EmptyState } from '../../components/EmptyState';

/**
 * "Who has seen this client's medical data", for roles that read the access log (the admin, managers): every
 * entry of the log that opened, printed, exported or shared the client's medical data (read by the client's id,
 * not the whole log). Placed on the client's record by ClientDetail; renders nothing for other roles.
 */
export function ClientAccessPanel({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const { reads } = useAuditRole();
  const entries = useClientMedicalViews(clientId, reads);
  const staff = useStaffList(reads);
  const clients = useClientsById(false);
  if (!reads) return null;
  const names = namer(staff.data, clients);
  const seen = entries ?? [];
  return (
    <section className="client-access" aria-labelledby="client-access-heading" data-testid="client-access">
      <h3 id="client-access-heading">{t('audit.clientPanel.heading')}</h3>
      {entries === undefined ? (
        <p className="muted">{t('audit.loading')}</p>
      ) : seen.length === 0 ? (
        <EmptyState>{t('audit.clientPanel.none')}</EmptyState>
      ) : (
        <ul>
          {seen.map((e) => (
            <li key={e.id}>
              {formatDateTime(e.at, i18n.language)} · {names.person(e.staffId)} · {names.device(e.deviceId)} ·{' '}
              {t(`audit.kind.${e.kind}`)} ({e.fields.join(', ')})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
