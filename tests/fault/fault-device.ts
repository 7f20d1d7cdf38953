import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { newDataKey, signAuthChallenge, type Sodium } from '../../shared/crypto/index';
import { fromBase64Url } from '../../shared/crypto/encoding';
import type { FaultStaff } from './server-handle';
import { authPaths, type Client, type PushRow, type SessionResponse } from '../../shared/index';
import { RetryGate } from '../../renderer/src/sync/backoff';
import type { LiveEvent } from '../../renderer/src/sync/live-stream';
import {
  replicateCollection,
  type CollectionReplication,
  type Fetch,
} from '../../renderer/src/sync/replication';
import { openLocalStore, type LocalStore } from '../../renderer/src/store/local-store';

/**
 * A device's session, renewed as the app renews it when the server says it lapsed (sessions last 15 minutes; a
 * full run lasts longer): a challenge signed with the device's key.
 */
export class Session {
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly sodium: Sodium,
    private readonly serverUrl: string,
    private readonly staff: FaultStaff,
  ) {}

  headers(): { authorization: string } {
    return { authorization: `Bearer ${this.staff.token}` };
  }

  /** Logs in again (once at a time); a failure (the server down) leaves the old token for the next try. */
  renew(): Promise<void> {
    this.renewing ??= this.logIn()
      .catch(() => undefined)
      .finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /** Logs in again now, and fails if it cannot. */
  logIn(): Promise<void> {
    return this.signIn();
  }

  private async signIn(): Promise<void> {
    const post = async <R>(path: string, body: unknown): Promise<R> => {
      const res = await fetch(new URL(path, this.serverUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return (await res.json()) as R;
    };
    const { deviceId } = this.staff;
    const { challengeId, challenge } = await post<{ challengeId: string; challenge: string }>(
      authPaths.challenge,
      { deviceId },
    );
    const key = fromBase64Url(this.staff.signSecretKey, 'signing key');
    const signature = signAuthChallenge(this.sodium, key, challenge, deviceId);
    const session = await post<SessionResponse>(authPaths.session, { challengeId, deviceId, signature });
    this.staff.token = session.token;
  }
}

export interface PushObserver {
  /** A push was sent (the suite kills the server while one is in flight). */
  sent(): void;
  /** The server answered a push 200: every row not among the conflicts was acknowledged. */
  acknowledged(rows: PushRow<Client>[], conflicts: Client[]): void;
}

/**
 * One device of the fault suite: the app's real local store (over RxDB's memory storage) and the app's real
 * replication of clients, with a network that can be cut, and every push answer observed.
 */
export class FaultDevice {
  online = true;
  readonly events$ = new Subject<LiveEvent>();
  pushesInFlight = 0;
  private handle: CollectionReplication<Client> | undefined;

  private constructor(
    readonly index: number,
    readonly store: LocalStore,
    private readonly serverUrl: string,
    private readonly session: Session,
    private readonly observer: PushObserver,
  ) {}

  static async open(
    index: number,
    sodium: Sodium,
    serverUrl: string,
    session: Session,
    observer: PushObserver,
  ): Promise<FaultDevice> {
    const key = newDataKey(sodium);
    const store = await openLocalStore(
      sodium,
      { vaultKey: () => key },
      `fault-${index}-${Date.now()}-${Math.random().toString(16).slice(2)}`,
      getRxStorageMemory(),
      ['clients'],
    );
    const device = new FaultDevice(index, store, serverUrl, session, observer);
    device.start();
    return device;
  }

  /** Each request waits up to this long before it reaches the server: a real network's latency. */
  latencyMs = 0;

  private readonly network: Fetch = async (url, init) => {
    if (!this.online) throw new TypeError('fetch failed: the device is offline');
    if (this.latencyMs > 0)
      await new Promise((resolve) => setTimeout(resolve, Math.random() * this.latencyMs));
    if (!url.pathname.endsWith('/push')) return fetch(url, init);
    this.pushesInFlight += 1;
    this.observer.sent();
    try {
      const res = await fetch(url, init);
      if (res.ok) {
        const conflicts = (await res.clone().json()) as Client[];
        this.observer.acknowledged(JSON.parse(String(init.body)) as PushRow<Client>[], conflicts);
      }
      return res;
    } finally {
      this.pushesInFlight -= 1;
    }
  };

  start(): void {
    this.handle = replicateCollection({
      name: 'clients',
      collection: this.store.clients,
      serverUrl: this.serverUrl,
      events$: this.events$,
      fetch: this.network,
      headers: () => this.session.headers(),
      onUnauthorized: () => void this.session.renew(),
      retryGate: new RetryGate({ baseMs: 20, maxMs: 300 }),
      waitForLeadership: false,
      pullBatchSize: 100,
    });
  }

  /** The app closed and opened again: the replication stops and starts over the same store. */
  async restart(): Promise<void> {
    await this.handle?.cancel();
    this.start();
  }

  get replication(): CollectionReplication<Client> {
    return this.handle!;
  }

  goOffline(): void {
    this.online = false;
  }

  goOnline(): void {
    this.online = true;
    this.events$.next('reconnected');
  }

  /** Pushes and pulls until RxDB says it is in sync, or `timeoutMs` passed (false then). */
  async sync(timeoutMs = 20_000): Promise<boolean> {
    this.handle!.state.reSync();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = this.handle!.state.awaitInSync().then(() => true);
    const result = await Promise.race([done, timeout]);
    clearTimeout(timer);
    return result;
  }

  async documents(): Promise<Client[]> {
    const docs = await this.store.clients.find().exec();
    return docs.map((doc) => doc.toJSON() as Client).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async close(): Promise<void> {
    await this.handle?.cancel();
    await this.store.remove();
  }
}
