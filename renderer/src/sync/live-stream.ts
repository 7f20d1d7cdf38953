import { Subject } from 'rxjs';
import { syncPaths, type StreamEvent } from '../../../shared/index';

export interface LiveStream {
  /** Every change the server announces, plus a `reconnected` marker after each (re)connection. */
  readonly events$: Subject<StreamEvent | 'reconnected'>;
  readonly connected$: Subject<boolean>;
  close(): void;
}

/** The server's Server-Sent Events stream. EventSource reconnects by itself after a network loss. */
export function openLiveStream(serverUrl: string): LiveStream {
  const events$ = new Subject<StreamEvent | 'reconnected'>();
  const connected$ = new Subject<boolean>();
  const source = new EventSource(new URL(syncPaths.stream, serverUrl));
  source.onopen = () => {
    connected$.next(true);
    // Changes made while disconnected were not announced: pull everything since the checkpoint.
    events$.next('reconnected');
  };
  source.onerror = () => connected$.next(false);
  source.addEventListener('change', (message) => {
    try {
      events$.next(JSON.parse((message as MessageEvent<string>).data) as StreamEvent);
    } catch {
      events$.next('reconnected');
    }
  });
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
