import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DATA_CATEGORIES,
  INCIDENT_CAUSES,
  type DataCategory,
  type IncidentCause,
  type IncidentFacts,
} from '../../../../shared/domain/incident';
import { euClientsAfter } from '../../../../shared/domain/incident-eu';
import type { Client } from '../../../../shared/domain/client';
import type { StaffView } from '../../../../shared/index';
import { useAuditCommands, useAuditRole, useIncidents } from './audit-data';
import { IncidentCard } from './IncidentCard';
import { GdprClientsField, PpcTextsField, ppcFacts, ppcTextsOf } from './IncidentFields';
import type { Namer } from './names';
import { EmptyState } from '../../components/EmptyState';
import { DateTimeField } from '../../components/form';

const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

/** The breach register: record an incident (the admin), and every incident with its assessment and clocks. */
export function BreachRegister({
  staff,
  clients,
  names,
}: {
  staff: readonly StaffView[];
  clients: ReadonlyMap<string, Client>;
  names: Namer;
}) {
  const { t } = useTranslation();
  const { manages } = useAuditRole();
  const incidents = useIncidents(true);
  const commands = useAuditCommands();
  const [discoveredAt, setDiscoveredAt] = useState(localNow);
  const [discoveredBy, setDiscoveredBy] = useState('');
  const [summary, setSummary] = useState('');
  const [cause, setCause] = useState<IncidentCause>('lost-device');
  const [categories, setCategories] = useState<DataCategory[]>(['medical']);
  // The affected clients and, of those, the ones GDPR protects: proposed as clients are added, then the DPO's.
  const [affected, setAffected] = useState<{ clientIds: string[]; euClientIds: string[] }>({
    clientIds: [],
    euClientIds: [],
  });
  const { clientIds } = affected;
  const setClientIds = (change: (ids: string[]) => string[]) =>
    setAffected((before) => {
      const next = change(before.clientIds);
      return { clientIds: next, euClientIds: euClientsAfter(before, next, (id) => clients.get(id)) };
    });
  const [ppcTexts, setPpcTexts] = useState(ppcTextsOf);
  const [device, setDevice] = useState('');
  const [flags, setFlags] = useState({
    encrypted: true,
    keyExposed: false,
    wrongfulPurpose: false,
    financialHarmRisk: false,
  });
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const devices = staff.flatMap((member) => (member.devices ?? []).map((d) => d.id));

  async function pickDevice() {
    if (!device) return;
    const reachable = await commands.reachable(device);
    setClientIds((ids) => [...new Set([...ids, ...reachable])]);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(undefined);
    const facts: IncidentFacts = {
      summary,
      cause,
      dataCategories: categories,
      clientIds,
      euClientIds: affected.euClientIds.filter((id) => clientIds.includes(id)),
      ...flags,
      keyExposed: flags.encrypted && flags.keyExposed,
      ...(device ? { deviceId: device } : {}),
      ...ppcFacts(ppcTexts),
    };
    const discovered = new Date(discoveredAt).getTime();
    if (!Number.isFinite(discovered))
      return setMessage({ text: t('auditBreach.notify.noDiscovery'), error: true });
    try {
      await commands.recordIncident({ discoveredAt: discovered, discoveredBy, facts });
      setMessage({ text: t('audit.breach.saved'), error: false });
      setSummary('');
      setAffected({ clientIds: [], euClientIds: [] });
      setPpcTexts(ppcTextsOf());
      incidents.reload();
    } catch (cause) {
      setMessage({
        text: t('audit.failed', { message: cause instanceof Error ? cause.message : String(cause) }),
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
    <div className="breach-register">
      <p>{t('audit.breach.intro')}</p>
      {manages && (
        <form onSubmit={(e) => void submit(e)} aria-labelledby="breach-record-heading">
          <h3 id="breach-record-heading">{t('audit.breach.record')}</h3>
          <DateTimeField
            id="breach-discovered-at"
            label={t('audit.breach.discoveredAt')}
            value={discoveredAt}
            onChange={(e) => setDiscoveredAt(e.target.value)}
          />
          <label htmlFor="breach-discovered-by">{t('audit.breach.discoveredBy')}</label>
          <select
            id="breach-discovered-by"
            required
            value={discoveredBy}
            onChange={(e) => setDiscoveredBy(e.target.value)}
          >
            <option value="" />
            {staff.map((member) => (
              <option key={member.id} value={member.id}>
                {member.displayName}
              </option>
            ))}
          </select>
          <label>
            {t('audit.breach.summary')}
            <textarea
              required
              maxLength={4000}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          </label>
          <label htmlFor="breach-cause">{t('audit.breach.cause')}</label>
          <select id="breach-cause" value={cause} onChange={(e) => setCause(e.target.value as IncidentCause)}>
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
            <label htmlFor="breach-device">{t('audit.breach.pickFromDevice')}</label>
            <select id="breach-device" value={device} onChange={(e) => setDevice(e.target.value)}>
              <option value="" />
              {devices.map((id) => (
                <option key={id} value={id}>
                  {names.device(id)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="secondary small"
              onClick={() => void pickDevice()}
              disabled={!device}
            >
              {t('audit.breach.pickDevice')}
            </button>
            {[...clients.values()].map((client) => (
              <label key={client.id} className="check">
                <input
                  type="checkbox"
                  checked={clientIds.includes(client.id)}
                  onChange={(e) =>
                    setClientIds((ids) =>
                      e.target.checked ? [...ids, client.id] : ids.filter((x) => x !== client.id),
                    )
                  }
                />
                {client.names.latin}
              </label>
            ))}
          </fieldset>
          <GdprClientsField
            idPrefix="breach-record"
            clientIds={clientIds}
            euClientIds={affected.euClientIds}
            onChange={(euClientIds) => setAffected((before) => ({ ...before, euClientIds }))}
            clients={clients}
            name={names.client}
          />
          {flag('encrypted', 'audit.breach.encrypted')}
          {flags.encrypted && flag('keyExposed', 'audit.breach.keyExposed')}
          {flag('wrongfulPurpose', 'audit.breach.wrongful')}
          {flag('financialHarmRisk', 'audit.breach.financial')}
          <PpcTextsField idPrefix="breach-record" texts={ppcTexts} onChange={setPpcTexts} />
          <button type="submit">{t('audit.breach.save')}</button>
          {message && (
            <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'success'}>
              {message.text}
            </p>
          )}
        </form>
      )}
      <h3>{t('audit.breach.list')}</h3>
      {incidents.error ? (
        <p className="error">{t('audit.failed', { message: String(incidents.error) })}</p>
      ) : !incidents.data ? (
        <p className="muted">{t('audit.loading')}</p>
      ) : incidents.data.length === 0 ? (
        <EmptyState>{t('audit.none')}</EmptyState>
      ) : (
        incidents.data.map((incident) => (
          <IncidentCard
            key={incident.id}
            incident={incident}
            names={names}
            clients={clients}
            onChanged={incidents.reload}
          />
        ))
      )}
    </div>
  );
}
