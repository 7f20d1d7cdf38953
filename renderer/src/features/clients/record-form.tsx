import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { updateClient, type Client, type ClientSection } from '../../../../shared/index';
import type { FieldError, FormResult } from '../../../../shared/domain/validation';
import { describeStoreError } from '../../store/describe-store-error';
import type { LocalStore } from '../../store/local-store';

/**
 * The pieces every section of the client record shares: a draft that follows the stored client until a person
 * starts typing, field-level error messages, and saving one section through updateClient (so sync merges the
 * sections changed on different devices field by field).
 */

/** What the section shows: the stored values, or the person's edits once they started. */
export function useDraft<T>(stored: T) {
  const [draft, setDraft] = useState<T | undefined>();
  const values = draft ?? stored;
  return {
    values,
    set(patch: Partial<T>) {
      setDraft({ ...values, ...patch });
    },
    reset() {
      setDraft(undefined);
    },
  };
}

/** The errors for a field: its own path, or (for list fields) any element of it. */
export function errorsAt(errors: readonly FieldError[], path: string): FieldError[] {
  return errors.filter((error) => error.path === path || error.path.startsWith(`${path}.`));
}

export function FieldErrorText({ id, errors }: { id: string; errors: readonly FieldError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  const texts = [...new Set(errors.map((error) => t(`clientRecord.errors.${error.code}`, error.params)))];
  return (
    <p id={id} className="field-error">
      {texts.join(' ')}
    </p>
  );
}

interface FieldProps {
  label: string;
  errors: readonly FieldError[];
  hint?: string;
  /** Shown under the field, e.g. a date formatted for the UI's language. */
  note?: ReactNode;
  children(props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }): ReactNode;
}

/** A labelled field with its hint and its error messages, tied to the control for assistive technology. */
export function Field({ label, errors, hint, note, children }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : undefined, errors.length > 0 ? `${id}-error` : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="record-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(errors.length > 0 ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && (
        <p id={`${id}-hint`} className="muted hint">
          {hint}
        </p>
      )}
      {note}
      <FieldErrorText id={`${id}-error`} errors={errors} />
    </div>
  );
}

type Outcome = { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; code: string };

/** Writes one section's validated changes to the local store; sync takes it from there. */
export async function saveSection(
  store: LocalStore,
  clientId: string,
  changes: Partial<Pick<Client, ClientSection>>,
): Promise<void> {
  const doc = await store.clients.findOne(clientId).exec();
  if (!doc) throw Object.assign(new Error('client not found'), { code: 'not-found' });
  await doc.incrementalModify((data) => updateClient(data, changes, Date.now()));
}

interface SectionProps {
  title: string;
  store: LocalStore;
  clientId: string;
  readOnly: boolean;
  /** Validates the draft: the section's changes, or field errors (then nothing is saved). */
  validate(): FormResult<Partial<Pick<Client, ClientSection>>>;
  onSaved(): void;
  errors: FieldError[];
  setErrors(errors: FieldError[]): void;
  children: ReactNode;
  /** Shown above the fields (a warning about the stored values). */
  banner?: ReactNode;
}

/** One section of the record: a region with its heading, its fields and its own Save button. */
export function RecordSection({
  title,
  store,
  clientId,
  readOnly,
  validate,
  onSaved,
  errors,
  setErrors,
  children,
  banner,
}: SectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = validate();
    if (!result.ok) {
      setErrors(result.errors);
      setOutcome({ kind: 'invalid' });
      return;
    }
    setErrors([]);
    setSaving(true);
    try {
      await saveSection(store, clientId, result.value);
      setOutcome({ kind: 'saved' });
      onSaved();
    } catch (cause) {
      setOutcome({ kind: 'failed', code: describeStoreError(cause) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="record-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {banner}
      <form onSubmit={submit} noValidate onChange={() => setOutcome(undefined)}>
        <fieldset disabled={readOnly || saving}>
          {children}
          {!readOnly && (
            <div className="record-actions">
              <button type="submit">{saving ? t('clientRecord.saving') : t('clientRecord.save')}</button>
              {outcome?.kind === 'saved' && (
                <span role="status" className="record-saved">
                  {t('clientRecord.saved')}
                </span>
              )}
            </div>
          )}
        </fieldset>
        {outcome?.kind === 'invalid' && errors.length > 0 && (
          <p role="alert" className="field-error">
            {t('clientRecord.notSaved')}
          </p>
        )}
        {outcome?.kind === 'failed' && (
          <p role="alert" className="field-error">
            {t('clientRecord.saveFailed', { code: outcome.code })}
          </p>
        )}
      </form>
    </section>
  );
}
