import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSodium } from '../../shared/crypto/index';
import { bridge } from './bridge/index';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SyncIndicator } from './components/SyncIndicator';
import { ClientList } from './features/clients/ClientList';
import { NewClientForm } from './features/clients/NewClientForm';
import { DeviceVault, type Keyring } from './security/device-vault';
import { LockScreen } from './security/LockScreen';
import { QuickUnlock } from './security/QuickUnlock';
import { QuickUnlock as QuickUnlockService } from './security/quick-unlock';
import { SessionGate } from './security/session-gate';
import { startSession, type Session } from './session';

type Phase =
  | { kind: 'loading' }
  | { kind: 'locked'; setUp: boolean }
  | { kind: 'open'; session: Session }
  | { kind: 'failed'; reason: string };

/** Lets the browser paint "Unlocking…" before Argon2id occupies the thread. */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const gate = useRef<SessionGate<Session, string | Keyring> | undefined>(undefined);
  const [quickUnlock, setQuickUnlock] = useState<QuickUnlockService | undefined>();

  useEffect(() => {
    loadSodium().then(
      (sodium) => {
        const vault = new DeviceVault(sodium);
        const quick = new QuickUnlockService(bridge, vault);
        gate.current = new SessionGate(async (credential: string | Keyring) => {
          await nextPaint();
          const keyring =
            typeof credential !== 'string'
              ? credential
              : vault.isSetUp()
                ? vault.unlock(credential)
                : vault.setUp(credential);
          await quick.afterUnlock(keyring);
          try {
            return await startSession(sodium, keyring);
          } catch (error) {
            keyring.lock();
            throw error;
          }
        });
        setQuickUnlock(quick);
        setPhase({ kind: 'locked', setUp: vault.isSetUp() });
      },
      (error: unknown) =>
        setPhase({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  const unlock = useCallback(async (credential: string | Keyring) => {
    const session = await gate.current!.unlock(credential);
    // Undefined when a lock overtook this unlock: the gate closed that session, the app stays locked.
    if (session) setPhase({ kind: 'open', session });
  }, []);

  const lock = useCallback(async () => {
    setPhase((phase) => (phase.kind === 'open' ? { kind: 'locked', setUp: true } : phase));
    await gate.current?.lock();
  }, []);

  useEffect(() => bridge.onSystemLock(() => void lock()), [lock]);
  useEffect(() => () => void gate.current?.lock(), []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <div className="header-actions">
          {phase.kind === 'open' && <SyncIndicator />}
          <LanguageSwitch />
          {phase.kind === 'open' && (
            <button type="button" className="secondary" onClick={() => void lock()}>
              {t('app.lock')}
            </button>
          )}
        </div>
      </header>
      <main className="app-main">
        {phase.kind === 'failed' && (
          <p className="field-error" role="alert">
            {t('app.failed', { reason: phase.reason })}
          </p>
        )}
        {phase.kind === 'loading' && <p className="muted">{t('app.starting')}</p>}
        {phase.kind === 'locked' && <LockScreen setUp={phase.setUp} onSubmit={unlock} />}
        {phase.kind === 'locked' && quickUnlock && (
          <QuickUnlock quickUnlock={quickUnlock} vaultExists={phase.setUp} onUnlock={unlock} />
        )}
        {phase.kind === 'open' && (
          <section aria-labelledby="clients-heading">
            <h2 id="clients-heading">{t('clients.heading')}</h2>
            <NewClientForm store={phase.session.store} />
            <ClientList store={phase.session.store} />
          </section>
        )}
      </main>
    </div>
  );
}
