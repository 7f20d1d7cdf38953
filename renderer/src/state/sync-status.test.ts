import { describe, expect, it } from 'vitest';
import {
  nextPullProgress,
  shownSyncError,
  summedProgress,
  syncCauseKey,
  withoutUnreachable,
} from './sync-status';

describe('nextPullProgress', () => {
  it('starts when the server says more is left, counts batches, and ends at zero', () => {
    const first = nextPullProgress(undefined, 100, 250);
    expect(first).toEqual({ done: 100, total: 350 });
    const second = nextPullProgress(first, 100, 150);
    expect(second).toEqual({ done: 200, total: 350 });
    expect(nextPullProgress(second, 150, 0)).toBeUndefined();
  });

  it('grows the total when changes arrive during the catch-up', () => {
    expect(nextPullProgress({ done: 100, total: 200 }, 100, 40)).toEqual({ done: 200, total: 240 });
  });

  it('shows nothing for a server that does not report what is left', () => {
    expect(nextPullProgress(undefined, 100, undefined)).toBeUndefined();
  });
});

describe('summedProgress', () => {
  it('adds up the collections still catching up, and is undefined when none is', () => {
    expect(summedProgress([undefined, undefined])).toBeUndefined();
    expect(summedProgress([{ done: 100, total: 300 }, undefined, { done: 50, total: 60 }])).toEqual({
      done: 150,
      total: 360,
    });
  });
});

describe('shownSyncError', () => {
  const unreachable = { direction: 'push', cause: 'unreachable' } as const;
  const refused = { direction: 'push', cause: 'http', status: 403 } as const;
  const unknown = { direction: 'pull', cause: 'unknown' } as const;

  it('does not call an unreachable server an error while the device is offline', () => {
    expect(shownSyncError({ connection: 'offline', lastError: unreachable })).toBeUndefined();
  });

  it('still shows a refusal or an unknown failure while offline', () => {
    expect(shownSyncError({ connection: 'offline', lastError: refused })).toEqual(refused);
    expect(shownSyncError({ connection: 'offline', lastError: unknown })).toEqual(unknown);
  });

  it('shows an unreachable server while the device believes it is online or connecting', () => {
    expect(shownSyncError({ connection: 'online', lastError: unreachable })).toEqual(unreachable);
    expect(shownSyncError({ connection: 'connecting', lastError: unreachable })).toEqual(unreachable);
    expect(shownSyncError({ connection: 'online', lastError: undefined })).toBeUndefined();
  });
});

describe('withoutUnreachable', () => {
  it('clears only an unreachable-server error', () => {
    expect(withoutUnreachable({ lastError: { direction: 'sync', cause: 'unreachable' } })).toEqual({
      lastError: undefined,
    });
    expect(withoutUnreachable({ lastError: { direction: 'push', cause: 'http', status: 409 } })).toEqual({});
    expect(withoutUnreachable({ lastError: undefined })).toEqual({});
  });
});

describe('syncCauseKey', () => {
  it('tells a refusal from a failure on the server’s side, and keeps the other causes', () => {
    expect(syncCauseKey({ direction: 'push', cause: 'http', status: 403 })).toBe('http');
    expect(syncCauseKey({ direction: 'pull', cause: 'http', status: 500 })).toBe('serverFault');
    expect(syncCauseKey({ direction: 'pull', cause: 'http', status: 503 })).toBe('serverFault');
    expect(syncCauseKey({ direction: 'sync', cause: 'unreachable' })).toBe('unreachable');
    expect(syncCauseKey({ direction: 'sync', cause: 'unknown' })).toBe('unknown');
  });
});
