import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/index';
import type { LocalStore } from '../../store/local-store';
import { ClientRowActions } from './ClientRowActions';

/** The clients in the local store, newest change first, updated live as edits and sync arrive. */
export function ClientList({ store, onOpen }: { store: LocalStore; onOpen(clientId: string): void }) {
  const { t } = useTranslation();
  const [clients, setClients] = useState<Client[] | undefined>();

  useEffect(() => {
    const subscription = store.clients
      .find({ sort: [{ updatedAt: 'desc' }] })
      .$.subscribe((docs) => setClients(docs.map((doc) => doc.toJSON() as Client)));
    return () => subscription.unsubscribe();
  }, [store]);

  if (!clients) return <p className="muted">{t('clients.loading')}</p>;
  if (clients.length === 0) return <p className="muted">{t('clients.empty')}</p>;
  return (
    <ul className="client-list" aria-label={t('clients.listLabel')}>
      {clients.map((client) => (
        <li key={client.id} className="client-row">
          <button type="button" className="client-name link" onClick={() => onOpen(client.id)}>
            {client.names.latin}
          </button>
          <span className="client-status">{t(`clients.status.${client.status}`)}</span>
          <ClientRowActions store={store} client={client} />
        </li>
      ))}
    </ul>
  );
}
