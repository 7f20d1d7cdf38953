import { isSyncedCollectionName, type StreamEvent } from '../../shared/index';
import type { Database } from '../db/database';
import { DIRECTORY_CHANNEL } from '../staff/events';
import { CHANGES_CHANNEL } from './change-store';

/**
 * A committed change; `resync`: the feed was re-established and changes may have gone unannounced; `directory`:
 * staff or devices changed.
 */
export type FeedEvent = StreamEvent | 'resync' | 'directory';
type Subscriber = (event: FeedEvent) => void;

/**
 * Fans out committed changes to the devices streaming from this instance. The source is PostgreSQL's
 * NOTIFY, not this process's memory, so a change pushed through any instance reaches devices on all of them.
 */
export class ChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private stop: (() => Promise<void>) | undefined;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    const stopChanges = await this.db.listen(
      CHANGES_CHANNEL,
      (payload) => {
        const event = parseEvent(payload);
        if (event) this.publish(event);
      },
      () => this.publish('resync'),
    );
    // A lost directory announcement costs little: devices also fetch the directory on every reconnection.
    const stopDirectory = await this.db.listen(
      DIRECTORY_CHANNEL,
      () => this.publish('directory'),
      () => this.publish('directory'),
    );
    this.stop = async () => {
      await stopChanges();
      await stopDirectory();
    };
  }

  private publish(event: FeedEvent): void {
    for (const subscriber of this.subscribers) subscriber(event);
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await this.stop?.();
  }
}

function parseEvent(payload: string): StreamEvent | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<StreamEvent>;
    if (
      typeof parsed.collection === 'string' &&
      isSyncedCollectionName(parsed.collection) &&
      typeof parsed.seq === 'number'
    ) {
      return { collection: parsed.collection, seq: parsed.seq };
    }
  } catch {
    // A malformed notification is ignored: devices still catch up on their next pull.
  }
  return undefined;
}
