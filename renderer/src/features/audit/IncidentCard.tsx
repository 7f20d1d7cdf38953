import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  assessIncident,
  incidentTimers,
  type AffectedContact,
  type Incident,
  type TimerKind,
} from '../../../../shared/domain/incident';
import { ppcReportDraft } from '../../../../shared/domain/incident-report';
import type { Client } from '../../../../shared/domain/client';
import { nowMs, useAuditCommands, useAuditRole, useNow } from './audit-data';
import { lastNotification, NotificationList, NotifyForm } from './IncidentNotify';
import type { Namer } from './names';
import { IncidentHistory, IncidentUpdate } from './IncidentUpdate';
import { formatDateTime } from '../../i18n/format';

const DONE_FIELD: Record<TimerKind, 'ppcPreliminaryAt' | 'ppcFinalAt' | 'gdprReportedAt'> = {
  'ppc-preliminary': 'ppcPreliminaryAt',
  'ppc-final': 'ppcFinalAt',
  gdpr: 'gdprReportedAt',
};

/** One incident: the facts, reportability with its reasons, the clocks, the PPC draft, the people to tell. */
export function IncidentCard({
  incident,
  names,
  clients,
  onChanged,
}: {
  incident: Incident;
  names: Namer;
  clients: ReadonlyMap<string, Client>;
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const { manages } = useAuditRole();
  const commands = useAuditCommands();
  const [contacts, setContacts] = useState<AffectedContact[]>();
  const assessment = assessIncident(incident.facts);
  const now = useNow();
  const timers = incidentTimers(incident, now);
  const verdict = (reportable: boolean, applies = true) =>
    !applies
      ? t('audit.breach.notApplicable')
      : reportable
        ? t('audit.breach.reportable')
        : t('audit.breach.notReportable');
  const heading = `incident-${incident.id}`;

  async function showContacts() {
    setContacts(await commands.contacts(incident.id));
  }
  async function notified() {
    onChanged();
    await showContacts();
  }
  async function markDone(kind: TimerKind) {
    await commands.updateIncident(incident.id, { [DONE_FIELD[kind]]: nowMs() });
    onChanged();
  }

  return (
    <article className="incident" aria-labelledby={heading} data-testid="incident">
      <h4 id={heading}>
        {formatDateTime(incident.discoveredAt, i18n.language)} ·{' '}
        {t(`audit.breach.causes.${incident.facts.cause}`)} ·{' '}
        {t('audit.breach.people', { count: assessment.people })}
      </h4>
      <p>
        {incident.facts.summary} ({t('audit.breach.discoveredBy')}: {names.person(incident.discoveredBy)})
      </p>
      <dl className="assessment">
        <dt>{t('audit.breach.appi')}</dt>
        <dd data-testid="appi-verdict">
          <strong>{verdict(assessment.appi.reportable)}</strong>
          <ul>
            {assessment.appi.reasons.map((reason) => (
              <li key={reason}>{t(`audit.breach.reason.${reason}`)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('audit.breach.gdpr')}</dt>
        <dd data-testid="gdpr-verdict">
          <strong>{verdict(assessment.gdpr.reportable, assessment.gdpr.applies)}</strong>
          <ul>
            {assessment.gdpr.reasons.map((reason) => (
              <li key={reason}>{t(`audit.breach.reason.${reason}`)}</li>
            ))}
          </ul>
        </dd>
      </dl>
      {manages && (
        <IncidentUpdate
          key={incident.revision}
          incident={incident}
          clients={clients}
          names={names}
          onChanged={onChanged}
        />
      )}
      <IncidentHistory incident={incident} names={names} />
      {timers.length > 0 && (
        <>
          <h5>{t('audit.breach.timers')}</h5>
          <ul className="timers">
            {timers.map((timer) => (
              <li key={timer.kind} className={`waiting-item ${timer.state}`}>
                <span className={`badge ${timer.state}`}>{t(`audit.breach.timerState.${timer.state}`)}</span>{' '}
                {t(`audit.breach.timer.${timer.kind}`)} · {t('audit.breach.due', { time: timer.dueAt })}
                {timer.targetAt !== undefined && <> · {t('audit.breach.target', { time: timer.targetAt })}</>}
                {manages && timer.state !== 'done' && (
                  <button type="button" className="secondary small" onClick={() => void markDone(timer.kind)}>
                    {t('audit.breach.markDone')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {assessment.appi.reportable && (
        <details>
          <summary>{t('audit.breach.draft')}</summary>
          <table className="audit-table data-table">
            <tbody>
              {ppcReportDraft(incident).map((item) => (
                <tr key={item.item}>
                  <th scope="row" lang="ja">
                    {item.item}. {item.labelJa} / <span lang="en">{item.labelEn}</span>
                  </th>
                  <td lang="ja">{item.ja}</td>
                  <td lang="en">{item.en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <NotificationList incident={incident} names={names} />
      {manages && (
        <div className="contacts">
          <h5>{t('audit.breach.contacts')}</h5>
          {contacts === undefined ? (
            <button type="button" className="secondary small" onClick={() => void showContacts()}>
              {t('audit.breach.showContacts')}
            </button>
          ) : (
            <ul data-testid="affected-clients">
              {contacts.map((contact) => {
                const last = lastNotification(incident, contact.clientId);
                return (
                  <li key={contact.clientId}>
                    {contact.name} · {contact.email ?? contact.phone ?? '—'} · {contact.language}
                    {contact.notifiedAt !== undefined ? (
                      <>
                        {' '}
                        ·{' '}
                        {t('auditBreach.notify.told', {
                          time: contact.notifiedAt,
                          channel: t(`auditBreach.notify.channels.${last?.channel ?? 'email'}`),
                        })}
                      </>
                    ) : (
                      <NotifyForm incident={incident} contact={contact} onDone={notified} />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </article>
  );
}
