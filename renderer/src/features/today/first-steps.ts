import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/index';
import type { DirectoryEntry } from '../../auth/staff-directory';
import { currentNotice } from '../../../../shared/domain/privacy-notice';
import { useSession } from '../../session/index';
import { useNotices, useNow } from '../notices/notice-data';
import type { WaitingItem } from './waiting';

/** The roles that run the office day to day: someone must hold one before clients can be looked after. */
const OFFICE_ROLES: readonly Role[] = ['manager', 'coordinator'];

/**
 * What a new organisation's admin does first, as waiting items on Today, until done: invite office staff (the admin
 * reads every client but writes none, and only a manager approves shares) and load the privacy notice (no consent
 * can be recorded before a version is in effect). The recovery sheet was printed at setup.
 */
export function useFirstStepsWaiting(): WaitingItem[] {
  const { t } = useTranslation();
  const session = useSession();
  const directory = session.device.session.directory;
  const admin = session.identity.role === 'admin';
  const [entries, setEntries] = useState<DirectoryEntry[]>(() => directory.entries());
  useEffect(() => {
    if (!admin) return;
    const subscription = directory.entries$.subscribe(setEntries);
    if (navigator.onLine) directory.refresh().catch(() => undefined);
    return () => subscription.unsubscribe();
  }, [directory, admin]);
  const notices = useNotices();
  const now = useNow(60_000);
  if (!admin) return [];
  const steps: WaitingItem[] = [];
  const hasOffice = entries.some((entry) => entry.status !== 'revoked' && OFFICE_ROLES.includes(entry.role));
  if (!hasOffice) {
    steps.push({
      id: 'first-steps.invite',
      text: t('today.firstSteps.invite'),
      state: 'waiting',
      section: 'staff',
    });
  }
  if (notices !== undefined && currentNotice(notices, now) === undefined) {
    steps.push({
      id: 'first-steps.notice',
      text: t('today.firstSteps.notice'),
      state: 'waiting',
      section: 'organisation',
    });
  }
  return steps;
}
