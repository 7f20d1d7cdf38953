import { useCallback, useEffect, useRef, useState } from 'react';
import { loadSodium, type Sodium } from '../../shared/crypto/index';
import { bridge } from './bridge/index';
import { SyncIndicator } from './components/SyncIndicator';
import { ClientList } from './features/clients/ClientList';
import { NewClientForm } from './features/clients/NewClientForm';
import { DeviceVault } from './security/device-vault';
import { LockScreen } from './security/LockScreen';
import { startSession, type Session } from './session';

type Phase =
  | { kind: 'loading' }
  | { kind: 'locked'; setUp: boolean }
  | { kind: 'open'; session: Session }
  | { kind: 'failed'; reason: string };

/** Lets the browser paint "Unlocking…" before Argon2id occupies the thread. */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const crypto = useRef<{ sodium: Sodium; vault: DeviceVault } | undefined>(undefined);
  const session = useRef<Session | undefined>(undefined);

  useEffect(() => {
    loadSodium().then(
      (sodium) => {
        const vault = new DeviceVault(sodium);
        crypto.current = { sodium, vault };
        setPhase({ kind: 'locked', setUp: vault.isSetUp() });
      },
      (error: unknown) =>
        setPhase({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  const unlock = useCallback(async (passphrase: string) => {
    const { sodium, vault } = crypto.current!;
    await nextPaint();
    const keyring = vault.isSetUp() ? vault.unlock(passphrase) : vault.setUp(passphrase);
    try {
      session.current = await startSession(sodium, keyring);
    } catch (error) {
      keyring.lock();
      throw error;
    }
    setPhase({ kind: 'open', session: session.current });
  }, []);

  const lock = useCallback(async () => {
    const open = session.current;
    session.current = undefined;
    setPhase({ kind: 'locked', setUp: true });
    await open?.close();
  }, []);

  useEffect(() => bridge.onSystemLock(() => void lock()), [lock]);
  useEffect(() => () => void session.current?.close(), []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Lumina Concierge</h1>
        {phase.kind === 'open' && (
          <div className="header-actions">
            <SyncIndicator />
            <button type="button" className="secondary" onClick={() => void lock()}>
              Lock
            </button>
          </div>
        )}
      </header>
      <main className="app-main">
        {phase.kind === 'failed' && (
          <p className="field-error" role="alert">
            The app could not start: {phase.reason}
          </p>
        )}
        {phase.kind === 'loading' && <p className="muted">Starting…</p>}
        {phase.kind === 'locked' && <LockScreen setUp={phase.setUp} onSubmit={unlock} />}
        {phase.kind === 'open' && (
          <section aria-labelledby="clients-heading">
            <h2 id="clients-heading">Clients</h2>
            <NewClientForm store={phase.session.store} />
            <ClientList store={phase.session.store} />
          </section>
        )}
      </main>
    </div>
  );
}
