import { combineLatest, map, merge, type Observable, type Subscription } from 'rxjs';
import type { Sodium, StaffIdentity } from '../../../shared/crypto/index';
import {
  readScope,
  SYNCED_COLLECTION_NAMES,
  writeScope,
  type SyncedCollectionName,
} from '../../../shared/index';
import type { StaffClient } from '../auth/auth-client';
import type { DeviceKeyHolder } from '../auth/device-access';
import { CachedStaffDirectory, type StaffDirectory } from '../auth/staff-directory';
import { bridge } from '../bridge/index';
import type { Keyring } from '../security/device-vault';
import {
  nextPullProgress,
  resetSyncStatus,
  summedProgress,
  useSyncStatus,
  withoutUnreachable,
  type PullProgress,
} from '../state/sync-status';
import { conflictHandlers, openLocalStore, type LocalStore } from '../store/local-store';
import { chainResumer } from '../core/audit/resume';
import { auditPaths, type AuditOwnChain } from '../../../shared/domain/audit-api';
import { Quarantine } from '../store/quarantine';
import { openLiveStream } from '../sync/live-stream';
import { ParkedChanges, parkedChangeOf } from '../sync/parked-changes';
import { countPendingChanges, pendingChanges$ } from '../sync/pending-changes';
import { replicateCollection, type CollectionReplication } from '../sync/replication';
import { authHeaders, type SyncAuth } from '../sync/sync-auth';
import { describeSyncError } from '../sync/sync-errors';

export interface Session {
  store: LocalStore;
  serverUrl: string;
  /** Staff and their devices' public keys, and the recovery key: what key wraps are sealed to. */
  directory: StaffDirectory;
  /** This device's private keys with `staffId` = this device's id (a fresh copy each call); throws when locked. */
  deviceKeys(): StaffIdentity;
  deviceId: string;
  staffId: string;
  /** The changes the server refused for good, kept on this device (renderer/src/sync/parked-changes.ts). */
  parked: ParkedChanges;
  /** The server said staff or devices changed (someone invited, enrolled, approved, re-roled or revoked). */
  directoryChanges$: Observable<void>;
  /**
   * Removes the replication's bookkeeping of documents purged from the store (an erasure's, issue 17); a purged
   * document is no longer held back as unsendable either.
   */
  forgetReplicated(collection: SyncedCollectionName, ids: readonly string[]): Promise<number>;
  /** How many changes of a collection the server has not acknowledged yet, counted now (the purge's check). */
  unsentIn(collection: SyncedCollectionName): Promise<number>;
  close(): Promise<void>;
}

/** What the unlocked device gives the session: its keys and identity, and the authenticated endpoints. */
export interface SessionAccess {
  device: DeviceKeyHolder;
  staff: StaffClient;
}

/** How often the staff directory is fetched again while the session is open. */
const DIRECTORY_REFRESH_MS = 5 * 60_000;
/** The live stream may announce many changes in a row: the directory follows them at most this often. */
const DIRECTORY_STREAM_THROTTLE_MS = 30_000;

/**
 * An unlocked session: opens the encrypted local store and keeps every synced collection in sync with the server
 * until close(), which stops sync, closes the store (dropping RxDB's decrypted document cache) and wipes the
 * vault key. A collection the role may write but not read (audit events, for all but the admin) is replicated
 * push-only. Sync requests and the event stream carry `auth`'s session token.
 */
export async function startSession(
  sodium: Sodium,
  keyring: Keyring,
  auth: SyncAuth,
  access: SessionAccess,
): Promise<Session> {
  const serverUrl = await bridge.getServerUrl();
  const setStatus = useSyncStatus.setState;
  const quarantine = new Quarantine();
  const stopQuarantine = quarantine.subscribe((rows) => {
    const unsendable = rows.filter((row) => row.reason === 'invalid-id').length;
    setStatus({ quarantined: rows.length - unsendable, unsendable });
  });
  const parked = new ParkedChanges(sodium, keyring);
  const stopParked = parked.subscribe((changes) => setStatus({ parked: changes.length }));
  let store: LocalStore;
  try {
    // Refused with StoreInUseError while another window or tab has the store open (store/store-lock.ts).
    store = await openLocalStore(sodium, keyring, undefined, undefined, undefined, quarantine);
  } catch (error) {
    stopQuarantine();
    stopParked();
    throw error;
  }
  const live = openLiveStream(serverUrl, auth);
  // A refused access-log entry stops this device's chain: it resumes it (core/audit/resume.ts).
  const resumeAuditLog = chainResumer(
    {
      store,
      staffId: access.device.staffId,
      deviceId: access.device.deviceId,
      deviceKeys: () => access.device.deviceKeys(),
    },
    () => access.staff.send<AuditOwnChain>('GET', auditPaths.ownChain),
  );
  if (parked.list().some((change) => change.kept && change.collection === 'auditEvents')) resumeAuditLog();
  const { role } = access.device.identity;
  // Each collection's catch-up on its own; the indicator shows their sum.
  const progress = new Map<SyncedCollectionName, PullProgress | undefined>();
  const replications = SYNCED_COLLECTION_NAMES.map((name) =>
    replicateCollection<{ id: string }>({
      name,
      collection: store[name] as never,
      serverUrl,
      events$: live.events$,
      pushOnly: readScope(role, name) === 'none',
      readOnly: writeScope(role, name) === 'none',
      headers: () => authHeaders(auth),
      onUnauthorized: (reason) => auth.onAuthFailure(reason),
      onDropped: (id, reason) => quarantine.report({ collection: name, id, reason }),
      onParked: (refused) => {
        const now = Date.now();
        parked.park(refused.map((row) => parkedChangeOf(name, row, now)));
        if (name === 'auditEvents') resumeAuditLog();
        // The refusal is dealt with: it is not an error of the sync any more.
        setStatus({ lastError: undefined });
      },
      onPullProgress: (received, remaining) => {
        progress.set(name, nextPullProgress(progress.get(name), received, remaining));
        setStatus({ pullProgress: summedProgress(progress.values()) });
      },
    }),
  );
  const directory = new CachedStaffDirectory({
    sodium,
    vault: keyring,
    storage: localStorage,
    deviceId: access.device.deviceId,
    source: access.staff,
  });
  const refreshDirectory = () => void directory.refresh().catch(() => undefined);
  refreshDirectory();
  const directoryTimer = setInterval(refreshDirectory, DIRECTORY_REFRESH_MS);
  let lastStreamRefresh = 0;
  let roleSeen = role;

  // The operating system saying the network is back is as good a reason as the live stream to retry now;
  // saying it is gone is believed at once (an open event stream may take a while to notice).
  const retryNow = () => {
    for (const replication of replications) replication.retryGate.reset();
    live.reconnect();
    refreshDirectory();
  };
  const wentOffline = () => setStatus({ connection: 'offline' });
  window.addEventListener('online', retryNow);
  window.addEventListener('offline', wentOffline);

  const subscriptions: Subscription[] = [
    // Connected again: the server is reachable, so an "unreachable" error from the time offline is stale.
    live.connected$.subscribe((up) =>
      up && navigator.onLine
        ? setStatus((status) => ({ connection: 'online', ...withoutUnreachable(status) }))
        : setStatus({ connection: 'offline' }),
    ),
    // Staff and devices changed: at once, so that a person approved a minute ago can be assigned a client now.
    live.directory$.subscribe(refreshDirectory),
    // This person's role changed: a new token brings the server's word on it at once (the shell then asks for a
    // new session), rather than at the token's renewal minutes later.
    directory.entries$.subscribe((entries) => {
      const mine = entries.find((entry) => entry.staffId === access.device.staffId);
      if (!mine || mine.role === roleSeen) return;
      roleSeen = mine.role;
      auth.invalidate();
      void auth.token().catch(() => undefined);
    }),
    live.events$.subscribe((event) => {
      const now = Date.now();
      if (event === 'reconnected' || now - lastStreamRefresh >= DIRECTORY_STREAM_THROTTLE_MS) {
        lastStreamRefresh = now;
        refreshDirectory();
      }
    }),
    ...combinedSyncStatus(replications, setStatus),
  ];

  return {
    store,
    serverUrl,
    directory,
    deviceKeys: () => access.device.deviceKeys(),
    deviceId: access.device.deviceId,
    staffId: access.device.staffId,
    parked,
    directoryChanges$: live.directory$.asObservable(),
    forgetReplicated: async (collection, ids) => {
      quarantine.forget(collection, ids);
      return (await replications.find((r) => r.state.collection.name === collection)?.forget(ids)) ?? 0;
    },
    unsentIn: async (collection) => {
      const replication = replications.find((r) => r.state.collection.name === collection);
      return replication ? countPendingChanges(replication.state, conflictHandlers[collection] as never) : 0;
    },
    async close() {
      try {
        for (const subscription of subscriptions) subscription.unsubscribe();
        stopQuarantine();
        stopParked();
        clearInterval(directoryTimer);
        directory.close();
        window.removeEventListener('online', retryNow);
        window.removeEventListener('offline', wentOffline);
        live.close();
        try {
          await Promise.all(replications.map((replication) => replication.cancel()));
        } finally {
          // Closed whatever failed above: it gives back the store's lock (store/store-lock.ts), which a later
          // unlock in this window needs.
          await store.close();
        }
      } finally {
        // Whatever failed above, the key does not outlive the session.
        keyring.lock();
        resetSyncStatus();
      }
    },
  };
}

/**
 * The sync indicator's state from every replication at once: syncing while any is, pending the sum, the last error
 * from any (cleared by any success), and the pull progress summed (each replication reports its own).
 */
export function combinedSyncStatus(
  replications: CollectionReplication<{ id: string }>[],
  setStatus: typeof useSyncStatus.setState,
): Subscription[] {
  const names = replications.map((r) => r.state.collection.name as SyncedCollectionName);
  return [
    combineLatest(replications.map((r) => r.state.active$)).subscribe((active) => {
      const syncing = active.some(Boolean);
      setStatus(syncing ? { syncing } : { syncing, lastSyncedAt: Date.now() });
    }),
    merge(...replications.map((r) => r.state.error$)).subscribe((error) =>
      setStatus({ lastError: describeSyncError(error) }),
    ),
    merge(...replications.flatMap((r) => [r.state.received$, r.state.sent$])).subscribe(() =>
      setStatus({ lastError: undefined }),
    ),
    combineLatest(replications.map((r, i) => pendingChanges$(r.state, conflictHandlers[names[i]!] as never)))
      .pipe(map((counts) => counts.reduce((sum, n) => sum + n, 0)))
      .subscribe((pending) => setStatus({ pending })),
  ];
}
