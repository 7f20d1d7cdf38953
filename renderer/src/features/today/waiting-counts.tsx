import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { useAuditWaiting } from '../audit/audit-waiting';
import { useMedicalAccessWaiting } from '../medical/medical-access-requests';
import { useRenewalsWaiting } from '../renewals/renewal-waiting';
import { useRequestsWaiting } from '../requests/requests-data';
import { useSharesWaiting } from '../shares/shares-data';
import { useDeviceApprovalsWaiting } from '../staff/staff-waiting';
import { useFirstStepsWaiting } from './first-steps';
import { dueCount, orderWaiting, type WaitingItem } from './waiting';

/**
 * Everything waiting for this person, most urgent first. A feature adds its waiting things by adding its
 * `use<Feature>Waiting()` hook here (waiting.ts says how); Today lists them and the navigation counts them.
 */
export function useWaitingItems(): WaitingItem[] {
  return orderWaiting([
    ...useFirstStepsWaiting(),
    ...useDeviceApprovalsWaiting(),
    ...useRequestsWaiting(),
    ...useSharesWaiting(),
    ...useMedicalAccessWaiting(),
    ...useRenewalsWaiting(),
    ...useAuditWaiting(),
  ]);
}

interface WaitingCounts {
  /** Things waiting per section of the app (each line's count, or 1). */
  bySection: Readonly<Record<string, number>>;
  /** Due or overdue, over every section: the count beside Today. */
  due: number;
}

const useWaitingCounts = create<WaitingCounts>(() => ({ bySection: {}, due: 0 }));

/** Counts what is waiting, for the navigation (which sits outside the session's tree); renders nothing. */
export function WaitingCounter() {
  const items = useWaitingItems();
  const bySection: Record<string, number> = {};
  for (const item of items) bySection[item.section] = (bySection[item.section] ?? 0) + (item.count ?? 1);
  const due = dueCount(items);
  const key = JSON.stringify({ bySection, due });
  useEffect(() => {
    useWaitingCounts.setState(JSON.parse(key) as WaitingCounts);
    return () => useWaitingCounts.setState({ bySection: {}, due: 0 });
  }, [key]);
  return null;
}

/** The count beside a section's name in the navigation: what is due (Today) or waiting there; nothing at 0. */
export function NavCount({ section }: { section: string }) {
  const { t } = useTranslation();
  const count = useWaitingCounts((counts) =>
    section === 'today' ? counts.due : (counts.bySection[section] ?? 0),
  );
  if (count === 0) return null;
  return (
    <span className="nav-count" data-testid={`nav-count-${section}`}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('today.navCount', { count })}</span>
    </span>
  );
}
