import { useTranslation } from 'react-i18next';
import type { ClientPanelProps } from '../clients/client-panel';

/** The client's trips: itinerary editor, day-by-day timeline, printable itinerary. */
export function TripsPanel({ client }: ClientPanelProps) {
  const { t } = useTranslation();
  return <section aria-label={t('trips.heading')} data-client-id={client.id} />;
}
