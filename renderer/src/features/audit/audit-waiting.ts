import { useTranslation } from 'react-i18next';
import type { WaitingItem } from '../today/waiting';
import {
  useAuditEntries,
  useAuditRole,
  useClientsById,
  useIncidents,
  useNow,
  useStaffList,
} from './audit-data';
import { breachWaiting } from './breach-waiting';
import { useWeekReview, weekStartOf } from './ReviewView';

/**
 * For the DPO's Today: breach clocks overdue or due soon (each a line), and the unusual access of this week not yet
 * reviewed (one line with its count). Managers see them too (read-only); other roles nothing.
 */
export function useAuditWaiting(): WaitingItem[] {
  const { t } = useTranslation();
  const { reads } = useAuditRole();
  const incidents = useIncidents(reads);
  const entries = useAuditEntries(reads);
  const clients = useClientsById(reads);
  const staff = useStaffList(reads);
  const now = useNow();
  const findings = useWeekReview(entries, clients, weekStartOf(now), staff.data);
  if (!reads) return [];
  const items: WaitingItem[] = breachWaiting(incidents.data ?? [], now, t);
  const open = findings.filter((f) => !f.reviewed).length;
  if (open > 0) {
    items.push({
      id: 'audit-review',
      text: t('audit.review.waiting', { count: open }),
      count: open,
      state: 'waiting',
      section: 'audit',
    });
  }
  return items;
}
