import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { CONSENT_METHODS, CONSENT_REQUESTERS, type ConsentRecord } from '../../../../shared/domain/consent';
import { validateWithdrawalForm, type WithdrawalFormFields } from '../../../../shared/domain/consent-form';
import type { Client } from '../../../../shared/index';
import { DateTimeField, ErrorSummary, Field, fieldId, useForm } from '../../components/form/index';
import { ConsentFormSettings } from './form-settings';
import { useSession } from '../../session/index';
import { useConsentCommands, usePartnerNames, type DirectoryEntry } from './consent-data';
import { ConsentCommandError } from './describe-problem';
import { localDateTimeValue, momentOf, purposeLabel } from './labels';

interface Draft {
  requestedBy: string;
  method: string;
  at: string;
  witnessStaffId: string;
  notes: string;
}

/**
 * Records the client's withdrawal of a consent in force. Before the person confirms, it says what the withdrawal
 * does for its purpose; it takes effect on this device at once (the gates read the local ledger), online or not.
 */
export function WithdrawDialog({
  client,
  consent,
  onDone,
  onCancel,
}: {
  client: Client;
  /** The consent in force (the head of its correction chain). */
  consent: ConsentRecord;
  /** Unused since the witness is the recorder; kept so that callers need not change. */
  staff?: readonly DirectoryEntry[];
  /** `erasureRequest`: the erasure request logged with a medical-data withdrawal, if the client asked for one. */
  onDone(erasureRequest?: { id: string; dueAt: number } | 'pending'): void;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const partnerName = usePartnerNames();
  const { identity } = useSession();
  const commands = useConsentCommands();
  const [erasure, setErasure] = useState(false);
  // Set by save, read by onSaved in the same submit (a state would still hold the render's value there).
  const logged = useRef<{ id: string; dueAt: number } | 'pending'>(undefined);
  const [start] = useState<Draft>(() => ({
    requestedBy: 'client',
    method: 'signed-paper',
    at: localDateTimeValue(Date.now()),
    witnessStaffId: '',
    notes: '',
  }));
  const form = useForm<Draft, WithdrawalFormFields>({
    initial: start,
    validate: (draft) =>
      validateWithdrawalForm(
        { ...draft, at: momentOf(draft.at) },
        { referredAt: consent.at, recorderId: identity.staffId, now: Date.now() },
      ),
    save: async (fields) => {
      const result = await commands.withdraw({
        ...fields,
        ...(erasure && consent.purpose === 'medical-data' ? { erasure: true } : {}),
        clientId: client.id,
        refersTo: consent.id,
      });
      if (!result.ok) throw new ConsentCommandError(result.problem);
      logged.current = result.erasurePending ? 'pending' : result.erasureRequest;
    },
    onSaved: () => onDone(logged.current),
    describeError: (cause) => (cause instanceof ConsentCommandError ? cause.problem : 'other'),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  const field = (name: keyof Draft, label: string) => {
    const path = `withdrawal.${name}`;
    return {
      id: fieldId(path),
      errors: form.errorsAt(path, { exact: true }),
      className: 'consent-field',
      label,
    };
  };
  const purpose = purposeLabel(t, i18n.language, consent, partnerName);
  const effects =
    consent.purpose === 'medical-data' ? ['medical-data', 'medical-erasure'] : [consent.purpose];

  return createPortal(
    <div className="consent-overlay">
      <div
        className="consent-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="withdraw-heading"
        data-testid="withdraw-dialog"
      >
        <ConsentFormSettings>
          <h3 id="withdraw-heading" tabIndex={-1} ref={heading}>
            {t('consents.withdraw.heading', { purpose })}
          </h3>
          <section className="withdraw-effects" aria-labelledby="withdraw-effects-heading">
            <h4 id="withdraw-effects-heading">{t('consents.withdraw.effectsHeading')}</h4>
            <ul>
              {effects.map((effect) => (
                <li key={effect}>{t(`consents.withdraw.effects.${effect}`)}</li>
              ))}
              <li>{t('consents.withdraw.offline')}</li>
            </ul>
          </section>
          <form className="consent-form" onSubmit={(event) => void form.submit(event)} noValidate>
            <Field {...field('requestedBy', t('consents.withdraw.requestedBy'))}>
              {(control) => (
                <select {...control} {...form.bind('requestedBy')}>
                  {CONSENT_REQUESTERS.map((who) => (
                    <option key={who} value={who}>
                      {t(`consents.requesters.${who}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field {...field('method', t('consents.withdraw.method'))}>
              {(control) => (
                <select {...control} {...form.bind('method')}>
                  {CONSENT_METHODS.map((option) => (
                    <option key={option} value={option}>
                      {t(`consents.methods.${option}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <DateTimeField {...field('at', t('consents.withdraw.at'))} {...form.bind('at')} />
            {form.values.method === 'verbal-witnessed' && (
              <p className="small muted">{t('consents.record.witnessIsYou')}</p>
            )}
            {consent.purpose === 'medical-data' && (
              <div className="consent-field">
                <span />
                <label className="choice">
                  <input type="checkbox" checked={erasure} onChange={(e) => setErasure(e.target.checked)} />{' '}
                  {t('consents.withdraw.erasure')}
                </label>
              </div>
            )}
            <Field {...field('notes', t('consents.withdraw.notes'))}>
              {(control) => <textarea {...control} rows={2} {...form.bind('notes')} />}
            </Field>
            <div className="consent-field">
              <span />
              <div className="consent-actions">
                <button type="submit" className="danger" disabled={form.saving}>
                  {t('consents.withdraw.confirm')}
                </button>
                <button type="button" className="secondary" onClick={onCancel}>
                  {t('consents.withdraw.cancel')}
                </button>
              </div>
            </div>
            <ErrorSummary
              form={form}
              invalid={t('consents.record.notRecorded')}
              failed={(code) => t(`consents.problems.${code}`, { code })}
            />
          </form>
        </ConsentFormSettings>
      </div>
    </div>,
    document.body,
  );
}
