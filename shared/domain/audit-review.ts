import { can, type Role } from '../auth/roles';
import { MEDICAL_VIEW_KINDS, type AuditEvent } from './audit';

/**
 * The weekly review of the access log (MHLW guideline 6.0: access records are reviewed): what looks unusual in a
 * period, for the DPO to look at and mark reviewed. A review is itself an entry of the log (kind 'review', target
 * `week:<first day>`, fields the ids of the findings reviewed).
 */

/** More openings of medical data of clients a person is not assigned to than this, in the period, is unusual. */
export const OUTSIDE_ASSIGNMENT_THRESHOLD = 3;
/** More views of sensitive data outside working hours than this, in the period, is unusual. */
export const OUT_OF_HOURS_THRESHOLD = 5;
export const WORKING_HOURS = { from: 8, to: 20 } as const;

export interface UnusualAccess {
  /** Stable: the kind and the staff member (a review names it). */
  id: string;
  kind: 'outside-assignment' | 'out-of-hours';
  staffId: string;
  count: number;
  clientIds: string[];
  entryIds: string[];
}

function hourIn(at: number, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(at);
  return Number(hour);
}

/**
 * What is unusual among `entries` in [from, to) (device time): per person, openings of medical data of clients they
 * are not assigned to (by `assigneesOf`, the client's assignees now), and views of sensitive data outside working
 * hours in the organisation's time zone. The hour is the server's receipt time where `receivedAt` knows the entry
 * (a device's clock, set wrong, cannot move its own views into working hours), else the device's time.
 */
export function unusualAccess(
  entries: readonly AuditEvent[],
  assigneesOf: (clientId: string) => readonly string[] | undefined,
  period: { from: number; to: number; timeZone?: string },
  receivedAt: (entryId: string) => number | undefined = () => undefined,
): UnusualAccess[] {
  const timeZone = period.timeZone ?? 'Asia/Tokyo';
  const found = new Map<string, UnusualAccess>();
  const add = (kind: UnusualAccess['kind'], entry: AuditEvent) => {
    const id = `${kind}:${entry.staffId}`;
    const item = found.get(id) ?? { id, kind, staffId: entry.staffId, count: 0, clientIds: [], entryIds: [] };
    item.count++;
    item.entryIds.push(entry.id);
    if (entry.clientId && !item.clientIds.includes(entry.clientId)) item.clientIds.push(entry.clientId);
    found.set(id, item);
  };
  for (const entry of entries) {
    if (entry.at < period.from || entry.at >= period.to || !MEDICAL_VIEW_KINDS.includes(entry.kind)) continue;
    if (entry.clientId && !(assigneesOf(entry.clientId) ?? []).includes(entry.staffId)) {
      add('outside-assignment', entry);
    }
    const hour = hourIn(receivedAt(entry.id) ?? entry.at, timeZone);
    if (hour < WORKING_HOURS.from || hour >= WORKING_HOURS.to) add('out-of-hours', entry);
  }
  return [...found.values()]
    .filter((item) =>
      item.kind === 'outside-assignment'
        ? item.count > OUTSIDE_ASSIGNMENT_THRESHOLD
        : item.count > OUT_OF_HOURS_THRESHOLD,
    )
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

/** The week's target in a review entry. */
export const reviewTarget = (weekStart: string) => `week:${weekStart}`;

/** The staff member a finding id (`<kind>:<staffId>`) is about. */
export const findingStaffId = (findingId: string) => findingId.slice(findingId.indexOf(':') + 1);

/** Whether a role may mark findings reviewed (the DPO: the same capability the server's push rule checks). */
export const mayReview = (role: Role | undefined) => role !== undefined && can(role, 'manageIncidents');

/**
 * The finding ids already marked reviewed for the week, from the log's review entries: only marks by a person whose
 * role (`roleOf`, from the staff directory; unknown counts for nothing) may review, and never a mark of a person's
 * own finding. Anyone's device can write an entry of kind 'review' locally; this is what makes it count.
 */
export function reviewedIds(
  entries: readonly AuditEvent[],
  weekStart: string,
  roleOf: (staffId: string) => Role | undefined,
): Set<string> {
  const target = reviewTarget(weekStart);
  return new Set(
    entries
      .filter(
        (entry) => entry.kind === 'review' && entry.target === target && mayReview(roleOf(entry.staffId)),
      )
      .flatMap((entry) => entry.fields.filter((id) => findingStaffId(id) !== entry.staffId)),
  );
}
