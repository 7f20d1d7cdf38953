import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/index';
import { mayRecordConsents } from '../consents/consent-data';
import { useNotices, useNow } from '../notices/notice-data';
import type { WaitingItem } from '../today/waiting';
import { useTrustedLedger } from './renewal-data';
import { renewalList } from './renewal-list';

/** A deadline this close counts as due soon on Today. */
const DUE_SOON_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Clients whose medical consent must be renewed after a substantial change, for those who record consents: one line
 * per deadline, overdue once it passed (medical writes then need the renewal).
 */
export function useRenewalsWaiting(): WaitingItem[] {
  const { t } = useTranslation();
  const { identity } = useSession();
  const now = useNow(60_000);
  const ledger = useTrustedLedger();
  const notices = useNotices();
  const records = mayRecordConsents(identity.role) ? ledger : undefined;
  return useMemo(() => {
    if (records === undefined || notices === undefined) return [];
    const byDeadline = new Map<number, number>();
    for (const entry of renewalList(records, notices, now)) {
      byDeadline.set(entry.need.deadline, (byDeadline.get(entry.need.deadline) ?? 0) + 1);
    }
    return [...byDeadline].map(([deadline, count]) => ({
      id: `renewals-${deadline}`,
      text: t('today.renewals', { count }),
      count,
      due: deadline,
      state: deadline <= now ? 'overdue' : deadline - now <= DUE_SOON_MS ? 'due-soon' : 'waiting',
      section: 'renewals',
    }));
  }, [records, notices, now, t]);
}
