import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_METHODS } from '../../../../shared/domain/consent';
import {
  noticeChoices,
  validateConsentForm,
  type ConsentFormFields,
} from '../../../../shared/domain/consent-form';
import { DateField, ErrorSummary, Field, TimeField, useForm } from '../../components/form/index';
import { useSession } from '../../session/index';
import { officeDateTime, officeInstant } from '../notices/notice-form';
import { languageName } from './language-name';
import { useRenewalCommands, type RenewalRow } from './renewal-data';

const OUTCOMES = ['informed', 'given', 'refused'] as const;

interface Draft {
  action: string;
  method: string;
  date: string;
  time: string;
  witnessStaffId: string;
  notes: string;
}

/**
 * Records one step of a client's renewal under the new version: told (how, when), renewed (a medical-data consent
 * given under it) or refused. Checked by the consent form's rules, then recorded, signed, by the consents feature.
 */
export function RenewalForm({
  row,
  name,
  now,
  onDone,
}: {
  row: RenewalRow;
  name: string;
  /** The screen's clock: the form opens with it as the moment. */
  now: number;
  onDone(saved: boolean): void;
}) {
  const { t, i18n } = useTranslation();
  const { identity } = useSession();
  const commands = useRenewalCommands();
  const [refusal, setRefusal] = useState<string | undefined>();
  const notice = row.need.notice;
  const clientLanguages = row.client?.languages ?? [];
  const shown = noticeChoices([notice], clientLanguages, now)[0];
  const form = useForm<Draft, ConsentFormFields>({
    initial: () => {
      const nowInOffice = officeDateTime(now);
      return {
        action: row.state === 'to-tell' ? 'informed' : 'given',
        method: 'email',
        date: nowInOffice.date,
        time: nowInOffice.time,
        witnessStaffId: '',
        notes: '',
      };
    },
    validate: (draft) =>
      validateConsentForm(
        {
          action: draft.action,
          purpose: 'medical-data',
          noticeId: notice.id,
          method: draft.method,
          at: officeInstant(draft.date, draft.time) ?? Number.NaN,
          witnessStaffId: draft.witnessStaffId,
          notes: draft.notes,
        },
        { notices: [notice], clientLanguages, recorderId: identity.staffId, now: Date.now() },
      ),
    save: async (fields) => {
      const result = await commands.record({
        clientId: row.clientId,
        action: fields.action,
        purpose: 'medical-data',
        noticeId: fields.noticeId,
        language: fields.language,
        method: fields.method,
        at: fields.at,
        ...(fields.witnessStaffId ? { witnessStaffId: fields.witnessStaffId } : {}),
        ...(fields.notes ? { notes: fields.notes } : {}),
      });
      if (!result.ok) {
        const known = ['not-allowed', 'locked', 'notice-unavailable'] as const;
        const problem = (known as readonly string[]).includes(result.problem)
          ? t(`renewals.problem.${result.problem as (typeof known)[number]}`)
          : t('renewals.problem.other', { code: result.problem });
        setRefusal(t('renewals.form.refused', { problem }));
        throw Object.assign(new Error(result.problem), { code: result.problem });
      }
      setRefusal(undefined);
    },
    onSaved: () => onDone(true),
    describeError: (cause) =>
      typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : 'unknown',
  });

  return (
    <form
      className="renewal-form panel"
      onSubmit={form.submit}
      noValidate
      aria-labelledby="renewal-form-heading"
    >
      <h3 id="renewal-form-heading">{t('renewals.form.heading', { name })}</h3>
      {shown && (
        <p className="muted">
          {t('renewals.form.shown', {
            version: notice.version,
            language: languageName(shown.language, i18n.language),
          })}
        </p>
      )}
      <fieldset>
        <legend>{t('renewals.form.outcome')}</legend>
        {OUTCOMES.map((outcome) => (
          <label key={outcome} className="check">
            <input
              type="radio"
              name="renewal-outcome"
              value={outcome}
              checked={form.values.action === outcome}
              // The form opens under the client's row: the person's focus moves into it.
              autoFocus={form.values.action === outcome && !form.edited}
              onChange={() => form.set({ action: outcome })}
            />
            {t(`renewals.form.outcomes.${outcome}`)}
          </label>
        ))}
      </fieldset>
      <Field id="renewal-method" label={t('renewals.form.method')} errors={form.errorsAt('consent.method')}>
        {(control) => (
          <select {...control} {...form.bind('method')}>
            {CONSENT_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(`renewals.methods.${method}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="notice-when">
        <DateField
          id="renewal-date"
          label={t('renewals.form.date')}
          errors={form.errorsAt('consent.at')}
          {...form.bind('date')}
        />
        <TimeField id="renewal-time" label={t('renewals.form.time')} {...form.bind('time')} />
      </div>
      {form.values.method === 'verbal-witnessed' && (
        <p className="small muted">{t('renewals.form.witnessIsYou')}</p>
      )}
      <Field id="renewal-notes" label={t('renewals.form.notes')} errors={form.errorsAt('consent.notes')}>
        {(control) => <textarea {...control} rows={2} {...form.bind('notes')} />}
      </Field>
      <div className="actions">
        <button type="submit" disabled={form.saving}>
          {t('renewals.form.save')}
        </button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          {t('renewals.form.cancel')}
        </button>
      </div>
      {refusal ? (
        <p role="alert" className="field-error">
          {refusal}
        </p>
      ) : (
        <ErrorSummary
          form={form}
          invalid={t('renewals.form.notSaved')}
          failed={(code) => t('renewals.problem.other', { code })}
        />
      )}
    </form>
  );
}
