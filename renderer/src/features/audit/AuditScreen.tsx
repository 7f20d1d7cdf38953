import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditLogView } from './AuditLogView';
import { BreachRegister } from './BreachRegister';
import { ChainStopsView } from './ChainStopsView';
import { ReviewView } from './ReviewView';
import { ServerKeyPanel } from './ServerKeyPanel';
import { StaffEventsView } from './StaffEventsView';
import { useAuditEntries, useAuditRole, useClientsById, useStaffList } from './audit-data';
import { namer } from './names';
import './audit.css';
import { can } from '../../../../shared/auth/roles';
import type { SessionIdentity } from '../../../../shared/index';

const TABS = ['log', 'review', 'events', 'breaches'] as const;
type Tab = (typeof TABS)[number];

/** Whether the navigation shows the access log: the admin (the DPO) and managers (read-only). */
export function seesAudit(identity: SessionIdentity | undefined): boolean {
  return identity !== undefined && can(identity.role, 'readAuditLog');
}

/** The DPO's console (issue 18): the access log, its weekly review, staff and device events, the breach register. */
export function AuditScreen() {
  const { t } = useTranslation();
  const { reads, manages } = useAuditRole();
  const [tab, setTab] = useState<Tab>('log');
  // The review reads this device's copy of the log; the log itself is filtered by the server (AuditLogView).
  const entries = useAuditEntries(reads && tab === 'review');
  const clients = useClientsById(reads);
  const staff = useStaffList(reads);
  if (!reads) return null;
  const names = namer(staff.data, clients);
  return (
    <section className="audit-screen" aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('audit.heading')}</h2>
      {!manages && <p className="muted">{t('audit.readOnly')}</p>}
      <div className="tabs" role="tablist" aria-label={t('audit.tabs.label')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
          >
            {t(`audit.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={t(`audit.tabs.${tab}`)}>
        {tab === 'log' && (
          <>
            <ChainStopsView names={names} />
            <AuditLogView names={names} staff={staff.data ?? []} clients={clients} />
          </>
        )}
        {tab === 'review' &&
          (entries === undefined ? (
            <p className="muted">{t('audit.loading')}</p>
          ) : (
            <ReviewView entries={entries} clients={clients} names={names} staff={staff.data} />
          ))}
        {tab === 'events' && (
          <>
            <StaffEventsView names={names} />
            <ServerKeyPanel manages={manages} />
          </>
        )}
        {tab === 'breaches' && <BreachRegister staff={staff.data ?? []} clients={clients} names={names} />}
      </div>
    </section>
  );
}
