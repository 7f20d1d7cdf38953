import { useTranslation } from 'react-i18next';
import type { ClientPanelProps } from '../clients/client-panel';

/** The client's sealed medical section: consent gate, content for holders of the key, grants. */
export function MedicalPanel({ client }: ClientPanelProps) {
  const { t } = useTranslation();
  return <section aria-label={t('medical.heading')} data-client-id={client.id} />;
}
