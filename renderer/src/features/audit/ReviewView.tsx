import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../shared/domain/audit';
import {
  findingStaffId,
  reviewedIds,
  reviewTarget,
  unusualAccess,
} from '../../../../shared/domain/audit-review';
import type { Client } from '../../../../shared/domain/client';
import type { Role, StaffView } from '../../../../shared/index';
import { useSession } from '../../session/index';
import { nowMs, useAuditCommands, useAuditRole } from './audit-data';
import type { Namer } from './names';
import { useReceiptTimes } from './review-receipts';
import { EmptyState } from '../../components/EmptyState';
import { DateField } from '../../components/form';

const DAY = 86_400_000;

/** The Monday (YYYY-MM-DD, local calendar) of the week holding `at`. */
export function weekStartOf(at: number): string {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  date.setDate(date.getDate() - ((date.getDay() + 6) % 7));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Each staff member's role, from the directory (`staff`, fetched from the server) and, offline, this session's own:
 * only marks by a role that may review count (reviewedIds).
 */
function useRoleOf(staff: readonly StaffView[] | undefined): (staffId: string) => Role | undefined {
  const { identity } = useSession();
  return useMemo(() => {
    const roles = new Map((staff ?? []).map((member) => [member.id, member.role]));
    return (id) => roles.get(id) ?? (id === identity.staffId ? identity.role : undefined);
  }, [staff, identity.staffId, identity.role]);
}

/** The unusual access of a week and whether each was reviewed (by a person who may, not the finding's own). */
export function useWeekReview(
  entries: readonly AuditEvent[] | undefined,
  clients: ReadonlyMap<string, Client>,
  week: string,
  staff: readonly StaffView[] | undefined,
) {
  const roleOf = useRoleOf(staff);
  const from = new Date(`${week}T00:00:00`).getTime();
  // "Out of hours" by the server's receipt time where it has one (docs/audit.md, "The weekly review's clock").
  const received = useReceiptTimes(from, from + 7 * DAY, entries?.length);
  return useMemo(() => {
    const found = unusualAccess(
      entries ?? [],
      (id) => clients.get(id)?.assignedStaffIds,
      { from, to: from + 7 * DAY },
      (id) => received.get(id),
    );
    const reviewed = reviewedIds(entries ?? [], week, roleOf);
    return found.map((item) => ({ ...item, reviewed: reviewed.has(item.id) }));
  }, [entries, clients, week, from, received, roleOf]);
}

/** The weekly review: unusual access for the DPO to look at and mark reviewed (a 'review' entry of the log). */
export function ReviewView({
  entries,
  clients,
  names,
  staff,
}: {
  entries: readonly AuditEvent[];
  clients: ReadonlyMap<string, Client>;
  names: Namer;
  staff: readonly StaffView[] | undefined;
}) {
  const { t } = useTranslation();
  const { manages } = useAuditRole();
  const { identity } = useSession();
  const commands = useAuditCommands();
  const [week, setWeek] = useState(() => weekStartOf(nowMs()));
  const findings = useWeekReview(entries, clients, week, staff);
  // The server refuses a review entry from a role that may not review, and that refusal stops this device's access
  // log until it resumes (docs/audit.md): never write one unless the role may. One's own finding is not markable.
  const markable = (id: string) => manages && findingStaffId(id) !== identity.staffId;
  const mark = (ids: string[]) => {
    const fields = ids.filter(markable).slice(0, 32);
    if (fields.length > 0) void commands.log({ kind: 'review', target: reviewTarget(week), fields });
  };
  const open = findings.filter((f) => !f.reviewed && markable(f.id));
  return (
    <div className="audit-review">
      <p>{t('audit.review.intro')}</p>
      <DateField
        id="audit-review-week"
        label={t('audit.review.week')}
        value={week}
        onChange={(e) =>
          /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) &&
          setWeek(weekStartOf(new Date(`${e.target.value}T12:00:00`).getTime()))
        }
      />
      {findings.length === 0 ? (
        <EmptyState>{t('audit.review.nothing')}</EmptyState>
      ) : (
        <ul className="review-list" aria-label={t('audit.review.heading')}>
          {findings.map((f) => (
            <li key={f.id}>
              <span>
                {t(f.kind === 'outside-assignment' ? 'audit.review.outside' : 'audit.review.outOfHours', {
                  who: names.person(f.staffId),
                  count: f.kind === 'outside-assignment' ? f.clientIds.length : f.count,
                })}
              </span>{' '}
              {f.reviewed ? (
                <span className="badge done">{t('audit.review.reviewed')}</span>
              ) : (
                markable(f.id) && (
                  <button type="button" className="secondary small" onClick={() => mark([f.id])}>
                    {t('audit.review.markReviewed')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {manages && open.length > 1 && (
        <button type="button" className="small" onClick={() => mark(open.map((f) => f.id))}>
          {t('audit.review.markAll')}
        </button>
      )}
    </div>
  );
}
