import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/index';
import type { DirectoryEntry } from '../../auth/staff-directory';
import { useSession } from '../../session/index';
import type { WaitingItem } from './waiting';

/** The roles that run the office day to day: someone must hold one before clients can be looked after. */
const OFFICE_ROLES: readonly Role[] = ['manager', 'coordinator'];

/**
 * What a new organisation's admin does first, as waiting items on Today, until done: invite office staff (the admin
 * reads every client but writes none, and only a manager approves shares). The recovery sheet was printed at setup;
 * loading the privacy notice joins this list with the notices feature.
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
  if (!admin) return [];
  const hasOffice = entries.some((entry) => entry.status !== 'revoked' && OFFICE_ROLES.includes(entry.role));
  return hasOffice
    ? []
    : [{ id: 'first-steps.invite', text: t('today.firstSteps.invite'), state: 'waiting', section: 'staff' }];
}
