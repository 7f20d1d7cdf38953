/**
 * The sync wire protocol between a device and the central server. It follows RxDB's replication
 * protocol: checkpointed pulls, pushes that carry the state the device assumed the server had, and a
 * live stream that only tells devices *that* something changed so they pull.
 *
 *   GET  /sync/:collection/pull?after=<seq>&limit=<n>   -> PullResponse
 *   POST /sync/:collection/push   PushRow[]              -> PushResponse (the conflicting master states)
 *   GET  /sync/stream                                    -> text/event-stream of StreamEvent
 */
import type { SyncedCollectionName } from './collections';

/** The server's own order of changes; a device asks for everything after the last seq it has seen. */
export interface SyncCheckpoint {
  seq: number;
}

export type WireDocument<T> = T & { _deleted: boolean };

export interface PullResponse<T> {
  documents: WireDocument<T>[];
  checkpoint: SyncCheckpoint;
  /**
   * How many changes are left after this batch, counted up to PULL_REMAINING_MAX (a larger backlog reports
   * that number): devices show a progress bar during a long first sync. Absent from older servers, and
   * clients that do not know it ignore it.
   */
  remaining?: number;
}

export interface PushRow<T> {
  newDocumentState: WireDocument<T>;
  assumedMasterState?: WireDocument<T>;
}

/** The server's current state of every document whose push was refused as a conflict. */
export type PushResponse<T> = WireDocument<T>[];

/**
 * A push the server refuses for good (400, 403 or 409) changes nothing, and its answer names the first refused
 * document when the refusal is about one (`documentId`); `needs` says what the caller lacked (403). The device
 * parks that document's change and pushes the rest again (renderer/src/sync/refusals.ts).
 */
export interface PushRefusalAnswer {
  error: string;
  reason: string;
  needs?: string;
  documentId?: string;
}

export interface StreamEvent {
  collection: SyncedCollectionName;
  seq: number;
}

/**
 * Server-Sent Event names on the stream. `change` carries a StreamEvent; `resync` (no data) says the server
 * may have missed announcing changes (its database connection was re-established), so devices pull all;
 * `directory` (no data) says the staff directory changed (someone invited, approved, re-roled or revoked), so
 * devices fetch it again at once: a concierge approved a minute ago can be assigned a client a minute later.
 */
export const STREAM_EVENTS = { change: 'change', resync: 'resync', directory: 'directory' } as const;

export const PULL_LIMIT_DEFAULT = 100;
export const PULL_LIMIT_MAX = 1000;
export const PUSH_ROWS_MAX = 500;
export const PULL_REMAINING_MAX = 10_000;

export const syncPaths = {
  pull: (collection: SyncedCollectionName) => `/sync/${collection}/pull`,
  push: (collection: SyncedCollectionName) => `/sync/${collection}/push`,
  stream: '/sync/stream',
  health: '/health',
} as const;

/**
 * A temporary unavailability (the database restarting or unreachable): the server answers 503 with a Retry-After
 * header in seconds (RETRY_AFTER_SECONDS by default) and this reason. Devices treat it as a blip, not an error:
 * they wait at least that long and try again, without showing an error, unless it lasts over
 * UNAVAILABLE_QUIET_MS (renderer/src/sync/replication.ts).
 */
export const TEMPORARILY_UNAVAILABLE = {
  status: 503,
  reason: 'temporarily-unavailable',
  retryAfterSeconds: 2,
} as const;

/** How long a device keeps waiting quietly through answers of 503 before it reports the failure. */
export const UNAVAILABLE_QUIET_MS = 120_000;

/**
 * The wait a Retry-After header asks for, in milliseconds: delay-seconds or an HTTP date (RFC 9110 10.2.3);
 * undefined when absent or unreadable. Capped at an hour, so a wrong header cannot stall a device for days.
 */
export function retryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), 3_600_000);
}
