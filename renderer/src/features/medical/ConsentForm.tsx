import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_METHODS,
  CONSENT_NOTES_MAX_LENGTH,
  type ConsentMethod,
} from '../../../../shared/domain/consent';
import { validateConsentInput, type ConsentFields } from '../../../../shared/domain/consent-form';
import { fieldErrorTexts, fieldId } from './field-errors';

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

/** Records the client's explicit consent to medical data: policy version, method, when, witnessed by me. */
export function ConsentForm({ witnessName, busy, onRecord }: Props) {
  const { t } = useTranslation();
  const [policyVersion, setPolicyVersion] = useState('');
  const [method, setMethod] = useState<ConsentMethod>('written');
  const [givenAt, setGivenAt] = useState(() => localDateTimeValue(Date.now()));
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());

  function submit(event: FormEvent) {
    event.preventDefault();
    const at = givenAt === '' ? NaN : new Date(givenAt).getTime();
    const result = validateConsentInput({ policyVersion, method, givenAt: at, notes }, Date.now());
    if (!result.ok) {
      setErrors(fieldErrorTexts(t, result.errors));
      return;
    }
    setErrors(new Map());
    void onRecord(result.value);
  }

  const field = (name: string) => {
    const path = `consent.${name}`;
    const error = errors.get(path);
    return {
      id: fieldId(path),
      invalid: error !== undefined || undefined,
      describedBy: error !== undefined ? `${fieldId(path)}-error` : undefined,
      error:
        error === undefined ? null : (
          <span id={`${fieldId(path)}-error`} className="field-error small" role="alert">
            {error}
          </span>
        ),
    };
  };
  const version = field('policyVersion');
  const how = field('method');
  const when = field('givenAt');
  const note = field('notes');

  return (
    <form className="consent-form" onSubmit={submit} noValidate aria-labelledby="consent-heading">
      <h4 id="consent-heading">{t('medical.consent.heading')}</h4>
      <p className="muted">{t('medical.consent.intro')}</p>
      <label htmlFor={version.id}>{t('medical.consent.policyVersion')}</label>
      <div>
        <input
          id={version.id}
          value={policyVersion}
          onChange={(e) => setPolicyVersion(e.target.value)}
          placeholder="2026.1"
          maxLength={64}
          autoComplete="off"
          aria-invalid={version.invalid}
          aria-describedby={version.describedBy ?? 'consent-policy-hint'}
        />
        <span id="consent-policy-hint" className="muted small">
          {' '}
          {t('medical.consent.policyVersionHint')}
        </span>
        {version.error}
      </div>
      <label htmlFor={how.id}>{t('medical.consent.method')}</label>
      <div>
        <select
          id={how.id}
          value={method}
          onChange={(e) => setMethod(e.target.value as ConsentMethod)}
          aria-invalid={how.invalid}
          aria-describedby={how.describedBy}
        >
          {CONSENT_METHODS.map((option) => (
            <option key={option} value={option}>
              {t(`medical.consent.methods.${option}`)}
            </option>
          ))}
        </select>
        {how.error}
      </div>
      <label htmlFor={when.id}>{t('medical.consent.givenAt')}</label>
      <div>
        <input
          id={when.id}
          type="datetime-local"
          value={givenAt}
          onChange={(e) => setGivenAt(e.target.value)}
          aria-invalid={when.invalid}
          aria-describedby={when.describedBy}
        />
        {when.error}
      </div>
      <span>{t('medical.consent.witness')}</span>
      <output data-testid="consent-witness">{witnessName}</output>
      <label htmlFor={note.id}>{t('medical.consent.notes')}</label>
      <div>
        <textarea
          id={note.id}
          rows={2}
          value={notes}
          maxLength={CONSENT_NOTES_MAX_LENGTH + 50}
          onChange={(e) => setNotes(e.target.value)}
          aria-invalid={note.invalid}
          aria-describedby={note.describedBy}
        />
        {note.error}
      </div>
      <div />
      <div>
        <button type="submit" disabled={busy}>
          {t('medical.consent.record')}
        </button>
      </div>
    </form>
  );
}
