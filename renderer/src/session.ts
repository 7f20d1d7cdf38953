import type { Sodium } from '../../shared/crypto/index';
import { bridge } from './bridge/index';
import type { Keyring } from './security/device-vault';
import { resetSyncStatus, useSyncStatus } from './state/sync-status';
import { openLocalStore, type LocalStore } from './store/local-store';
import { openLiveStream } from './sync/live-stream';
import { replicateCollection } from './sync/replication';
import type { SyncAuth } from './sync/sync-auth';
import { describeSyncError } from './sync/sync-errors';

export interface Session {
  store: LocalStore;
  serverUrl: string;
  close(): Promise<void>;
}

/**
 * An unlocked session: opens the encrypted local store and keeps it in sync with the server until close(),
 * which stops sync, closes the store (dropping RxDB's decrypted document cache) and wipes the vault key.
 * Sync requests carry `auth`'s session token.
 */
export async function startSession(sodium: Sodium, keyring: Keyring, auth?: SyncAuth): Promise<Session> {
  const serverUrl = await bridge.getServerUrl();
  const store = await openLocalStore(sodium, keyring);
  const live = openLiveStream(serverUrl, auth);
  const clients = replicateCollection('clients', store.clients, serverUrl, live, auth);

  const setStatus = useSyncStatus.setState;
  const subscriptions = [
    live.connected$.subscribe((up) => setStatus({ connection: up ? 'online' : 'offline' })),
    clients.active$.subscribe((syncing) => {
      setStatus(syncing ? { syncing } : { syncing, lastSyncedAt: Date.now() });
    }),
    clients.error$.subscribe((error) => setStatus({ lastError: describeSyncError(error) })),
    clients.received$.subscribe(() => setStatus({ lastError: undefined })),
    clients.sent$.subscribe(() => setStatus({ lastError: undefined })),
  ];

  return {
    store,
    serverUrl,
    async close() {
      try {
        for (const subscription of subscriptions) subscription.unsubscribe();
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
