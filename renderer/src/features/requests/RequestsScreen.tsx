import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deadlineState } from '../../../../shared/domain/request-rules';
import { EmptyState } from '../../components/EmptyState';
import { useSession } from '../../session/index';
import { LogRequestForm } from './LogRequestForm';
import { RequestDetail } from './RequestDetail';
import { logsRequests, useClientChoices, useNow, useRequests } from './requests-data';
import './requests.css';

/** The DPO's zone: deadlines are instants, shown in the zone of the person reading them. */
export const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The request register: every request on the device (a concierge's: their clients'), its deadline state in the
 * reader's zone, logging a new one, and a request's detail where it is handled.
 */
export function RequestsScreen() {
  const { t } = useTranslation();
  const { identity } = useSession();
  const requests = useRequests();
  const clients = useClientChoices();
  const now = useNow();
  const [logging, setLogging] = useState(false);
  const [selected, setSelected] = useState<string | undefined>();
  const nameOf = (clientId: string) => clients.find((c) => c.id === clientId)?.names.latin ?? '—';
  const chosen = requests?.find((request) => request.id === selected);

  if (chosen) {
    return (
      <RequestDetail
        request={chosen}
        clientName={nameOf(chosen.clientId)}
        onBack={() => setSelected(undefined)}
      />
    );
  }
  return (
    <section aria-labelledby="requests-heading" className="requests-screen">
      <h2 id="requests-heading">{t('requests.heading')}</h2>
      <p className="muted">{t('requests.intro')}</p>
      <p className="muted" data-testid="requests-zone">
        {t('requests.zone', { zone: viewerZone() })}
      </p>
      {logsRequests(identity.role) &&
        (logging ? (
          <LogRequestForm clients={clients} onDone={() => setLogging(false)} />
        ) : (
          <button type="button" onClick={() => setLogging(true)}>
            {t('requests.log')}
          </button>
        ))}
      {requests && requests.length === 0 && <EmptyState>{t('requests.empty')}</EmptyState>}
      {requests && requests.length > 0 && (
        <table className="requests-table" aria-labelledby="requests-heading">
          <thead>
            <tr>
              <th scope="col">{t('requests.columns.client')}</th>
              <th scope="col">{t('requests.columns.type')}</th>
              <th scope="col">{t('requests.columns.received')}</th>
              <th scope="col">{t('requests.columns.due')}</th>
              <th scope="col">{t('requests.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => {
              const state = deadlineState(request, now);
              return (
                <tr key={request.id} data-testid="request-row" data-state={state}>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(request.id)}>
                      {nameOf(request.clientId)}
                    </button>
                  </td>
                  <td>
                    {t(`requests.type.${request.type}`)}
                    {request.erasureScope &&
                      request.erasureScope !== 'client' &&
                      ` · ${t(`requests.erasureScope.${request.erasureScope}`)}`}
                  </td>
                  <td>
                    {t('requests.detail.received', {
                      time: request.receivedAt,
                      channel: t(`requests.channel.${request.channel}`),
                    })}
                  </td>
                  <td>
                    {t('requests.detail.due', { time: request.dueAt })}{' '}
                    <span className={`badge ${state}`}>{t(`requests.deadline.${state}`)}</span>
                  </td>
                  <td>{t(`requests.status.${request.status}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
