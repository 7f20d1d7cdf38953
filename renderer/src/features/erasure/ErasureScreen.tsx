import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Erasure, ErasureCertificate } from '../../../../shared/domain/erasure';
import { requestsRestingOn } from '../../../../shared/domain/request-rules';
import { useRequests } from '../requests/requests-data';
import { useStaffEntries } from '../consents/consent-data';
import { mayErase, useErasureCommands, useErasures, useErasureWatcher } from './erasure-data';
import { RetentionPanel } from '../retention/RetentionPanel';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatDateTime } from '../../i18n/format';
import './erasure.css';

export const seesErasures = mayErase;

/** A time in the app's language, in its one style ("1 Apr 2026, 21:00"), never the browser's own order. */
const dateIn = (language: string) => (ms: number) => formatDateTime(ms, language);

/** The due list first (scheduled, soonest due first), then what was done or cancelled, newest first. */
function dueFirst(erasures: readonly Erasure[]): Erasure[] {
  const scheduled = erasures.filter((e) => e.status === 'scheduled').sort((a, b) => a.dueAt - b.dueAt);
  return [...scheduled, ...erasures.filter((e) => e.status !== 'scheduled')];
}

/** Every erasure by client id (the admin): cancel one pending, read an executed one's signed certificate. */
export function ErasureScreen() {
  const { t, i18n } = useTranslation();
  const date = dateIn(i18n.language);
  const { erasures, error, reload } = useErasures();
  const commands = useErasureCommands();
  const [certificate, setCertificate] = useState<ErasureCertificate | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const requests = useRequests();
  // An erasure an erasure request rests on is not cancelled (request-rules.ts `requestsRestingOn`; the server
  // refuses too, 409 `erasure-answers-request`).
  const restsOnRequest = (e: Erasure) =>
    e.status === 'scheduled' && requestsRestingOn(e, requests ?? [], erasures ?? []).length > 0;

  const act = (work: () => Promise<unknown>) =>
    work()
      .then(reload)
      .catch((e: unknown) => setFailure(String((e as { reason?: string }).reason ?? e)));

  return (
    <section aria-labelledby="erasure-heading">
      <h2 id="erasure-heading">{t('erasure.heading')}</h2>
      <p className="muted">{t('erasure.intro')}</p>
      {error && <p className="form-error">{t('erasure.loadFailed', { reason: error })}</p>}
      {failure && (
        <p className="form-error" role="alert">
          {failure === 'erasure-answers-request'
            ? t('erasure.answersRequest')
            : t('erasure.failed', { reason: failure })}
        </p>
      )}
      {!erasures && !error && <p className="muted">{t('erasure.loading')}</p>}
      {erasures?.length === 0 && <EmptyState>{t('erasure.none')}</EmptyState>}
      {erasures && erasures.length > 0 && (
        <table className="erasure-table" data-testid="erasures">
          <thead>
            <tr>
              <th scope="col">{t('erasure.columns.client')}</th>
              <th scope="col">{t('erasure.columns.status')}</th>
              <th scope="col">{t('erasure.columns.due')}</th>
              <th scope="col">{t('erasure.columns.basis')}</th>
              <th scope="col">{t('erasure.columns.hold')}</th>
              <th scope="col">{t('erasure.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {dueFirst(erasures).map((e) => (
              <tr key={e.id}>
                <td>
                  <code>{e.clientId}</code>
                </td>
                <td>
                  {t(`erasure.status.${e.status}`)}
                  {e.scope && ` (${t(`erasure.part.scope.${e.scope}`)})`}
                </td>
                <td>{date(e.executedAt ?? e.dueAt)}</td>
                <td>{t(`erasure.bases.${e.basis}`)}</td>
                <td data-testid="erasure-hold">
                  {e.hold && e.status === 'scheduled'
                    ? t('erasure.holdRow', {
                        reason: e.hold.reason,
                        date: formatDate(e.hold.appliedAt, i18n.language),
                      })
                    : ''}
                </td>
                <td>
                  {restsOnRequest(e) && (
                    <span className="muted" data-testid="erasure-answers-request">
                      {t('erasure.answersRequest')}
                    </span>
                  )}
                  {e.status === 'scheduled' && !restsOnRequest(e) && (
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => void act(() => commands.cancel(e.id))}
                    >
                      {t('erasure.cancelErasure')}
                    </button>
                  )}
                  {e.status === 'executed' && (
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => void act(async () => setCertificate(await commands.certificate(e.id)))}
                    >
                      {t('erasure.showCertificate')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {certificate && <CertificateView certificate={certificate} onClose={() => setCertificate(undefined)} />}
      <RetentionPanel />
    </section>
  );
}

function CertificateView({ certificate: c, onClose }: { certificate: ErasureCertificate; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const date = dateIn(i18n.language);
  const staff = useStaffEntries();
  // The person by name where the directory knows them; the certificate itself keeps the id.
  const person = (id: string) => staff.find((entry) => entry.staffId === id)?.displayName ?? id;
  function download() {
    const blob = new Blob([JSON.stringify(c, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `erasure-certificate-${c.erasureId}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return (
    <article className="erasure-certificate" aria-labelledby="certificate-title" data-testid="certificate">
      <h3 id="certificate-title">{t('erasure.certificate.title')}</h3>
      <dl>
        <dt>{t('erasure.certificate.client')}</dt>
        <dd>
          <code>{c.clientId}</code>
        </dd>
        <dt>{t('erasure.certificate.basis')}</dt>
        <dd>
          {t(`erasure.bases.${c.basis}`)}
          {c.reference && ` · ${t('erasure.certificate.reference')}: ${c.reference}`}
        </dd>
      </dl>
      {c.scope && <p data-testid="certificate-scope">{t(`erasure.certificate.scope.${c.scope}`)}</p>}
      <p>{t('erasure.certificate.scheduled', { by: person(c.scheduledBy), date: date(c.scheduledAt) })}</p>
      <p>{t('erasure.certificate.executed', { date: date(c.executedAt) })}</p>
      <h4>{t('erasure.certificate.erased')}</h4>
      <ul>
        {c.report.erased.map((row) => (
          <li key={row.collection}>
            {t('erasure.certificate.erasedRow', {
              count: row.count,
              collection: t(`erasure.certificate.collections.${row.collection}`, {
                defaultValue: row.collection,
              }),
            })}
          </li>
        ))}
      </ul>
      <p>
        {t('erasure.certificate.keys', {
          count: c.report.keyWrapsDestroyed,
          recovery: t(c.report.recoveryWrapDestroyed ? 'erasure.certificate.yes' : 'erasure.certificate.no'),
        })}
      </p>
      <h4>{t('erasure.certificate.kept')}</h4>
      <ul>
        {c.report.kept.map((row) => (
          <li key={row.category}>
            {t('erasure.certificate.keptRow', {
              ...row,
              category: t(`erasure.certificate.categories.${row.category}`, { defaultValue: row.category }),
              date: formatDate(row.keptUntil, i18n.language),
            })}
          </li>
        ))}
      </ul>
      <h4>{t('erasure.certificate.devices')}</h4>
      {c.devices.length === 0 && <EmptyState>{t('erasure.certificate.noDevices')}</EmptyState>}
      <ul data-testid="certificate-devices">
        {c.devices.map((d) => (
          <li key={d.deviceId}>
            {t('erasure.certificate.deviceRow', { device: d.deviceId, date: date(d.confirmedAt) })}
          </li>
        ))}
      </ul>
      <p className="muted">
        {t('erasure.certificate.signature', { key: c.serverPublicKey })} <code>{c.signature}</code>
      </p>
      <button type="button" onClick={download}>
        {t('erasure.downloadJson')}
      </button>{' '}
      <button type="button" className="secondary" onClick={onClose}>
        {t('erasure.close')}
      </button>
    </article>
  );
}

/** Keeps this device's list of erasures current and purges what is erased: mounted while unlocked. */
export function ErasureWatcher() {
  useErasureWatcher();
  return null;
}
