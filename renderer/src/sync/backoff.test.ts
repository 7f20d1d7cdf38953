import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../../../shared/index';
import { RetryGate, SYNC_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s up to the 60 s cap, each wait between half and all of its step', () => {
    const low = (n: number) => backoffDelay(n, SYNC_BACKOFF, () => 0);
    const high = (n: number) => backoffDelay(n, SYNC_BACKOFF, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(high)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect([1, 2, 3, 7, 50].map(low)).toEqual([500, 1_000, 2_000, 30_000, 30_000]);
    expect(backoffDelay(3, SYNC_BACKOFF, () => 0.5)).toBe(3_000);
  });

  it('does not wait before the first attempt', () => {
    expect(backoffDelay(0, SYNC_BACKOFF)).toBe(0);
  });

  it('stays finite for very long outages', () => {
    expect(backoffDelay(10_000, SYNC_BACKOFF, () => 1)).toBe(60_000);
  });
});

describe('RetryGate', () => {
  it('backs off after failures, resets after a success', () => {
    const gate = new RetryGate(
      { baseMs: 100, maxMs: 1_000 },
      () => 1,
      () => 0,
    );
    expect(gate.failed()).toBe(100);
    expect(gate.failed()).toBe(200);
    expect(gate.consecutiveFailures).toBe(2);
    gate.succeeded();
    expect(gate.consecutiveFailures).toBe(0);
    expect(gate.failed()).toBe(100);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a waiting retry through at once when reset (the live stream reconnected)', async () => {
    vi.useFakeTimers();
    const gate = new RetryGate({ baseMs: 3_600_000, maxMs: 3_600_000 });
    gate.failed();
    let released = 0;
    const waiting = [gate.ready(), gate.ready()].map((p) => p.then(() => (released += 1)));
    await vi.advanceTimersByTimeAsync(10);
    expect(released).toBe(0);
    gate.reset();
    await Promise.all(waiting);
    expect(released).toBe(2);
  });

  it('does not hold a request back when nothing failed', async () => {
    const gate = new RetryGate();
    await expect(gate.ready()).resolves.toBeUndefined();
  });
});
