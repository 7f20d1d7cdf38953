import { describe, expect, it, vi } from 'vitest';
import { AUTO_LOCK_DEFAULT_MS, AUTO_LOCK_MAX_MS, AUTO_LOCK_MIN_MS } from '../../../shared/auth/policy';
import { FakeClock } from '../../../tests/support/fake-clock';
import { clampAutoLockMs, IdleTimer, loadAutoLockMs, saveAutoLockMs } from './idle-timer';

const MINUTE = 60_000;

describe('IdleTimer', () => {
  it('fires once after the timeout without activity, not before', () => {
    const clock = new FakeClock();
    const onIdle = vi.fn();
    const timer = new IdleTimer(5 * MINUTE, onIdle, clock);
    timer.start();
    clock.advance(5 * MINUTE - 1);
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    clock.advance(60 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('activity pushes the deadline back to timeout after the last input', () => {
    const clock = new FakeClock();
    const onIdle = vi.fn();
    const timer = new IdleTimer(5 * MINUTE, onIdle, clock);
    timer.start();
    clock.advance(4 * MINUTE);
    timer.activity();
    clock.advance(4 * MINUTE);
    timer.activity();
    clock.advance(4 * MINUTE + 59_999);
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('keeps a single timer however much activity arrives', () => {
    const clock = new FakeClock();
    const timer = new IdleTimer(5 * MINUTE, () => undefined, clock);
    timer.start();
    for (let i = 0; i < 1000; i++) {
      clock.advance(100);
      timer.activity();
    }
    expect(clock.pendingTimers()).toBe(1);
  });

  it('locks at once when a late timer finds the idle time long past (the laptop slept)', () => {
    const clock = new FakeClock();
    const onIdle = vi.fn();
    const timer = new IdleTimer(5 * MINUTE, onIdle, clock);
    timer.start();
    clock.jump(3 * 3_600_000);
    clock.advance(0);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stop() cancels: no lock after it, and activity does not restart it', () => {
    const clock = new FakeClock();
    const onIdle = vi.fn();
    const timer = new IdleTimer(MINUTE, onIdle, clock);
    timer.start();
    timer.stop();
    timer.activity();
    clock.advance(10 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('auto-lock setting', () => {
  it('is clamped to the policy bounds, and anything unreadable gives the default', () => {
    expect(clampAutoLockMs(0)).toBe(AUTO_LOCK_MIN_MS);
    expect(clampAutoLockMs(24 * 60 * MINUTE)).toBe(AUTO_LOCK_MAX_MS);
    expect(clampAutoLockMs('600000')).toBe(10 * MINUTE);
    expect(clampAutoLockMs('soon')).toBe(AUTO_LOCK_DEFAULT_MS);
    expect(clampAutoLockMs(undefined)).toBe(AUTO_LOCK_DEFAULT_MS);
  });

  it('defaults to 5 minutes and remembers a choice', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    };
    expect(loadAutoLockMs(storage)).toBe(5 * MINUTE);
    expect(saveAutoLockMs(15 * MINUTE, storage)).toBe(15 * MINUTE);
    expect(loadAutoLockMs(storage)).toBe(15 * MINUTE);
  });
});
