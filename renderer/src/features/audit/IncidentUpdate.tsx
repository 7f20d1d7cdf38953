import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DATA_CATEGORIES,
  type DataCategory,
  type Incident,
  type UpdateIncidentRequest,
} from '../../../../shared/domain/incident';
import { useAuditCommands } from './audit-data';
import type { Namer } from './names';

type ReportField = 'ppcPreliminaryAt' | 'ppcFinalAt' | 'gdprReportedAt';
const REPORTS: ReportField[] = ['ppcPreliminaryAt', 'ppcFinalAt', 'gdprReportedAt'];

const toLocal = (ms: number | undefined) => {
  if (ms === undefined) return '';
  const d = new Date(ms);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};
const fromLocal = (text: string) => (text ? new Date(text).getTime() : undefined);

/**
 * Updating an incident as facts come in (the admin): what happened, the data, the clients still counted as
 * affected, encryption and key exposure, and the reports sent. The server keeps each state as a revision and
 * refuses a change made on an older one (someone changed it meanwhile): the history below shows them all.
 */
export function IncidentUpdate({ incident, onChanged }: { incident: Incident; onChanged(): void }) {
  const { t } = useTranslation();
  const commands = useAuditCommands();
  const [summary, setSummary] = useState(incident.facts.summary);
  const [categories, setCategories] = useState<DataCategory[]>(incident.facts.dataCategories);
  const [clientIds, setClientIds] = useState(incident.facts.clientIds);
  const [flags, setFlags] = useState({
    encrypted: incident.facts.encrypted,
    keyExposed: incident.facts.keyExposed,
  });
  const [reports, setReports] = useState<Record<ReportField, string>>({
    ppcPreliminaryAt: toLocal(incident.ppcPreliminaryAt),
    ppcFinalAt: toLocal(incident.ppcFinalAt),
    gdprReportedAt: toLocal(incident.gdprReportedAt),
  });
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const id = (name: string) => `incident-${incident.id}-${name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const request: UpdateIncidentRequest = {
      baseRevision: incident.revision,
      facts: {
        ...incident.facts,
        summary,
        dataCategories: categories,
        clientIds,
        euClientIds: incident.facts.euClientIds.filter((c) => clientIds.includes(c)),
        encrypted: flags.encrypted,
        keyExposed: flags.encrypted && flags.keyExposed,
      },
    };
    for (const field of REPORTS) {
      const at = fromLocal(reports[field]);
      if (at !== undefined && at !== incident[field]) request[field] = at;
    }
    try {
      await commands.updateIncident(incident.id, request);
      setMessage({ text: t('audit.breach.update.saved'), error: false });
      onChanged();
    } catch (cause) {
      const text = String(cause instanceof Error ? cause.message : cause);
      setMessage({
        text: text.includes('stale-revision')
          ? t('audit.breach.update.stale')
          : t('audit.failed', { message: text }),
        error: true,
      });
    }
  }

  return (
    <details className="incident-update">
      <summary>{t('audit.breach.update.open')}</summary>
      <form onSubmit={(e) => void submit(e)} aria-label={t('audit.breach.update.open')}>
        <label htmlFor={id('summary')}>{t('audit.breach.summary')}</label>
        <textarea
          id={id('summary')}
          required
          maxLength={4000}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        <fieldset>
          <legend>{t('audit.breach.categories')}</legend>
          {DATA_CATEGORIES.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={categories.includes(c)}
                onChange={(e) =>
                  setCategories((list) => (e.target.checked ? [...list, c] : list.filter((x) => x !== c)))
                }
              />
              {t(`audit.breach.category.${c}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('audit.breach.clients')}</legend>
          {incident.facts.clientIds.length === 0 && <p className="muted">{t('audit.none')}</p>}
          {incident.facts.clientIds.map((clientId, n) => (
            <label key={clientId} className="check">
              <input
                type="checkbox"
                checked={clientIds.includes(clientId)}
                onChange={(e) =>
                  setClientIds((ids) =>
                    e.target.checked ? [...ids, clientId] : ids.filter((x) => x !== clientId),
                  )
                }
              />
              {t('audit.breach.update.client', { n: n + 1, id: clientId.slice(0, 8) })}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            checked={flags.encrypted}
            onChange={(e) => setFlags((f) => ({ ...f, encrypted: e.target.checked }))}
          />
          {t('audit.breach.encrypted')}
        </label>
        {flags.encrypted && (
          <label className="check">
            <input
              type="checkbox"
              checked={flags.keyExposed}
              onChange={(e) => setFlags((f) => ({ ...f, keyExposed: e.target.checked }))}
            />
            {t('audit.breach.keyExposed')}
          </label>
        )}
        <fieldset>
          <legend>{t('audit.breach.update.reports')}</legend>
          {REPORTS.map((field) => (
            <label key={field}>
              {t(`audit.breach.update.${field}`)}
              <input
                type="datetime-local"
                value={reports[field]}
                onChange={(e) => setReports((r) => ({ ...r, [field]: e.target.value }))}
              />
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('audit.breach.update.save')}</button>
        {message && (
          <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'success'}>
            {message.text}
          </p>
        )}
      </form>
    </details>
  );
}

/** Every state the incident was in, newest first: when, by whom, what changed. */
export function IncidentHistory({ incident, names }: { incident: Incident; names: Namer }) {
  const { t } = useTranslation();
  return (
    <details className="incident-history">
      <summary>{t('audit.breach.history.heading', { count: incident.history.length })}</summary>
      <ul data-testid="incident-history">
        {[...incident.history].reverse().map((revision) => (
          <li key={revision.revision}>
            {t('audit.breach.history.line', {
              revision: revision.revision,
              time: revision.at,
              by: names.person(revision.by),
            })}
            :{' '}
            {revision.changed
              .map((name) =>
                t(`audit.breach.history.field.${name.replace(/^facts\./, '')}`, { defaultValue: name }),
              )
              .join(', ')}
          </li>
        ))}
      </ul>
    </details>
  );
}
