import type { Sodium } from '../../shared/crypto/index';
import { bridge } from './bridge/index';
import type { Keyring } from './security/device-vault';
import { nextPullProgress, resetSyncStatus, useSyncStatus } from './state/sync-status';
import { clientsConflictHandler, openLocalStore, type LocalStore } from './store/local-store';
import { openLiveStream } from './sync/live-stream';
import { pendingChanges$ } from './sync/pending-changes';
import { replicateCollection } from './sync/replication';
import { authHeaders, type SyncAuth } from './sync/sync-auth';
import { describeSyncError } from './sync/sync-errors';

export interface Session {
  store: LocalStore;
  serverUrl: string;
  close(): Promise<void>;
}

/**
 * An unlocked session: opens the encrypted local store and keeps it in sync with the server until close(),
 * which stops sync, closes the store (dropping RxDB's decrypted document cache) and wipes the vault key.
 * Sync requests and the event stream carry `auth`'s session token.
 */
export async function startSession(sodium: Sodium, keyring: Keyring, auth?: SyncAuth): Promise<Session> {
  const serverUrl = await bridge.getServerUrl();
  const store = await openLocalStore(sodium, keyring);
  const live = openLiveStream(serverUrl, auth);
  const setStatus = useSyncStatus.setState;
  const clients = replicateCollection({
    name: 'clients',
    collection: store.clients,
    serverUrl,
    events$: live.events$,
    headers: auth && (() => authHeaders(auth)),
    onUnauthorized: auth && ((reason) => auth.onAuthFailure(reason)),
    onPullProgress: (received, remaining) =>
      setStatus((status) => ({ pullProgress: nextPullProgress(status.pullProgress, received, remaining) })),
  });
  const replication = clients.state;
  // The operating system saying the network is back is as good a reason as the live stream to retry now;
  // saying it is gone is believed at once (an open event stream may take a while to notice).
  const retryNow = () => clients.retryGate.reset();
  const wentOffline = () => setStatus({ connection: 'offline' });
  window.addEventListener('online', retryNow);
  window.addEventListener('offline', wentOffline);

  const subscriptions = [
    live.connected$.subscribe((up) =>
      setStatus({ connection: up && navigator.onLine ? 'online' : 'offline' }),
    ),
    replication.active$.subscribe((syncing) => {
      setStatus(syncing ? { syncing } : { syncing, lastSyncedAt: Date.now() });
    }),
    replication.error$.subscribe((error) => setStatus({ lastError: describeSyncError(error) })),
    replication.received$.subscribe(() => setStatus({ lastError: undefined })),
    replication.sent$.subscribe(() => setStatus({ lastError: undefined })),
    pendingChanges$(replication, clientsConflictHandler).subscribe((pending) => setStatus({ pending })),
  ];

  return {
    store,
    serverUrl,
    async close() {
      try {
        for (const subscription of subscriptions) subscription.unsubscribe();
        window.removeEventListener('online', retryNow);
        window.removeEventListener('offline', wentOffline);
        live.close();
        await clients.cancel();
        await store.close();
      } finally {
        // Whatever failed above, the key does not outlive the session.
        keyring.lock();
        resetSyncStatus();
      }
    },
  };
}
