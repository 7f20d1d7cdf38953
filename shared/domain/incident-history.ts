import {
  INCIDENT_CHANGEABLE,
  type IncidentFacts,
  type IncidentNotification,
  type IncidentRevision,
} from './incident';

/**
 * The breach register's history (issue 18): an incident is updated as facts come in (what happened, the data, the
 * clients, encryption and keys, the reports sent), and every state it was in is kept as a revision, never
 * rewritten. What a revision changed is named here, for the history shown and the server's record.
 */

/** What changed from `before` to `after`: facts by their field names, report times by theirs. */
export function incidentChanges(
  before: IncidentRevision['state'],
  after: IncidentRevision['state'],
): string[] {
  const changed: string[] = [];
  const keys = new Set([...Object.keys(before.facts), ...Object.keys(after.facts)]) as Set<
    keyof IncidentFacts
  >;
  for (const key of [...keys].sort()) {
    if (JSON.stringify(before.facts[key]) !== JSON.stringify(after.facts[key])) changed.push(`facts.${key}`);
  }
  for (const key of INCIDENT_CHANGEABLE) {
    if (key !== 'facts' && before[key] !== after[key]) changed.push(key);
  }
  return changed;
}

/** A notification recorded more than a day after the time it says the person was told is shown as late. */
export const NOTIFICATION_LATE_MS = 24 * 3_600_000;

/**
 * How late a notification was recorded (ms after its "told at"), when more than NOTIFICATION_LATE_MS; undefined
 * when recorded in time, or recorded before the server kept the time (migration 27).
 */
export function recordedLate(notification: IncidentNotification): number | undefined {
  if (notification.recordedAt === undefined) return undefined;
  const late = notification.recordedAt - notification.notifiedAt;
  return late > NOTIFICATION_LATE_MS ? late : undefined;
}
