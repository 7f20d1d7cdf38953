import type { TFunction } from 'i18next';
import { AuthRequestError } from '../../auth/auth-client';

const KNOWN = ['forbidden', 'own-device', 'not-pending'];

/** A failed staff or approval request, worded for the screen: reason codes only, never server text. */
export function describeStaffError(t: TFunction, cause: unknown): string {
  if (cause instanceof AuthRequestError) {
    if (KNOWN.includes(cause.reason)) return t(`staff.error.${cause.reason}`);
    if (cause.kind === 'unreachable') return t('staff.error.unreachable');
    return t('staff.error.other', { reason: cause.reason });
  }
  return t('staff.error.other', { reason: cause instanceof Error ? cause.message : String(cause) });
}
