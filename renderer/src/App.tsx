// Over 400 lines: the shell's phases and every section's navigation stay in one file, so that each feature adds its
// section with a few additive lines while several branches merge; to be split when the navigation is data-driven.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSodium, type Sodium } from '../../shared/crypto/index';
import { DeviceAccess, type AccessStatus, type OpenDevice, type WipeReason } from './auth/device-access';
import type { DeviceRecord } from './auth/device-record';
import { wipeLocalData } from './auth/wipe';
import { bridge } from './bridge/index';
import { leaveIfConfirmed, UnsavedChanges, UnsavedChangesProvider } from './components/form/index';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SyncIndicator } from './components/SyncIndicator';
import { ClientsScreen } from './features/clients/ClientsScreen';
import { DeviceScreen } from './features/device/DeviceScreen';
import { ParkedNotice } from './features/parked/ParkedChangesPanel';
import { mayRecordConsents } from './features/consents/consent-data';
import { MarketingScreen, seesMarketing } from './features/marketing/MarketingScreen';
import { MedicalKeyRotation } from './features/medical/MedicalKeyRotation';
import { seesNotices } from './features/notices/notice-access';
import { NoticesScreen } from './features/notices/NoticesScreen';
import { RenewalsScreen } from './features/renewals/RenewalsScreen';
import { RefusedScreen, WipedScreen } from './features/enrolment/EndScreens';
import { EnrolmentScreen, type EnrolValues, type SetupValues } from './features/enrolment/EnrolmentScreen';
import { PendingScreen } from './features/enrolment/PendingScreen';
import { RecoverySheet } from './features/enrolment/RecoverySheet';
import { newRecoveryKeyPair, wipeRecoveryKey, type RecoveryKeyPair } from './auth/recovery-key';
import { seesStaff, StaffScreen } from './features/staff/StaffScreen';
import { RequestsScreen } from './features/requests/RequestsScreen';
import { seesRequests } from './features/requests/requests-data';
import { PartnersScreen } from './features/partners/PartnersScreen';
import { SharesScreen } from './features/shares/SharesScreen';
import { SharingNav, type SharingSection } from './features/shares/SharingNav';
import { homeSection, NavigationProvider } from './features/today/navigation';
import { AuditScreen, seesAudit } from './features/audit/AuditScreen';
import { PrivacyNav, PrivacySections, type PrivacySection } from './features/erasure/privacy-sections';
import { logUnlock, noteFailedUnlock } from './core/audit/unlocks';
import { TodayScreen } from './features/today/TodayScreen';
import { NavCount, WaitingCounter } from './features/today/waiting-counts';
import { DeviceVault, type Keyring } from './security/device-vault';
import { IdleTimer, loadAutoLockMs, saveAutoLockMs } from './security/idle-timer';
import { LockScreen } from './security/LockScreen';
import { QuickUnlock } from './security/QuickUnlock';
import { QuickUnlock as QuickUnlockService } from './security/quick-unlock';
import { SessionGate } from './security/session-gate';
import { SessionProvider, startSession, type Session } from './session/index';
import { resetAccount, useAccount } from './state/account';

type Device = OpenDevice<Session>;

type Phase =
  | { kind: 'loading' }
  | { kind: 'enrol' }
  | { kind: 'pending'; record: DeviceRecord }
  | { kind: 'refused'; status: 'denied' | 'expired' }
  | { kind: 'locked'; idle?: boolean }
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

type MainSection =
  'today' | 'clients' | 'requests' | 'staff' | 'notices' | 'renewals' | 'marketing' | 'audit' | 'device';
type Section = MainSection | PrivacySection | SharingSection;

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

  const lock = useCallback(async (idle = false) => {
    setPhase((phase) =>
      phase.kind === 'open'
        ? { kind: 'locked', idle }
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
  return (
    <UnsavedChangesProvider value={unsaved}>
      <div className="app">
        <header className="app-header">
          <h1>{t('app.title')}</h1>
          <div className="header-actions">
            {device && <SyncIndicator />}
            {device && (
              <ParkedNotice onOpen={() => section !== 'device' && leaveGuard(() => setSection('device'))} />
            )}
            {device && who && (
              <span className="account" data-testid="account">
                {t('nav.signedInAs', { name: who.displayName, role: t(`roles.${who.role}`) })}
                {!online && <span className="muted"> · {t('nav.offlineSession')}</span>}
              </span>
            )}
            <LanguageSwitch />
            {device && (
              <button type="button" className="secondary" onClick={() => void lock()}>
                {t('app.lock')}
              </button>
            )}
          </div>
        </header>
        {device && who && (
          <nav className="sections" aria-label={t('nav.label')}>
            <button
              type="button"
              aria-current={section === 'today' ? 'page' : undefined}
              onClick={() => section !== 'today' && leaveGuard(() => setSection('today'))}
            >
              {t('nav.today')}
              <NavCount section="today" />
            </button>
            <button
              type="button"
              aria-current={section === 'clients' ? 'page' : undefined}
              onClick={() => section !== 'clients' && leaveGuard(() => setSection('clients'))}
            >
              {t('nav.clients')}
            </button>
            {seesRequests(who.role) && (
              <button
                type="button"
                aria-current={section === 'requests' ? 'page' : undefined}
                onClick={() => section !== 'requests' && leaveGuard(() => setSection('requests'))}
              >
                {t('nav.requests')}
                <NavCount section="requests" />
              </button>
            )}
            <SharingNav current={section} go={(to) => leaveGuard(() => setSection(to))} />
            {seesStaff(who) && (
              <button
                type="button"
                aria-current={section === 'staff' ? 'page' : undefined}
                onClick={() => section !== 'staff' && leaveGuard(() => setSection('staff'))}
              >
                {t('nav.staff')}
                <NavCount section="staff" />
              </button>
            )}
            {seesNotices(who) && (
              <button
                type="button"
                aria-current={section === 'notices' ? 'page' : undefined}
                onClick={() => section !== 'notices' && leaveGuard(() => setSection('notices'))}
              >
                {t('nav.notices')}
                <NavCount section="notices" />
              </button>
            )}
            {mayRecordConsents(who.role) && (
              <button
                type="button"
                aria-current={section === 'renewals' ? 'page' : undefined}
                onClick={() => section !== 'renewals' && leaveGuard(() => setSection('renewals'))}
              >
                {t('nav.renewals')}
                <NavCount section="renewals" />
              </button>
            )}
            {seesMarketing(who.role) && (
              <button
                type="button"
                aria-current={section === 'marketing' ? 'page' : undefined}
                onClick={() => section !== 'marketing' && leaveGuard(() => setSection('marketing'))}
              >
                {t('nav.marketing')}
              </button>
            )}
            {seesAudit(who) && (
              <button
                type="button"
                aria-current={section === 'audit' ? 'page' : undefined}
                onClick={() => section !== 'audit' && leaveGuard(() => setSection('audit'))}
              >
                {t('nav.audit')}
                <NavCount section="audit" />
              </button>
            )}
            <PrivacyNav role={who.role} current={section} go={(s) => leaveGuard(() => setSection(s))} />
            <button
              type="button"
              aria-current={section === 'device' ? 'page' : undefined}
              onClick={() => section !== 'device' && leaveGuard(() => setSection('device'))}
            >
              {t('nav.device')}
            </button>
          </nav>
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
                phase.idle ? t('lock.autoLocked', { count: Math.round(autoLockMs / 60_000) }) : undefined
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
                {who && section === 'today' && <TodayScreen />}
                {who && section === 'clients' && <ClientsScreen />}
                {who && section === 'requests' && seesRequests(who.role) && <RequestsScreen />}
                {who && section === 'partners' && <PartnersScreen />}
                {who && section === 'shares' && <SharesScreen />}
                {who && section === 'staff' && seesStaff(who) && <StaffScreen />}
                {who && section === 'notices' && seesNotices(who) && <NoticesScreen />}
                {who && section === 'renewals' && mayRecordConsents(who.role) && <RenewalsScreen />}
                {who && section === 'marketing' && seesMarketing(who.role) && <MarketingScreen />}
                {who && section === 'audit' && <AuditScreen />}
                {who && <PrivacySections role={who.role} current={section} />}
                {who && section === 'device' && (
                  <DeviceScreen
                    autoLockMs={autoLockMs}
                    onAutoLockMs={(ms) => setAutoLockMs(saveAutoLockMs(ms))}
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
