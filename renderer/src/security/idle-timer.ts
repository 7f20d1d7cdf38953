import { AUTO_LOCK_DEFAULT_MS, AUTO_LOCK_MAX_MS, AUTO_LOCK_MIN_MS } from '../../../shared/auth/policy';
import { systemClock, type Clock } from './clock';

/**
 * Calls onIdle once when no activity was reported for `timeoutMs`. Activity only records a time; the single
 * timer re-arms itself when it fires early, so a stream of mouse moves costs no timer churn. Timers may fire
 * late (a sleeping laptop): the check compares clock times, not timer counts.
 */
export class IdleTimer {
  private lastActivity = 0;
  private handle: unknown;
  private running = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
    private readonly clock: Clock = systemClock,
  ) {}

  start(): void {
    this.stop();
    this.running = true;
    this.lastActivity = this.clock.now();
    this.arm(this.timeoutMs);
  }

  activity(): void {
    if (this.running) this.lastActivity = this.clock.now();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(ms: number): void {
    this.handle = this.clock.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.handle = undefined;
    if (!this.running) return;
    const idleFor = this.clock.now() - this.lastActivity;
    if (idleFor >= this.timeoutMs) {
      this.running = false;
      this.onIdle();
    } else {
      this.arm(this.timeoutMs - idleFor);
    }
  }
}

const AUTO_LOCK_STORAGE_KEY = 'lumina.auto-lock-ms';
/** The choices the settings offer, in minutes, within the policy's bounds. */
export const AUTO_LOCK_CHOICES_MIN = [1, 2, 5, 10, 15, 30, 60] as const;

/** Clamps a stored or chosen auto-lock time to the policy's bounds; anything unreadable gives the default. */
export function clampAutoLockMs(value: unknown): number {
  const ms = typeof value === 'string' ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return AUTO_LOCK_DEFAULT_MS;
  return Math.min(AUTO_LOCK_MAX_MS, Math.max(AUTO_LOCK_MIN_MS, Math.round(ms)));
}

/** The person's chosen auto-lock time on this device (not personal data; kept in clear). */
export function loadAutoLockMs(storage: Pick<Storage, 'getItem'> = localStorage): number {
  return clampAutoLockMs(storage.getItem(AUTO_LOCK_STORAGE_KEY) ?? AUTO_LOCK_DEFAULT_MS);
}

export function saveAutoLockMs(ms: number, storage: Pick<Storage, 'setItem'> = localStorage): number {
  const clamped = clampAutoLockMs(ms);
  storage.setItem(AUTO_LOCK_STORAGE_KEY, String(clamped));
  return clamped;
}
