import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AffectedContact, Incident, IncidentNotification } from '../../../../shared/domain/incident';
import { recordedLate } from '../../../../shared/domain/incident-history';
import { nowMs, useAuditCommands } from './audit-data';
import type { Namer } from './names';
import { DateTimeField } from '../../components/form';

const CHANNELS: IncidentNotification['channel'][] = ['email', 'phone', 'letter', 'in-person'];

const toLocal = (ms: number) => {
  const d = new Date(ms);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

/**
 * Recording that an affected client was told (the admin): how (e-mail, phone, letter, in person) and when, now by
 * default, never in the future nor before discovery (the server refuses both too).
 */
export function NotifyForm({
  incident,
  contact,
  onDone,
}: {
  incident: Incident;
  contact: AffectedContact;
  onDone(): Promise<void>;
}) {
  const { t } = useTranslation();
  const commands = useAuditCommands();
  const [channel, setChannel] = useState<IncidentNotification['channel']>(
    contact.email ? 'email' : contact.phone ? 'phone' : 'letter',
  );
  const [at, setAt] = useState(() => toLocal(nowMs()));
  const [error, setError] = useState<string>();
  const id = (name: string) => `notify-${incident.id}-${contact.clientId}-${name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const notifiedAt = new Date(at).getTime();
    if (!Number.isFinite(notifiedAt)) return setError(t('auditBreach.notify.noTime'));
    if (notifiedAt > nowMs()) return setError(t('auditBreach.notify.future'));
    if (notifiedAt < incident.discoveredAt) return setError(t('auditBreach.notify.beforeDiscovery'));
    setError(undefined);
    try {
      await commands.recordNotification(incident.id, {
        clientId: contact.clientId,
        channel,
        language: contact.language,
        notifiedAt,
      });
      await onDone();
    } catch (cause) {
      setError(t('audit.failed', { message: cause instanceof Error ? cause.message : String(cause) }));
    }
  }

  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-label={t('auditBreach.notify.record', { name: contact.name })}
    >
      <label htmlFor={id('channel')}>{t('auditBreach.notify.channel', { name: contact.name })}</label>
      <select
        id={id('channel')}
        value={channel}
        onChange={(e) => setChannel(e.target.value as IncidentNotification['channel'])}
      >
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`auditBreach.notify.channels.${c}`)}
          </option>
        ))}
      </select>
      <DateTimeField
        id={id('at')}
        label={t('auditBreach.notify.at', { name: contact.name })}
        value={at}
        onChange={(e) => setAt(e.target.value)}
      />
      <button type="submit" className="secondary small">
        {t('auditBreach.notify.record', { name: contact.name })}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

/** How and when a client was last told, from the incident's notifications. */
export function lastNotification(incident: Incident, clientId: string): IncidentNotification | undefined {
  return incident.notifications
    .filter((n) => n.clientId === clientId)
    .reduce<IncidentNotification | undefined>(
      (last, n) => (!last || n.notifiedAt >= last.notifiedAt ? n : last),
      undefined,
    );
}

/**
 * Every notification recorded, in the order told: who, how, when; and, when the server recorded it more than a
 * day after the time told, when it was recorded (its own clock: migration 27), marked as late.
 */
export function NotificationList({ incident, names }: { incident: Incident; names: Namer }) {
  const { t } = useTranslation();
  if (incident.notifications.length === 0) return null;
  return (
    <>
      <h5>{t('auditBreach.notify.list')}</h5>
      <ul data-testid="incident-notifications">
        {incident.notifications.map((n) => {
          const late = recordedLate(n);
          return (
            <li key={n.id}>
              {t('auditBreach.notify.line', {
                name: names.client(n.clientId),
                time: n.notifiedAt,
                channel: t(`auditBreach.notify.channels.${n.channel}`),
              })}
              {late !== undefined && (
                <>
                  {' '}
                  <span className="badge overdue" data-testid="recorded-late">
                    {t('auditBreach.notify.late', {
                      time: n.recordedAt,
                      count: Math.floor(late / 86_400_000),
                    })}
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
