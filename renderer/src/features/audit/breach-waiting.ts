import { incidentTimers, type Incident } from '../../../../shared/domain/incident';
import type { WaitingItem } from '../today/waiting';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The breach clocks for the DPO's Today, at `now`: one line per clock overdue or due soon (a clock filed, running
 * or of an incident not reportable shows nothing). Pure: useAuditWaiting feeds it the register and the time.
 */
export function breachWaiting(incidents: readonly Incident[], now: number, t: Translate): WaitingItem[] {
  const items: WaitingItem[] = [];
  for (const incident of incidents) {
    for (const timer of incidentTimers(incident, now)) {
      if (timer.state !== 'overdue' && timer.state !== 'due-soon') continue;
      items.push({
        id: `breach:${incident.id}:${timer.kind}`,
        text: t('audit.breach.waiting', {
          timer: t(`audit.breach.timer.${timer.kind}`),
          date: incident.discoveredAt,
        }),
        due: timer.dueAt,
        state: timer.state,
        section: 'audit',
      });
    }
  }
  return items;
}
