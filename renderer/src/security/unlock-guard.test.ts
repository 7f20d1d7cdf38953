import { describe, expect, it } from 'vitest';
import { UnlockGuard, UNLOCK_FAILURES_STORAGE_KEY } from './unlock-guard';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    items,
  };
}

function guardAt(start = 1_700_000_000_000) {
  const clock = { time: start };
  const storage = memoryStorage();
  return { guard: new UnlockGuard(storage, () => clock.time), clock, storage };
}

describe('UnlockGuard', () => {
  it('lets five failures pass without waiting, then waits 30 s, 60 s, 120 s, 240 s', () => {
    const { guard, clock } = guardAt();
    const waits: number[] = [];
    for (let failure = 1; failure <= 9; failure++) {
      const outcome = guard.recordFailure();
      expect(outcome.wipe).toBe(false);
      if (!outcome.wipe) waits.push(outcome.allowance.waitMs);
      clock.time += outcome.wipe ? 0 : outcome.allowance.waitMs;
    }
    expect(waits).toEqual([0, 0, 0, 0, 30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it('counts the attempts left before the wipe, and orders the wipe at the tenth failure', () => {
    const { guard } = guardAt();
    expect(guard.allowance().attemptsLeft).toBe(10);
    for (let failure = 1; failure < 10; failure++) {
      const outcome = guard.recordFailure();
      expect(outcome).toMatchObject({ wipe: false, allowance: { attemptsLeft: 10 - failure } });
    }
    expect(guard.recordFailure()).toEqual({ wipe: true });
  });

  it('the wait runs down with time and blocks until it is over', () => {
    const { guard, clock } = guardAt();
    for (let i = 0; i < 5; i++) guard.recordFailure();
    expect(guard.allowance().waitMs).toBe(30_000);
    clock.time += 29_000;
    expect(guard.allowance().waitMs).toBe(1_000);
    clock.time += 1_000;
    expect(guard.allowance().waitMs).toBe(0);
  });

  it('a success forgets the failures', () => {
    const { guard, storage } = guardAt();
    for (let i = 0; i < 6; i++) guard.recordFailure();
    guard.recordSuccess();
    expect(storage.items.has(UNLOCK_FAILURES_STORAGE_KEY)).toBe(false);
    expect(guard.allowance()).toEqual({ waitMs: 0, attemptsLeft: 10, failures: 0 });
  });

  it('survives a restart: the count is kept in storage', () => {
    const { guard, clock, storage } = guardAt();
    for (let i = 0; i < 7; i++) guard.recordFailure();
    const restarted = new UnlockGuard(storage, () => clock.time);
    expect(restarted.allowance()).toMatchObject({ failures: 7, attemptsLeft: 3, waitMs: 120_000 });
  });

  it('setting the clock back does not shorten the wait', () => {
    const { guard, clock } = guardAt();
    for (let i = 0; i < 6; i++) guard.recordFailure();
    clock.time -= 3_600_000;
    expect(guard.allowance().waitMs).toBe(60_000);
  });
});
