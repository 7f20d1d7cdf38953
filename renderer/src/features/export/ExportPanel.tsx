import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../../bridge/index';
import { ExportReport } from './ExportReport';
import { noAccessText } from './medical-holders';
import {
  ExportRefused,
  exportRefusalOf,
  useExportBuilder,
  useStaffNames,
  type BuiltExport,
  type ExportRefusalReason,
} from './export-data';
import { useLogAccess } from '../../core/audit/use-log-access';
import { clientExportEntry } from '../../../../shared/domain/audit-entries';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import './export.css';

/**
 * Builds the complete export of a client on this device, for the request it answers: the JSON file (saved through
 * the host's save dialog, or downloaded in the browser host) and the readable report in the client's language.
 * A request an export does not answer (not a disclosure, or closed) gets the reason instead of the button.
 */
export function ExportPanel({ request }: { request: DataSubjectRequest }) {
  const { t } = useTranslation();
  const build = useExportBuilder();
  const log = useLogAccess();
  const names = useStaffNames();
  const { clientId, id: requestId } = request;
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'building' }
    | { kind: 'built'; built: BuiltExport; saved?: string; report: boolean; language: 'en' | 'ja' }
    | { kind: 'failed'; reason: string }
  >({ kind: 'idle' });
  const refusedText = (reason: ExportRefusalReason) =>
    t(`export.panel.refused.${reason}`, {
      type: t(`requests.type.${request.type}`),
      status: t(`requests.status.${request.status}`),
    });
  const notHere = exportRefusalOf(request);
  if (notHere === 'not-for-export' || notHere === 'closed') {
    return (
      <section className="panel" aria-labelledby="export-heading">
        <h3 id="export-heading">{t('export.panel.heading')}</h3>
        <p className="muted" data-testid="export-not-for-request">
          {refusedText(notHere)}
        </p>
      </section>
    );
  }

  const start = () => {
    setState({ kind: 'building' });
    build(clientId, requestId).then(
      (built) => setState({ kind: 'built', built, report: false, language: built.exported.language }),
      (cause: unknown) =>
        setState({
          kind: 'failed',
          reason:
            cause instanceof ExportRefused
              ? refusedText(cause.reason)
              : t('export.panel.failed', { reason: cause instanceof Error ? cause.message : String(cause) }),
        }),
    );
  };
  const save = async (built: BuiltExport) => {
    const result = await bridge.saveFile({
      suggestedName: `client-export-${clientId.slice(0, 8)}-${new Date(built.exported.exportedAt).toISOString().slice(0, 10)}.json`,
      contents: built.json,
      mimeType: 'application/json',
    });
    if (state.kind === 'built' && result.saved) setState({ ...state, saved: result.location ?? '' });
  };

  return (
    <section className="panel" aria-labelledby="export-heading">
      <h3 id="export-heading">{t('export.panel.heading')}</h3>
      <p className="muted">{t('export.panel.intro')}</p>
      <button type="button" onClick={start} disabled={state.kind === 'building'}>
        {state.kind === 'building' ? t('export.panel.building') : t('export.panel.build')}
      </button>
      {state.kind === 'failed' && (
        <p className="field-error" role="alert">
          {state.reason}
        </p>
      )}
      {state.kind === 'built' && (
        <>
          <p role="status" data-testid="export-built">
            {t('export.panel.built', { count: state.built.records, hash: state.built.sha256.slice(0, 16) })}
          </p>
          {state.built.exported.medical.state === 'no-access' && (
            <div className="field-error" role="alert" data-testid="export-no-access">
              {noAccessText(t, state.built.medicalHolders).map((text) => (
                <p key={text}>{text}</p>
              ))}
            </div>
          )}
          <div className="request-actions">
            <button type="button" onClick={() => void save(state.built)}>
              {t('export.panel.saveJson')}
            </button>
            <label htmlFor="export-language">{t('export.panel.language')}</label>
            <select
              id="export-language"
              value={state.language}
              onChange={(event) =>
                setState({ ...state, language: event.target.value === 'ja' ? 'ja' : 'en' })
              }
            >
              <option value="en">English</option>
              <option value="ja">日本語</option>
            </select>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void log(clientExportEntry(clientId, 'report', requestId)).then(() =>
                  setState({ ...state, report: true }),
                )
              }
            >
              {t('export.panel.showReport')}
            </button>
          </div>
          {state.saved !== undefined && (
            <p className="muted">{t('export.panel.saved', { location: state.saved })}</p>
          )}
          {state.report && (
            <ExportReport
              exported={state.built.exported}
              language={state.language}
              names={names}
              onClose={() => setState({ ...state, report: false })}
            />
          )}
        </>
      )}
    </section>
  );
}
