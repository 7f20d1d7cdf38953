import { Subject } from 'rxjs';
import { STREAM_EVENTS, syncPaths, type StreamEvent } from '../../../shared/index';
import type { SyncAuth } from './sync-auth';

/** A change the server announced, or `reconnected` when the device must pull everything since its checkpoint. */
export type LiveEvent = StreamEvent | 'reconnected';

export interface LiveStream {
  /** Every change the server announces, plus a `reconnected` marker after each (re)connection. */
  readonly events$: Subject<LiveEvent>;
  readonly connected$: Subject<boolean>;
  /** The server said the staff directory changed (someone invited, approved, re-roled or revoked). */
  readonly directory$: Subject<void>;
  /**
   * Opens the stream again now (the operating system says the network is back): EventSource's own reconnection
   * backs off after network errors, and the header would go on saying "Offline" while sync already works.
   */
  reconnect(): void;
  close(): void;
}

/** How long to wait before opening the stream again after the server refused it or no token could be had. */
const REOPEN_AFTER_MS = 3_000;

/**
 * The server's Server-Sent Events stream. EventSource reconnects by itself after a network loss. It cannot send
 * headers, so the session token goes in the query (`access_token`); when the server refuses the stream (an
 * expired or revoked token), EventSource gives up for good, and the stream is opened again with a fresh token,
 * whose challenge is also how a revoked device learns it was revoked.
 */
export function openLiveStream(serverUrl: string, auth?: SyncAuth): LiveStream {
  const events$ = new Subject<LiveEvent>();
  const connected$ = new Subject<boolean>();
  const directory$ = new Subject<void>();
  let source: EventSource | undefined;
  let reopen: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const retryLater = () => {
    if (!closed) reopen = setTimeout(() => void connect(), REOPEN_AFTER_MS);
  };

  async function connect() {
    const url = new URL(syncPaths.stream, serverUrl);
    if (auth) {
      try {
        url.searchParams.set('access_token', await auth.token());
      } catch {
        connected$.next(false);
        retryLater();
        return;
      }
    }
    if (closed) return;
    const current = new EventSource(url);
    source = current;
    current.onopen = () => {
      connected$.next(true);
      // Changes made while disconnected were not announced: pull everything since the checkpoint.
      events$.next('reconnected');
    };
    current.onerror = () => {
      connected$.next(false);
      if (current.readyState === EventSource.CLOSED && auth) {
        auth.invalidate();
        retryLater();
      }
    };
    current.addEventListener(STREAM_EVENTS.change, (message) => {
      try {
        events$.next(JSON.parse((message as MessageEvent<string>).data) as StreamEvent);
      } catch {
        events$.next('reconnected');
      }
    });
    // The server lost and re-established its own change feed: announcements may have been missed.
    current.addEventListener(STREAM_EVENTS.resync, () => events$.next('reconnected'));
    current.addEventListener(STREAM_EVENTS.directory, () => directory$.next());
  }

  void connect();
  return {
    events$,
    connected$,
    directory$,
    reconnect() {
      if (closed) return;
      clearTimeout(reopen);
      source?.close();
      source = undefined;
      void connect();
    },
    close() {
      closed = true;
      clearTimeout(reopen);
      source?.close();
      events$.complete();
      connected$.complete();
      directory$.complete();
    },
  };
}
