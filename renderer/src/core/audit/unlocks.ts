import { WrongPassphraseError } from '../../security/device-vault';
import { logAccess, type AuditLogSession } from './log-access';

/**
 * Unlocks and failed unlocks in the access log. A failed unlock happens while the store is locked, so it cannot be
 * written then: the device counts failures (a number, in local storage) and logs them at the next unlock, before
 * the unlock itself.
 */
const FAILED_KEY = 'lumina.failedUnlocks';

/** Counts an unlock that failed on a wrong passphrase; other failures (offline, revoked) are not attempts. */
export function noteFailedUnlock(
  error: unknown,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): void {
  if (!(error instanceof WrongPassphraseError)) return;
  const count = Number(storage.getItem(FAILED_KEY) ?? '0') || 0;
  storage.setItem(FAILED_KEY, String(count + 1));
}

/** Logs the failures counted since the last unlock (one entry, the count as its target), then this unlock. */
export async function logUnlock(
  session: AuditLogSession,
  storage: Pick<Storage, 'getItem' | 'removeItem'> = localStorage,
): Promise<void> {
  const failed = Number(storage.getItem(FAILED_KEY) ?? '0') || 0;
  if (failed > 0) {
    await logAccess(session, { kind: 'unlock-failed', fields: [], target: `count:${failed}` });
    storage.removeItem(FAILED_KEY);
  }
  await logAccess(session, { kind: 'unlocked', fields: [] });
}
