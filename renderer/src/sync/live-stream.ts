import { Subject } from 'rxjs';
import { STREAM_EVENTS, syncPaths, type StreamEvent } from '../../../shared/index';

/** A change the server announced, or `reconnected` when the device must pull everything since its checkpoint. */
export type LiveEvent = StreamEvent | 'reconnected';

export interface LiveStream {
  /** Every change the server announces, plus a `reconnected` marker after each (re)connection. */
  readonly events$: Subject<LiveEvent>;
  readonly connected$: Subject<boolean>;
  close(): void;
}

/** The server's Server-Sent Events stream. EventSource reconnects by itself after a network loss. */
export function openLiveStream(serverUrl: string): LiveStream {
  const events$ = new Subject<LiveEvent>();
  const connected$ = new Subject<boolean>();
  const source = new EventSource(new URL(syncPaths.stream, serverUrl));
  source.onopen = () => {
    connected$.next(true);
    // Changes made while disconnected were not announced: pull everything since the checkpoint.
    events$.next('reconnected');
  };
  source.onerror = () => connected$.next(false);
  source.addEventListener(STREAM_EVENTS.change, (message) => {
    try {
      events$.next(JSON.parse((message as MessageEvent<string>).data) as StreamEvent);
    } catch {
      events$.next('reconnected');
    }
  });
  // The server lost and re-established its own change feed: announcements may have been missed.
  source.addEventListener(STREAM_EVENTS.resync, () => events$.next('reconnected'));
  return {
    events$,
    connected$,
    close() {
      source.close();
      events$.complete();
      connected$.complete();
    },
  };
}
