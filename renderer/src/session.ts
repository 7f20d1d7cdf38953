import { bridge } from './bridge/index';
import { useSyncStatus } from './state/sync-status';
import { openLocalStore, type LocalStore } from './store/local-store';
import { openLiveStream } from './sync/live-stream';
import { replicateCollection } from './sync/replication';

export interface Session {
  store: LocalStore;
  serverUrl: string;
  close(): Promise<void>;
}

/** Opens the local store and keeps it in sync with the server for as long as the session lives. */
export async function startSession(): Promise<Session> {
  const serverUrl = await bridge.getServerUrl();
  const store = await openLocalStore();
  const live = openLiveStream(serverUrl);
  const clients = replicateCollection('clients', store.clients, serverUrl, live);

  const setStatus = useSyncStatus.setState;
  const subscriptions = [
    live.connected$.subscribe((up) => setStatus({ connection: up ? 'online' : 'offline' })),
    clients.active$.subscribe((syncing) => {
      setStatus(syncing ? { syncing } : { syncing, lastSyncedAt: Date.now() });
    }),
    clients.error$.subscribe((error) => {
      // The message names the failing request, never a document's content.
      setStatus({ lastError: error.message });
    }),
    clients.received$.subscribe(() => setStatus({ lastError: undefined })),
    clients.sent$.subscribe(() => setStatus({ lastError: undefined })),
  ];

  return {
    store,
    serverUrl,
    async close() {
      for (const subscription of subscriptions) subscription.unsubscribe();
      await clients.cancel();
      live.close();
      await store.close();
    },
  };
}
