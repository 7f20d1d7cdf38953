import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import type { Client } from '../../../../shared/index';
import { useSession } from '../../session/index';
import {
  mayRecordConsents,
  purposeRows,
  useConsentRecords,
  useNotices,
  useNow,
  usePartnerNames,
  useStaffEntries,
} from './consent-data';
import { ConsentReceipt } from './ConsentReceipt';
import { ConsentTimeline } from './ConsentTimeline';
import { purposeLabelWithCode, shortId } from './labels';
import { RecordConsentForm } from './RecordConsentForm';
import { WithdrawDialog } from './WithdrawDialog';
import './consents.css';

type Mode =
  | { kind: 'record' }
  | { kind: 'correct'; record: ConsentRecord }
  | { kind: 'withdraw'; consent: ConsentRecord }
  | { kind: 'receipt' }
  | undefined;

/**
 * The client's Consents tab: per purpose, what is in force now; the ledger as a timeline; recording a consent, a
 * refusal or that the client was told; a withdrawal of any consent in force; a correction (a new record); the
 * receipt. No role is offered a change or a deletion of a record.
 */
export function ConsentsPanel({ client }: { client: Client }) {
  const { t, i18n } = useTranslation();
  const partnerName = usePartnerNames();
  const { identity } = useSession();
  const ledger = useConsentRecords(client.id);
  const { notices } = useNotices();
  const staff = useStaffEntries();
  const now = Math.max(useNow(), ledger.readAt);
  const [mode, setMode] = useState<Mode>();
  const [done, setDone] = useState<{ key: string; values?: Record<string, unknown> } | undefined>();
  const close = useCallback(() => setMode(undefined), []);
  // The form that was recorded is gone: the focus goes to the consents as they now stand, not to the page, and
  // not to the notice, which clears itself (a hidden element loses the focus to the page: review23-s7 A7). The
  // notice is a status region: a screen reader still reads it.
  const statesHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) statesHeading.current?.focus();
  }, [done]);
  // A new action forgets what the last one reported.
  const open = (next: Mode) => {
    setDone(undefined);
    setMode(next);
  };
  const finished = (key: string) => () => {
    setMode(undefined);
    setDone({ key });
  };
  const withdrawn = (erasureRequest?: { id: string; dueAt: number } | 'pending') => {
    setMode(undefined);
    setDone(
      erasureRequest === 'pending'
        ? { key: 'consents.withdraw.recordedErasurePending' }
        : erasureRequest
          ? {
              key: 'consents.withdraw.recordedWithErasure',
              values: { id: shortId(erasureRequest.id), due: new Date(erasureRequest.dueAt) },
            }
          : { key: 'consents.withdraw.recorded' },
    );
  };

  if (ledger.loading) return <p className="muted">{t('consents.loading')}</p>;
  const mayRecord = mayRecordConsents(identity.role);
  const rows = purposeRows(ledger.trusted, notices, client.id, now);

  return (
    <>
      <section className="consents-panel" aria-labelledby="consents-heading" data-client-id={client.id}>
        <h3 id="consents-heading">{t('consents.heading')}</h3>
        <p className="muted small">{t('consents.intro')}</p>
        {done && (
          <p
            className="notice fading"
            role="status"
            data-testid="consents-notice"
            key={t(done.key, done.values)}
          >
            {t(done.key, done.values)}
          </p>
        )}

        <h4 id="consent-states-heading" tabIndex={-1} ref={statesHeading}>
          {t('consents.states.heading')}
        </h4>
        <table className="consent-states" aria-labelledby="consent-states-heading">
          <tbody>
            {rows.map((row) => {
              // Two purposes with one partner are two rows: each names its catalogue purpose.
              const label = purposeLabelWithCode(t, i18n.language, row, partnerName);
              return (
                <tr
                  key={row.key}
                  data-testid="consent-state"
                  data-purpose={row.purpose}
                  data-state={row.state}
                >
                  <th scope="row">{label}</th>
                  <td>
                    <span className={`badge state-${row.state}`}>{t(`consents.states.${row.state}`)}</span>
                  </td>
                  <td className="small">
                    {row.live &&
                      t('consents.states.since', {
                        time: new Date(row.live.at),
                        version: row.live.noticeVersion,
                      })}
                    {row.withdrawal &&
                      t('consents.states.withdrawnOn', { time: new Date(row.withdrawal.at) })}
                    {row.unverified && t('consents.states.unverifiedHint')}
                    {row.renewal && (
                      <>
                        <br />
                        {t('consents.states.renewBy', {
                          version: row.renewal.notice.version,
                          deadline: new Date(row.renewal.deadline),
                        })}
                      </>
                    )}
                  </td>
                  <td>
                    {mayRecord && (row.live ?? row.unverified) && (
                      <button
                        type="button"
                        className="secondary small"
                        aria-label={t('consents.withdraw.openFor', { purpose: label })}
                        onClick={() => open({ kind: 'withdraw', consent: (row.live ?? row.unverified)! })}
                      >
                        {t('consents.withdraw.open')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>

        {!mayRecord && <p className="muted">{t('consents.readOnly')}</p>}
        <div className="consent-actions">
          {mayRecord && mode?.kind !== 'record' && (
            <button type="button" onClick={() => open({ kind: 'record' })}>
              {t('consents.record.open')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => open({ kind: 'receipt' })}>
            {t('consents.receipt.open')}
          </button>
        </div>

        {mode?.kind === 'record' && (
          <RecordConsentForm
            client={client}
            notices={notices}
            staff={staff}
            onDone={finished('consents.record.recorded')}
            onCancel={close}
          />
        )}
        {mode?.kind === 'correct' && (
          <RecordConsentForm
            key={mode.record.id}
            client={client}
            notices={notices}
            staff={staff}
            correcting={mode.record}
            onDone={finished('consents.record.recorded')}
            onCancel={close}
          />
        )}

        <h4 id="consent-timeline-heading">{t('consents.timeline.heading')}</h4>
        <ConsentTimeline
          entries={ledger.entries}
          trusted={ledger.trusted}
          staff={staff}
          {...(mayRecord ? { onCorrect: (record: ConsentRecord) => open({ kind: 'correct', record }) } : {})}
        />

        {mode?.kind === 'withdraw' && (
          <WithdrawDialog
            client={client}
            consent={mode.consent}
            staff={staff}
            onDone={withdrawn}
            onCancel={close}
          />
        )}
        {mode?.kind === 'receipt' && <ConsentReceipt client={client} rows={rows} onClose={close} />}
      </section>
    </>
  );
}
