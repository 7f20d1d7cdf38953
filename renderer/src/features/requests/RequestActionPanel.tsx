import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentMethod, ConsentPurpose } from '../../../../shared/domain/consent';
import type { DataSubjectRequest } from '../../../../shared/domain/request';
import { CEASABLE_PURPOSES } from '../../../../shared/domain/request-evidence';
import { erasureAnswerProblem } from '../../../../shared/domain/request-rules';
import { PERMISSIONS } from '../../../../shared/auth/roles';
import { useSession } from '../../session/index';
import { useErasures } from '../erasure/erasure-data';
import { RequestRefused, useRequestActions } from './requests-data';

const METHODS: readonly ConsentMethod[] = ['signed-paper', 'e-signature', 'email'];
const methodOf = (request: DataSubjectRequest): ConsentMethod =>
  request.channel === 'email' ? 'email' : request.channel === 'web-form' ? 'e-signature' : 'signed-paper';

/**
 * Carries out a cessation of use, a cessation of provision or an erasure from the register: what the request's
 * answer rests on (request-evidence.ts). Shown to those who handle requests, while the request is open.
 */
export function RequestActionPanel({ request }: { request: DataSubjectRequest }) {
  const { t } = useTranslation();
  const actions = useRequestActions();
  const { identity } = useSession();
  const [purposes, setPurposes] = useState<ConsentPurpose[]>([]);
  const [method, setMethod] = useState<ConsentMethod>(methodOf(request));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const kind = request.type;
  if (
    kind !== 'cessation-of-use' &&
    kind !== 'cessation-of-provision' &&
    kind !== 'erasure' &&
    kind !== 'consent-withdrawal'
  )
    return null;
  // The DPO (admin) handles requests but does not write the consent ledger (shared/auth/roles.ts): for a consent
  // withdrawal, they record the withdrawals a manager or coordinator made; for a cessation, a manager acts.
  const writesLedger = PERMISSIONS[identity.role].collections.consents.write !== 'none';
  const withdrawing = kind === 'consent-withdrawal';
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    work().then(
      () => {
        setBusy(false);
        setProblem(undefined);
      },
      (cause: unknown) => {
        setBusy(false);
        setProblem(cause instanceof RequestRefused ? t(`requests.refused.${cause.problem}`) : String(cause));
      },
    );
  };
  const done = request.action;
  return (
    <section className="panel" aria-labelledby="request-action-heading" data-testid="request-action">
      <h3 id="request-action-heading">{t('requests.act.heading')}</h3>
      {done ? (
        <p role="status">
          {t(`requests.act.done.${done.kind}`, {
            time: done.at,
            count: done.consentRecordIds?.length ?? 0,
          })}
        </p>
      ) : kind === 'erasure' ? (
        <ErasureAction request={request} busy={busy} run={run} />
      ) : !writesLedger && !withdrawing ? (
        <p className="muted">{t('requests.act.consentWriters')}</p>
      ) : (
        <>
          <p className="muted">
            {withdrawing
              ? t(writesLedger ? 'requests.act.withdrawalIntro' : 'requests.act.withdrawalIntroDpo')
              : kind === 'cessation-of-use'
                ? t('requests.act.useIntro')
                : t('requests.act.provisionIntro')}
          </p>
          {(kind === 'cessation-of-use' || withdrawing) && (
            <fieldset>
              <legend>{t('requests.act.purposes')}</legend>
              {CEASABLE_PURPOSES.map((purpose) => (
                <label key={purpose} className="checkbox">
                  <input
                    type="checkbox"
                    checked={purposes.includes(purpose)}
                    onChange={(event) =>
                      setPurposes((chosen) =>
                        event.target.checked ? [...chosen, purpose] : chosen.filter((p) => p !== purpose),
                      )
                    }
                  />{' '}
                  {t(`requests.act.purpose.${purpose}`)}
                </label>
              ))}
            </fieldset>
          )}
          {writesLedger && (
            <>
              <label htmlFor="request-action-method">{t('requests.act.method')}</label>
              <select
                id="request-action-method"
                value={method}
                onChange={(event) => setMethod(event.target.value as ConsentMethod)}
              >
                {METHODS.map((value) => (
                  <option key={value} value={value}>
                    {t(`requests.act.consentMethod.${value}`)}
                  </option>
                ))}
              </select>
            </>
          )}
          <button
            type="button"
            disabled={busy || (kind !== 'cessation-of-provision' && purposes.length === 0)}
            onClick={() =>
              run(() =>
                withdrawing
                  ? actions.recordConsentWithdrawal(request, purposes, method, writesLedger)
                  : kind === 'cessation-of-use'
                    ? actions.ceaseUse(request, purposes, method)
                    : actions.ceaseProvision(request, method),
              )
            }
          >
            {withdrawing
              ? t('requests.act.recordWithdrawal')
              : kind === 'cessation-of-use'
                ? t('requests.act.ceaseUse')
                : t('requests.act.ceaseProvision')}
          </button>
        </>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function ErasureAction({
  request,
  busy,
  run,
}: {
  request: DataSubjectRequest;
  busy: boolean;
  run(work: () => Promise<void>): void;
}) {
  const { t } = useTranslation();
  const actions = useRequestActions();
  const { erasures, reload } = useErasures();
  // Of the scope asked (or the whole client), scheduled since the request was received, not cancelled: what
  // answers it (request-rules.ts).
  const problem = erasureAnswerProblem(request, erasures ?? []);
  const scoped = request.erasureScope !== undefined && request.erasureScope !== 'client';
  return (
    <>
      <p className="muted" data-testid="request-erasure-state">
        {problem === undefined
          ? t('requests.act.erasureIntro')
          : problem === 'erasure-partial'
            ? scoped
              ? t('requests.act.erasurePartialScoped', {
                  scope: t(`requests.erasureScope.${request.erasureScope}`),
                })
              : t('requests.act.erasurePartial')
            : t('requests.act.erasureNone')}
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() => run(() => actions.recordErasure(request).finally(reload))}
      >
        {t('requests.act.recordErasure')}
      </button>
    </>
  );
}
