import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolmentView } from '../../../../shared/index';
import type { StaffClient } from '../../auth/auth-client';
import { Fingerprint } from '../enrolment/Fingerprint';
import { describeStaffError } from './describe-error';
import { useLogAccess } from '../../core/audit/use-log-access';
import { deviceApprovalEntry } from '../../../../shared/domain/audit-entries';
import { EmptyState } from '../../components/EmptyState';

/** How often the list of waiting devices is fetched again while this screen is open. */
const POLL_MS = 4_000;

interface Props {
  staff: StaffClient;
  /** After a decision: the staff list shows the device's new status. */
  onDecided(): void;
}

/**
 * Devices waiting for approval. Approving needs an explicit "I compared the fingerprint" from the approver:
 * reading the digits against the new device's screen is what proves the server holds that device's keys.
 */
export function PendingApprovals({ staff, onDecided }: Props) {
  const { t } = useTranslation();
  const log = useLogAccess();
  const [enrolments, setEnrolments] = useState<EnrolmentView[] | undefined>();
  const [compared, setCompared] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | undefined>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();

  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    const fetchList = () =>
      staff.pendingEnrolments().then(
        (list) => live && setEnrolments(list),
        (cause: unknown) => live && setMessage({ text: describeStaffError(t, cause), error: true }),
      );
    void fetchList();
    const timer = setInterval(() => void fetchList(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [staff, t, reload]);

  async function decide(enrolment: EnrolmentView, decision: 'approve' | 'deny') {
    setBusy(enrolment.enrolmentId);
    setMessage(undefined);
    try {
      if (decision === 'approve') await staff.approve(enrolment.enrolmentId);
      if (decision === 'approve') await log(deviceApprovalEntry(enrolment.deviceId));
      else await staff.deny(enrolment.enrolmentId);
      setMessage({
        text: t(decision === 'approve' ? 'staff.approvals.approved' : 'staff.approvals.denied', {
          device: enrolment.deviceName,
        }),
        error: false,
      });
      onDecided();
    } catch (cause) {
      setMessage({ text: describeStaffError(t, cause), error: true });
    } finally {
      setBusy(undefined);
      setReload((n) => n + 1);
    }
  }

  return (
    <section aria-labelledby="approvals-heading" className="panel">
      <h3 id="approvals-heading">{t('staff.approvals.heading')}</h3>
      {message && (
        <p className={message.error ? 'field-error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {enrolments === undefined && <p className="muted">{t('staff.loading')}</p>}
      {enrolments?.length === 0 && <EmptyState>{t('staff.approvals.none')}</EmptyState>}
      {enrolments?.map((enrolment) => {
        const checkboxId = `compared-${enrolment.enrolmentId}`;
        const isCompared = compared.has(enrolment.enrolmentId);
        return (
          <article
            key={enrolment.enrolmentId}
            className="enrolment-request"
            aria-label={`${enrolment.staffName} — ${enrolment.deviceName}`}
          >
            <p>
              {t('staff.approvals.request', {
                name: enrolment.staffName,
                role: t(`roles.${enrolment.role}`),
                device: enrolment.deviceName,
              })}
            </p>
            <p className="muted small">
              {t('staff.approvals.requestedAt', { time: new Date(enrolment.createdAt) })}
            </p>
            <h4>{t('staff.approvals.fingerprint')}</h4>
            <Fingerprint value={enrolment.fingerprint} testId="enrolment-fingerprint" />
            <label className="confirm" htmlFor={checkboxId}>
              <input
                id={checkboxId}
                type="checkbox"
                checked={isCompared}
                onChange={(e) => {
                  const next = new Set(compared);
                  if (e.target.checked) next.add(enrolment.enrolmentId);
                  else next.delete(enrolment.enrolmentId);
                  setCompared(next);
                }}
              />{' '}
              {t('staff.approvals.confirm')}
            </label>
            <div className="actions">
              <button
                type="button"
                disabled={!isCompared || busy !== undefined}
                onClick={() => void decide(enrolment, 'approve')}
              >
                {t('staff.approvals.approve')}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={busy !== undefined}
                onClick={() => void decide(enrolment, 'deny')}
              >
                {t('staff.approvals.deny')}
              </button>
            </div>
          </article>
        );
      })}
    </section>
  );
}
