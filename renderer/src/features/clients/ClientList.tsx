import { useEffect, useState } from 'react';
import type { Client } from '../../../../shared/index';
import type { LocalStore } from '../../store/local-store';

/** The clients in the local store, newest change first, updated live as edits and sync arrive. */
export function ClientList({ store }: { store: LocalStore }) {
  const [clients, setClients] = useState<Client[] | undefined>();

  useEffect(() => {
    const subscription = store.clients
      .find({ sort: [{ updatedAt: 'desc' }] })
      .$.subscribe((docs) => setClients(docs.map((doc) => doc.toJSON() as Client)));
    return () => subscription.unsubscribe();
  }, [store]);

  if (!clients) return <p className="muted">Loading clients…</p>;
  if (clients.length === 0) return <p className="muted">No clients yet.</p>;
  return (
    <ul className="client-list" aria-label="Clients">
      {clients.map((client) => (
        <li key={client.id} className="client-row">
          <span className="client-name">{client.names.latin}</span>
          <span className="client-status">{client.status}</span>
        </li>
      ))}
    </ul>
  );
}
