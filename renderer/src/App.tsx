import { useEffect, useState } from 'react';
import { SyncIndicator } from './components/SyncIndicator';
import { ClientList } from './features/clients/ClientList';
import { NewClientForm } from './features/clients/NewClientForm';
import { startSession, type Session } from './session';

export function App() {
  const [session, setSession] = useState<Session | undefined>();
  const [failure, setFailure] = useState<string | undefined>();

  useEffect(() => {
    let opened: Session | undefined;
    let cancelled = false;
    startSession().then(
      (s) => {
        if (cancelled) void s.close();
        else setSession((opened = s));
      },
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
      void opened?.close();
    };
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Lumina Concierge</h1>
        <SyncIndicator />
      </header>
      <main className="app-main">
        {failure && (
          <p className="field-error" role="alert">
            The app could not start: {failure}
          </p>
        )}
        {!session && !failure && <p className="muted">Opening the local store…</p>}
        {session && (
          <section aria-labelledby="clients-heading">
            <h2 id="clients-heading">Clients</h2>
            <NewClientForm store={session.store} />
            <ClientList store={session.store} />
          </section>
        )}
      </main>
    </div>
  );
}
