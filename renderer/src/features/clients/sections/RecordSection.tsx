import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ErrorSummary,
  SavedNote,
  useForm,
  type Form,
  type ValidationResult,
} from '../../../components/form/index';
import type { Client, ClientSection } from '../../../../../shared/index';
import { useClientCommands } from '../client-data';

/** What every section of the record is given. */
export interface SectionProps {
  client: Client;
  readOnly: boolean;
}

type Changes = Partial<Pick<Client, ClientSection>>;

/** A section's form: its draft (following the stored client until edited), saved through updateClientSection. */
export function useSectionForm<D extends object>(
  clientId: string,
  initial: D,
  validate: (draft: D) => ValidationResult<Changes>,
): Form<D> {
  const { updateClientSection } = useClientCommands();
  return useForm({ initial, validate, save: (changes) => updateClientSection(clientId, changes) });
}

interface RecordSectionProps {
  title: string;
  form: Pick<Form<unknown>, 'submit' | 'clearOutcome' | 'saving' | 'outcome' | 'errors'>;
  readOnly: boolean;
  /** Shown above the fields (a warning about the stored values). */
  banner?: ReactNode;
  children: ReactNode;
}

/** One section of the record: a region with its heading, its fields and its own Save button. */
export function RecordSection({ title, form, readOnly, banner, children }: RecordSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="record-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {banner}
      <form onSubmit={form.submit} noValidate onChange={form.clearOutcome}>
        <fieldset disabled={readOnly || form.saving}>
          {children}
          {!readOnly && (
            <div className="record-actions">
              <button type="submit">{form.saving ? t('clientRecord.saving') : t('clientRecord.save')}</button>
              <SavedNote form={form}>{t('clientRecord.saved')}</SavedNote>
            </div>
          )}
        </fieldset>
        <ErrorSummary
          form={form}
          invalid={t('clientRecord.notSaved')}
          failed={(code) => t('clientRecord.saveFailed', { code })}
        />
      </form>
    </section>
  );
}
