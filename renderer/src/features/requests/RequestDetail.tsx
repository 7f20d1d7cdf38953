import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/index';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import { answerEvidenceMissing, EVIDENCE_BY_TYPE } from '../../../../shared/domain/request-evidence';
import { deadlineState, isClosed, mayExtend, targetAtOf } from '../../../../shared/domain/request-rules';
import { useSession } from '../../session/index';
import { ExportPanel } from '../export/ExportPanel';
import { RequestErasure } from '../erasure/RequestErasure';
import { CloseForm, VerifyForm } from './HandleForms';
import { RequestActionPanel } from './RequestActionPanel';
import { WithdrawPanel } from './WithdrawPanel';
import { handlesRequests, RequestRefused, useNow, useRequestCommands } from './requests-data';

interface Props {
  request: DataSubjectRequest;
  clientName: string;
  onBack(): void;
}

/** One request: what was asked, by whom, the deadline, and (for the DPO and managers) its handling. */
export function RequestDetail({ request, clientName, onBack }: Props) {
  const { t } = useTranslation();
  const { identity, device } = useSession();
  const commands = useRequestCommands();
  const now = useNow();
  const [problem, setProblem] = useState<string | undefined>();
  const [extendReason, setExtendReason] = useState('');
  const state = deadlineState(request, now);
  const handles = handlesRequests(identity.role);
  const open = !isClosed(request.status);
  const staffId = device.session.staffId;
  const act = (change: (r: DataSubjectRequest) => Partial<DataSubjectRequest>) =>
    commands.change(request.id, change).then(
      () => setProblem(undefined),
      (cause: unknown) =>
        setProblem(cause instanceof RequestRefused ? t(`requests.refused.${cause.problem}`) : String(cause)),
    );
  const typeName = t(`requests.type.${request.type}`);

  return (
    <section aria-labelledby="request-heading" className="request-detail">
      <button type="button" className="secondary" onClick={onBack}>
        {t('requests.detail.back')}
      </button>
      <h2 id="request-heading">{t('requests.detail.heading', { type: typeName })}</h2>
      <dl>
        <dt>{t('requests.detail.client')}</dt>
        <dd>{clientName}</dd>
        <dt>{t('requests.columns.received')}</dt>
        <dd>
          {t('requests.detail.received', {
            time: request.receivedAt,
            channel: t(`requests.channel.${request.channel}`),
          })}
        </dd>
        <dt>{t('requests.columns.due')}</dt>
        <dd data-testid="request-due">
          {t('requests.detail.due', { time: request.dueAt })}{' '}
          <span className={`badge ${state}`}>{t(`requests.deadline.${state}`)}</span>
          <br />
          <span className="muted">{t('requests.detail.target', { time: targetAtOf(request) })}</span>
        </dd>
        <dt>{t('requests.detail.rule')}</dt>
        <dd>{t(`requests.gdpr.${request.gdprBasis}`)}</dd>
        <dt>{t('requests.columns.status')}</dt>
        <dd data-testid="request-status">{t(`requests.status.${request.status}`)}</dd>
        <dt>{t('requests.detail.requester')}</dt>
        <dd>
          {t(`requests.requester.${request.requester.kind}`)}
          {request.requester.name && ` · ${request.requester.name} (${request.requester.relationship ?? ''})`}
        </dd>
        {request.type === 'erasure' && (
          <>
            <dt>{t('requests.field.erasureScope')}</dt>
            <dd data-testid="request-erasure-scope">
              {t(`requests.erasureScope.${request.erasureScope ?? 'client'}`)}
            </dd>
          </>
        )}
        {request.details && (
          <>
            <dt>{t('requests.detail.details')}</dt>
            <dd>{request.details}</dd>
          </>
        )}
        <dt>{t('requests.detail.verification')}</dt>
        <dd>
          {request.verification
            ? t('requests.detail.verified', {
                outcome: t(`requests.outcome.${request.verification.outcome}`),
                method: t(`requests.method.${request.verification.method}`),
                time: request.verification.at,
              })
            : t('requests.detail.notVerified')}
          {(request.earlierChecks ?? []).map((check) => (
            <span key={check.at} className="muted" data-testid="request-earlier-check">
              <br />
              {t('requests.history.earlierCheck', {
                outcome: t(`requests.outcome.${check.outcome}`),
                method: t(`requests.method.${check.method}`),
                time: check.at,
              })}
            </span>
          ))}
        </dd>
        {request.extension && (
          <>
            <dt>{t('requests.columns.due')}</dt>
            <dd>{t('requests.detail.extension', { reason: request.extension.reason })}</dd>
          </>
        )}
        {request.answer && (
          <>
            <dt>{t('requests.detail.answer')}</dt>
            <dd>
              {t(`requests.answerChannel.${request.answer.channel}`)}: {request.answer.summary}
              {request.answer.ground && ` (${t(`requests.ground.${request.answer.ground}`)})`}
            </dd>
          </>
        )}
        {request.action && (
          <>
            <dt>{t('requests.act.doneLabel')}</dt>
            <dd data-testid="request-action-done">
              {t(`requests.act.done.${request.action.kind}`, {
                time: request.action.at,
                count: request.action.consentRecordIds?.length ?? 0,
              })}
            </dd>
          </>
        )}
        {request.withdrawalReason && (
          <>
            <dt>{t('requests.act.withdrawReason')}</dt>
            <dd>
              {request.withdrawalReason}
              {request.withdrawalChannel &&
                t('requests.history.withdrawalChannel', {
                  channel: t(`requests.channel.${request.withdrawalChannel}`),
                })}
            </dd>
          </>
        )}
        {request.refusal && (
          <>
            <dt>{t('requests.detail.refusal')}</dt>
            <dd>
              {t(`requests.ground.${request.refusal.ground}`)}: {request.refusal.reason}
            </dd>
          </>
        )}
        {request.exports && request.exports.length > 0 && (
          <>
            <dt>{t('requests.detail.exports')}</dt>
            <dd>
              <ul>
                {request.exports.map((record) => (
                  <li key={`${record.at}-${record.sha256}`}>
                    {t('requests.detail.exportLine', { time: record.at, hash: record.sha256.slice(0, 16) })}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {!handles && <p className="muted">{t('requests.detail.handledBy')}</p>}
      {handles && open && (
        <>
          {request.verification?.outcome === 'failed' && (
            <p className="muted" data-testid="request-check-again">
              {t('requests.history.checkAgain')}
            </p>
          )}
          {request.verification?.outcome !== 'verified' && (
            <VerifyForm
              request={request}
              onVerified={(value) =>
                commands.change(request.id, (r) => ({
                  verification: {
                    method: value.method,
                    outcome: value.outcome,
                    by: staffId,
                    at: Date.now(),
                    ...(value.notes ? { notes: value.notes } : {}),
                  },
                  // A failed check is kept when a new one follows it (request-history.ts).
                  ...(r.verification ? { earlierChecks: [...(r.earlierChecks ?? []), r.verification] } : {}),
                  ...(value.evidence && r.requester.checkedBy === undefined
                    ? {
                        requester: {
                          ...r.requester,
                          evidence: value.evidence,
                          checkedBy: staffId,
                          checkedAt: Date.now(),
                        },
                      }
                    : {}),
                  status: r.status === 'received' ? 'verifying' : r.status,
                  handlerId: r.handlerId ?? staffId,
                }))
              }
            />
          )}
          <div className="request-actions">
            {request.status !== 'in-progress' && (
              <button
                type="button"
                onClick={() => void act(() => ({ status: 'in-progress', handlerId: staffId }))}
              >
                {t('requests.actions.start')}
              </button>
            )}
          </div>
          <WithdrawPanel overdue={state === 'overdue'} act={act} />
          {mayExtend(request, now) && (
            <div className="request-actions">
              <label htmlFor="request-extend-reason">{t('requests.actions.extendReason')}</label>
              <input
                id="request-extend-reason"
                value={extendReason}
                onChange={(event) => setExtendReason(event.target.value)}
              />
              <button
                type="button"
                className="secondary"
                disabled={extendReason.trim() === ''}
                onClick={() =>
                  void act(() => ({
                    extension: { reason: extendReason.trim(), by: staffId, at: Date.now() },
                  }))
                }
              >
                {t('requests.actions.extend')}
              </button>
            </div>
          )}
          {can(identity.role, 'exportData') && <ExportPanel request={request} />}
          {request.type === 'erasure' && (
            <RequestErasure
              clientId={request.clientId}
              requestId={request.id}
              {...(request.erasureScope ? { scope: request.erasureScope } : {})}
            />
          )}
          <RequestActionPanel request={request} />
          {answerEvidenceMissing(request) && (
            <p className="muted" data-testid="request-needs-evidence">
              {EVIDENCE_BY_TYPE[request.type] === 'export'
                ? t('requests.act.needsExport')
                : t('requests.act.needsAction')}
            </p>
          )}
          <CloseForm
            type={request.type}
            onClose={(value) =>
              commands.change(request.id, () =>
                value.kind === 'answer'
                  ? {
                      status: 'answered',
                      answer: {
                        channel: value.channel,
                        summary: value.summary,
                        partial: value.partial,
                        ...(value.ground ? { ground: value.ground } : {}),
                        by: staffId,
                        at: Date.now(),
                      },
                    }
                  : {
                      status: 'refused',
                      refusal: { ground: value.ground, reason: value.reason, by: staffId, at: Date.now() },
                    },
              )
            }
          />
        </>
      )}
    </section>
  );
}
