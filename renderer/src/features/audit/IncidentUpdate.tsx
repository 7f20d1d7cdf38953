import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/domain/client';
import {
  DATA_CATEGORIES,
  INCIDENT_CAUSES,
  type DataCategory,
  type Incident,
  type IncidentCause,
  type UpdateIncidentRequest,
} from '../../../../shared/domain/incident';
import { euClientsAfter } from '../../../../shared/domain/incident-eu';
import { useAuditCommands } from './audit-data';
import { GdprClientsField, PPC_TEXTS, PpcTextsField, ppcFacts, ppcTextsOf } from './IncidentFields';
import { listOf, type Namer } from './names';
import { DateTimeField } from '../../components/form';

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
 * Updating an incident as facts come in (the admin): what happened and why, the data, the clients affected (some
 * found later: GDPR is proposed for them as at recording), which of them GDPR protects, encryption and key
 * exposure, a wrongful purpose or financial harm found later, the PPC report's written items, and the reports sent.
 * The server keeps each state as a revision and refuses a change made on an older one (someone changed it
 * meanwhile): the history below shows them all.
 */
export function IncidentUpdate({
  incident,
  clients,
  names,
  onChanged,
}: {
  incident: Incident;
  clients: ReadonlyMap<string, Client>;
  names: Namer;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const commands = useAuditCommands();
  const { facts } = incident;
  const [summary, setSummary] = useState(facts.summary);
  const [cause, setCause] = useState<IncidentCause>(facts.cause);
  const [categories, setCategories] = useState<DataCategory[]>(facts.dataCategories);
  const [affected, setAffected] = useState({ clientIds: facts.clientIds, euClientIds: facts.euClientIds });
  // The clients listed with a box: those affected when the form opened, and those added since.
  const [shown, setShown] = useState(facts.clientIds);
  const [adding, setAdding] = useState('');
  const [flags, setFlags] = useState({
    encrypted: facts.encrypted,
    keyExposed: facts.keyExposed,
    wrongfulPurpose: facts.wrongfulPurpose,
    financialHarmRisk: facts.financialHarmRisk,
  });
  const [ppcTexts, setPpcTexts] = useState(() => ppcTextsOf(facts));
  const [reports, setReports] = useState<Record<ReportField, string>>({
    ppcPreliminaryAt: toLocal(incident.ppcPreliminaryAt),
    ppcFinalAt: toLocal(incident.ppcFinalAt),
    gdprReportedAt: toLocal(incident.gdprReportedAt),
  });
  // The discovery, corrected only to an earlier time (the server refuses a later one): sent only when edited.
  const [discovered, setDiscovered] = useState<string>();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const id = (name: string) => `incident-${incident.id}-${name}`;
  const setClientIds = (change: (ids: string[]) => string[]) =>
    setAffected((before) => {
      const next = change(before.clientIds);
      return { clientIds: next, euClientIds: euClientsAfter(before, next, (c) => clients.get(c)) };
    });
  const addable = [...clients.values()].filter((client) => !shown.includes(client.id));

  function add() {
    if (!adding) return;
    setShown((ids) => [...ids, adding]);
    setClientIds((ids) => (ids.includes(adding) ? ids : [...ids, adding]));
    setAdding('');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const kept = Object.fromEntries(
      Object.entries(facts).filter(([key]) => !(PPC_TEXTS as readonly string[]).includes(key)),
    ) as typeof facts;
    const request: UpdateIncidentRequest = {
      baseRevision: incident.revision,
      facts: {
        ...kept,
        summary,
        cause,
        dataCategories: categories,
        clientIds: affected.clientIds,
        euClientIds: affected.euClientIds.filter((c) => affected.clientIds.includes(c)),
        ...flags,
        keyExposed: flags.encrypted && flags.keyExposed,
        ...ppcFacts(ppcTexts),
      },
    };
    for (const field of REPORTS) {
      const at = fromLocal(reports[field]);
      if (at !== undefined && at !== incident[field]) request[field] = at;
    }
    const discoveredAt = discovered === undefined ? undefined : fromLocal(discovered);
    if (discoveredAt !== undefined) {
      if (discoveredAt > incident.discoveredAt)
        return setMessage({ text: t('auditBreach.update.discoveryLater'), error: true });
      if (discoveredAt < incident.discoveredAt) request.discoveredAt = discoveredAt;
    }
    try {
      await commands.updateIncident(incident.id, request);
      setMessage({ text: t('auditBreach.update.saved'), error: false });
      onChanged();
    } catch (cause) {
      const text = String(cause instanceof Error ? cause.message : cause);
      setMessage({
        text: text.includes('stale-revision')
          ? t('auditBreach.update.stale')
          : t('audit.failed', { message: text }),
        error: true,
      });
    }
  }

  const flag = (key: keyof typeof flags, label: string) => (
    <label className="check">
      <input
        type="checkbox"
        checked={flags[key]}
        onChange={(e) => setFlags((f) => ({ ...f, [key]: e.target.checked }))}
      />
      {t(label)}
    </label>
  );

  return (
    <details className="incident-update">
      <summary>{t('auditBreach.update.open')}</summary>
      <form onSubmit={(e) => void submit(e)} aria-label={t('auditBreach.update.open')}>
        <label htmlFor={id('summary')}>{t('audit.breach.summary')}</label>
        <textarea
          id={id('summary')}
          required
          maxLength={4000}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        <label htmlFor={id('cause')}>{t('audit.breach.cause')}</label>
        <select id={id('cause')} value={cause} onChange={(e) => setCause(e.target.value as IncidentCause)}>
          {INCIDENT_CAUSES.map((c) => (
            <option key={c} value={c}>
              {t(`audit.breach.causes.${c}`)}
            </option>
          ))}
        </select>
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
          {shown.length === 0 && <p className="muted">{t('audit.none')}</p>}
          {shown.map((clientId) => (
            <label key={clientId} className="check">
              <input
                type="checkbox"
                checked={affected.clientIds.includes(clientId)}
                onChange={(e) =>
                  setClientIds((ids) =>
                    e.target.checked ? [...ids, clientId] : ids.filter((x) => x !== clientId),
                  )
                }
              />
              {names.client(clientId)}
            </label>
          ))}
          <label htmlFor={id('add-client')}>{t('auditBreach.update.addClient')}</label>
          <select id={id('add-client')} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="" />
            {addable.map((client) => (
              <option key={client.id} value={client.id}>
                {client.names.latin}
              </option>
            ))}
          </select>
          <button type="button" className="secondary small" onClick={add} disabled={!adding}>
            {t('auditBreach.update.add')}
          </button>
        </fieldset>
        <GdprClientsField
          idPrefix={id('update')}
          clientIds={affected.clientIds}
          euClientIds={affected.euClientIds}
          onChange={(euClientIds) => setAffected((before) => ({ ...before, euClientIds }))}
          clients={clients}
          name={names.client}
        />
        {flag('encrypted', 'audit.breach.encrypted')}
        {flags.encrypted && flag('keyExposed', 'audit.breach.keyExposed')}
        {flag('wrongfulPurpose', 'audit.breach.wrongful')}
        {flag('financialHarmRisk', 'audit.breach.financial')}
        <PpcTextsField idPrefix={id('update')} texts={ppcTexts} onChange={setPpcTexts} />
        <DateTimeField
          id={id('discovered')}
          label={t('auditBreach.update.discoveredAt')}
          hint={t('auditBreach.update.discoveredHint')}
          value={discovered ?? toLocal(incident.discoveredAt)}
          onChange={(e) => setDiscovered(e.target.value)}
        />
        <fieldset>
          <legend>{t('auditBreach.update.reports')}</legend>
          {REPORTS.map((field) => (
            <DateTimeField
              key={field}
              id={id(`report-${field}`)}
              label={t(`auditBreach.update.${field}`)}
              value={reports[field]}
              onChange={(e) => setReports((r) => ({ ...r, [field]: e.target.value }))}
            />
          ))}
        </fieldset>
        <button type="submit">{t('auditBreach.update.save')}</button>
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
  const { t, i18n } = useTranslation();
  return (
    <details className="incident-history">
      <summary>{t('auditBreach.history.heading', { count: incident.history.length })}</summary>
      <ul data-testid="incident-history">
        {[...incident.history].reverse().map((revision) => (
          <li key={revision.revision}>
            {t('auditBreach.history.line', {
              revision: revision.revision,
              time: revision.at,
              by: revision.by ? names.person(revision.by) : t('auditBreach.history.server'),
            })}
            :{' '}
            {listOf(
              revision.changed.map((name) =>
                t(`auditBreach.history.field.${name.replace(/^facts\./, '')}`, { defaultValue: name }),
              ),
              i18n.language,
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
