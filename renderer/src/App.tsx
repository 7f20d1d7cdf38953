import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSodium, type Sodium } from '../../shared/crypto/index';
import type { Role } from '../../shared/index';
import { DeviceAccess, type AccessStatus, type OpenDevice, type WipeReason } from './auth/device-access';
import type { DeviceRecord } from './auth/device-record';
import { wipeLocalData } from './auth/wipe';
import { bridge } from './bridge/index';
import { leaveIfConfirmed, UnsavedChanges, UnsavedChangesProvider } from './components/form/index';
import { MedicalKeyRotation } from './features/medical/MedicalKeyRotation';
import { RefusedScreen, WipedScreen } from './features/enrolment/EndScreens';
import { ErasureWatcher } from './features/erasure/ErasureScreen';
import { EnrolmentScreen, type EnrolValues, type SetupValues } from './features/enrolment/EnrolmentScreen';
import { PendingScreen } from './features/enrolment/PendingScreen';
import { RecoverySheet } from './features/enrolment/RecoverySheet';
import { newRecoveryKeyPair, wipeRecoveryKey, type RecoveryKeyPair } from './auth/recovery-key';
import { homeSection, NavigationProvider } from './features/today/navigation';
import { WaitingCounter } from './features/today/waiting-counts';
import { logUnlock, noteFailedUnlock } from './core/audit/unlocks';
import { DeviceVault, type Keyring } from './security/device-vault';
import { IdleTimer, loadAutoLockMs, saveAutoLockMs } from './security/idle-timer';
import { LockScreen } from './security/LockScreen';
import { QuickUnlock } from './security/QuickUnlock';
import { QuickUnlock as QuickUnlockService } from './security/quick-unlock';
import { SessionGate } from './security/session-gate';
import { SessionProvider, startSession, type Session } from './session/index';
import { AppHeader } from './shell/AppHeader';
import { CurrentScreen, Navigation } from './shell/Navigation';
import type { Section } from './shell/sections';
import { resetAccount, useAccount } from './state/account';

type Device = OpenDevice<Session>;

type Phase =
  | { kind: 'loading' }
  | { kind: 'enrol' }
  | { kind: 'pending'; record: DeviceRecord }
  | { kind: 'refused'; status: 'denied' | 'expired' }
  // Locked by the idle timer, or because the server now gives this person another role (a new session applies it).
  | { kind: 'locked'; idle?: boolean; newRole?: Role }
  | { kind: 'open'; device: Device }
  // Right after setup: the recovery sheet, once; `closed` when a lock closed the session meanwhile.
  | {
      kind: 'recovery';
      device: Device | undefined;
      recovery: RecoveryKeyPair;
      sodium: Sodium;
      closed?: boolean;
    }
  | { kind: 'wiped'; reason: WipeReason }
  | { kind: 'failed'; reason: string };

/** Lets the browser paint "Unlocking…" before Argon2id occupies the thread. */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** What to show for a device in a given enrolment state. */
function phaseOf(status: AccessStatus): Phase {
  switch (status.kind) {
    case 'unenrolled':
      return { kind: 'enrol' };
    case 'pending':
      return { kind: 'pending', record: status.record };
    case 'refused':
      return { kind: 'refused', status: status.status };
    case 'enrolled':
      return { kind: 'locked' };
  }
}

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [section, setSection] = useState<Section>('clients');
  const [unsaved] = useState(() => new UnsavedChanges());
  const leaveGuard = (leave: () => void) => leaveIfConfirmed(unsaved, t('unsaved.confirm'), leave);
  // Opening a section from inside a screen (a waiting item on Today) asks about unsaved edits as the navigation does.
  const navigation = { open: (to: string) => leaveGuard(() => setSection(to as Section)) };
  const [autoLockMs, setAutoLockMs] = useState(() => loadAutoLockMs());
  const identity = useAccount((account) => account.identity);
  const online = useAccount((account) => account.online);
  const access = useRef<DeviceAccess<Session> | undefined>(undefined);
  const gate = useRef<SessionGate<Device, string | Keyring> | undefined>(undefined);
  const [quickUnlock, setQuickUnlock] = useState<QuickUnlockService | undefined>();
  const sodiumRef = useRef<Sodium | undefined>(undefined);

  useEffect(() => {
    Promise.all([loadSodium(), bridge.getServerUrl()]).then(
      ([sodium, serverUrl]) => {
        sodiumRef.current = sodium;
        const quick = new QuickUnlockService(bridge, new DeviceVault(sodium));
        const deviceAccess = new DeviceAccess<Session>({
          sodium,
          serverUrl,
          openSession: (keyring, auth, device, staff) =>
            startSession(sodium, keyring, auth, { device, staff }),
          afterPassphraseUnlock: (keyring) => quick.afterUnlock(keyring),
          wipe: async () => {
            await wipeLocalData({ storage: localStorage, indexedDB });
            // A vault key kept by the OS keychain must not outlive the data (it would open nothing, but still).
            await bridge.clearQuickUnlock().catch(() => undefined);
          },
          onWiped: (reason) => {
            void gate.current?.lock();
            resetAccount();
            setPhase({ kind: 'wiped', reason });
          },
          onIdentity: (who, isOnline) => useAccount.setState({ identity: who, online: isOnline }),
        });
        access.current = deviceAccess;
        gate.current = new SessionGate(async (credential: string | Keyring) => {
          await nextPaint();
          return deviceAccess.unlock(credential);
        });
        setQuickUnlock(quick);
        setPhase(phaseOf(deviceAccess.status()));
      },
      (error: unknown) =>
        setPhase({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  const opened = useCallback((device: Device | undefined) => {
    // Undefined when a lock overtook this unlock: the gate closed that session, the app stays locked.
    if (device) {
      setSection(homeSection(device.identity.role));
      setPhase({ kind: 'open', device });
    }
  }, []);

  const unlock = useCallback(
    async (credential: string | Keyring) => {
      let device: Device | undefined;
      try {
        device = await gate.current!.unlock(credential);
      } catch (error) {
        noteFailedUnlock(error);
        throw error;
      }
      // The access log (issue 18): failed attempts since the last unlock, then this one.
      if (device) void logUnlock(device.session).catch(() => undefined);
      opened(device);
    },
    [opened],
  );

  const setUp = useCallback(async (values: SetupValues) => {
    await nextPaint();
    const sodium = sodiumRef.current!;
    // The organisation recovery key pair: the public half goes to the server, the private half on paper only.
    const recovery = newRecoveryKeyPair(sodium, Date.now());
    let device: Device | undefined;
    try {
      device = await gate.current!.openWith(() =>
        access.current!.setUp({ ...values, recoveryPublicKey: recovery.publicKey }),
      );
    } catch (error) {
      wipeRecoveryKey(sodium, recovery);
      throw error;
    }
    // The organisation exists now, whatever happens next: the sheet is shown even if a lock overtook this.
    setPhase({ kind: 'recovery', device, recovery, sodium, closed: device === undefined });
  }, []);

  const recoveryStored = () => {
    if (phase.kind !== 'recovery') return;
    wipeRecoveryKey(phase.sodium, phase.recovery);
    if (phase.closed || !phase.device) {
      setPhase({ kind: 'locked' });
      return;
    }
    setSection(homeSection(phase.device.identity.role));
    setPhase({ kind: 'open', device: phase.device });
  };

  const enrol = useCallback(async (values: EnrolValues) => {
    await nextPaint();
    setPhase({ kind: 'pending', record: await access.current!.enrol(values) });
  }, []);

  const refreshEnrolment = useCallback(() => access.current!.refreshEnrolment(), []);
  const decided = useCallback((status: AccessStatus) => setPhase(phaseOf(status)), []);
  const startOver = useCallback(async () => {
    await access.current!.startOver();
    setPhase({ kind: 'enrol' });
  }, []);
  const allowance = useCallback(() => access.current!.unlockAllowance(), []);

  const lock = useCallback(async (idle = false, newRole?: Role) => {
    setPhase((phase) =>
      phase.kind === 'open'
        ? { kind: 'locked', idle, newRole }
        : phase.kind === 'recovery'
          ? { ...phase, closed: true }
          : phase,
    );
    resetAccount();
    await gate.current?.lock();
  }, []);

  useEffect(() => bridge.onSystemLock(() => void lock()), [lock]);
  useEffect(() => () => void gate.current?.lock(), []);

  // Auto-lock: any input resets the idle time; the timer runs only while the app is open.
  const isOpen = phase.kind === 'open';
  useEffect(() => {
    if (!isOpen) return;
    const timer = new IdleTimer(autoLockMs, () => void lock(true));
    const activity = () => timer.activity();
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, activity, { passive: true });
    timer.start();
    return () => {
      timer.stop();
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, activity);
    };
  }, [isOpen, autoLockMs, lock]);

  const device = phase.kind === 'open' ? phase.device : undefined;
  const who = identity ?? device?.identity;
  // What a role may see and sync is fixed when the session opens: another role needs another session.
  useEffect(() => {
    if (!device) return;
    return useAccount.subscribe(({ identity: latest }) => {
      if (latest && latest.role !== device.identity.role) void lock(false, latest.role);
    });
  }, [device, lock]);
  return (
    <UnsavedChangesProvider value={unsaved}>
      <div className="app">
        <AppHeader
          open={device !== undefined}
          who={who}
          online={online}
          onParked={() => section !== 'device' && leaveGuard(() => setSection('device'))}
          onLock={() => void lock()}
        />
        {device && who && (
          <Navigation who={who} current={section} go={(to) => leaveGuard(() => setSection(to))} />
        )}
        <main className="app-main">
          {phase.kind === 'failed' && (
            <p className="field-error" role="alert">
              {t('app.failed', { reason: phase.reason })}
            </p>
          )}
          {phase.kind === 'loading' && <p className="muted">{t('app.starting')}</p>}
          {phase.kind === 'enrol' && <EnrolmentScreen onSetUp={setUp} onEnrol={enrol} />}
          {phase.kind === 'recovery' && (
            <RecoverySheet sodium={phase.sodium} recovery={phase.recovery} onDone={recoveryStored} />
          )}
          {phase.kind === 'pending' && (
            <PendingScreen
              record={phase.record}
              refresh={refreshEnrolment}
              onDecided={decided}
              onStartOver={startOver}
            />
          )}
          {phase.kind === 'refused' && (
            <RefusedScreen status={phase.status} onStartOver={() => void startOver()} />
          )}
          {phase.kind === 'wiped' && (
            <WipedScreen reason={phase.reason} onEnrolAgain={() => setPhase({ kind: 'enrol' })} />
          )}
          {phase.kind === 'locked' && (
            <LockScreen
              onSubmit={unlock}
              allowance={allowance}
              notice={
                phase.newRole
                  ? t('lock.roleChanged', { role: t(`roles.${phase.newRole}`) })
                  : phase.idle
                    ? t('lock.autoLocked', { count: Math.round(autoLockMs / 60_000) })
                    : undefined
              }
            />
          )}
          {phase.kind === 'locked' && quickUnlock && (
            <QuickUnlock quickUnlock={quickUnlock} vaultExists onUnlock={unlock} />
          )}
          {device && (
            <SessionProvider device={device}>
              <NavigationProvider value={navigation}>
                <MedicalKeyRotation />
                {/* Mounted again at each section opened: the counts are asked for again, as Today does. */}
                <WaitingCounter key={section} />
                <ErasureWatcher />
                {who && (
                  <CurrentScreen
                    who={who}
                    current={section}
                    settings={{ autoLockMs, onAutoLockMs: (ms) => setAutoLockMs(saveAutoLockMs(ms)) }}
                  />
                )}
              </NavigationProvider>
            </SessionProvider>
          )}
        </main>
      </div>
    </UnsavedChangesProvider>
  );
}
