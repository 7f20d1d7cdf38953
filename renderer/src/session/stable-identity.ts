import type { SessionIdentity } from '../../../shared/index';

/** Whether two identities say the same thing: the same person, role, name and device. */
export function sameIdentity(a: SessionIdentity, b: SessionIdentity): boolean {
  return (
    a.staffId === b.staffId &&
    a.role === b.role &&
    a.displayName === b.displayName &&
    a.deviceId === b.deviceId
  );
}

/**
 * The identity to give the screens: `previous` itself while `next` says the same thing. Every token renewal (about
 * every 13 minutes) brings a new identity object; keeping the old one keeps everything memoised on it (the medical
 * context, the key-rotation job) from starting over when nothing changed.
 */
export function stableIdentity(
  previous: SessionIdentity | undefined,
  next: SessionIdentity,
): SessionIdentity {
  return previous !== undefined && sameIdentity(previous, next) ? previous : next;
}
