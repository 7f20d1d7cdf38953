import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_METHODS, CONSENT_NOTES_MAX_LENGTH } from '../../../../shared/domain/consent';
import { validateConsentInput, type ConsentFields } from '../../../../shared/domain/consent-form';
import { Field, fieldId, useForm } from '../../components/form/index';

/** `datetime-local`'s value for a moment, in the device's time zone, to the minute. */
export function localDateTimeValue(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface Props {
  /** The person signed in: the witness of the consent they record. */
  witnessName: string;
  busy: boolean;
  onRecord(fields: ConsentFields): Promise<void> | void;
}

/** The consent form as typed. */
interface ConsentDraft {
  policyVersion: string;
  method: string;
  /** `datetime-local`'s value. */
  givenAt: string;
  notes: string;
}

/** Records the client's explicit consent to medical data: policy version, method, when, witnessed by me. */
export function ConsentForm({ witnessName, busy, onRecord }: Props) {
  const { t } = useTranslation();
  // The time the form opened, kept (not followed) until the person changes it.
  const [start] = useState<ConsentDraft>(() => ({
    policyVersion: '',
    method: 'written',
    givenAt: localDateTimeValue(Date.now()),
    notes: '',
  }));
  const form = useForm<ConsentDraft, ConsentFields>({
    initial: start,
    validate: (draft) =>
      validateConsentInput(
        { ...draft, givenAt: draft.givenAt === '' ? NaN : new Date(draft.givenAt).getTime() },
        Date.now(),
      ),
    // The panel reports how recording went; what was typed stays until the consent replaces the form.
    save: async (fields) => void (await onRecord(fields)),
    keepDraft: true,
  });
  const field = (name: keyof ConsentDraft) => {
    const path = `consent.${name}`;
    return { id: fieldId(path), errors: form.errorsAt(path, { exact: true }), className: 'consent-field' };
  };

  return (
    <form
      className="consent-form"
      onSubmit={(event) => void form.submit(event)}
      noValidate
      aria-labelledby="consent-heading"
    >
      <h4 id="consent-heading">{t('medical.consent.heading')}</h4>
      <p className="muted">{t('medical.consent.intro')}</p>
      <Field
        {...field('policyVersion')}
        label={t('medical.consent.policyVersion')}
        hint={t('medical.consent.policyVersionHint')}
      >
        {(control) => (
          <input
            {...control}
            {...form.bind('policyVersion')}
            placeholder="2026.1"
            maxLength={64}
            autoComplete="off"
          />
        )}
      </Field>
      <Field {...field('method')} label={t('medical.consent.method')}>
        {(control) => (
          <select {...control} {...form.bind('method')}>
            {CONSENT_METHODS.map((option) => (
              <option key={option} value={option}>
                {t(`medical.consent.methods.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field {...field('givenAt')} label={t('medical.consent.givenAt')}>
        {(control) => <input {...control} type="datetime-local" {...form.bind('givenAt')} />}
      </Field>
      <div className="consent-field">
        <span>{t('medical.consent.witness')}</span>
        <output data-testid="consent-witness">{witnessName}</output>
      </div>
      <Field {...field('notes')} label={t('medical.consent.notes')}>
        {(control) => (
          <textarea {...control} rows={2} maxLength={CONSENT_NOTES_MAX_LENGTH + 50} {...form.bind('notes')} />
        )}
      </Field>
      <div className="consent-field">
        <span />
        <div>
          <button type="submit" disabled={busy}>
            {t('medical.consent.record')}
          </button>
        </div>
      </div>
    </form>
  );
}
