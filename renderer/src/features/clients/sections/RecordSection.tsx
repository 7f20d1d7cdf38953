import { createContext, useContext, useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm, type Form, type ValidationResult } from '../../../components/form/index';
import { describeStoreError } from '../../../store/describe-store-error';
import type { Client, ClientSection } from '../../../../../shared/index';
import type { clientRecordEn } from '../messages';
import { NOT_PERMITTED, type SectionOutcome } from '../record-save';

/** What every section of the record is given. */
export interface SectionProps {
  client: Client;
  readOnly: boolean;
}

type Changes = Partial<Pick<Client, ClientSection>>;

/** The sections of the profile, by their catalogue key (`clientRecord.sections.<name>`). */
export type RecordSectionName = keyof typeof clientRecordEn.sections;

/** What the profile's one Save needs of a section, as of its latest render. */
export interface SectionHandle {
  section: RecordSectionName;
  /** Edited, and different from what is stored. */
  dirty: boolean;
  /** Validates the section's draft and, when valid, writes its changes. */
  submit(): Promise<SectionOutcome>;
  /** Forgets errors left from an earlier save (the draft was put back as stored). */
  clearErrors(): void;
}

/** The profile (ClientProfile.tsx) its sections register with, and how a section's changes are written. */
export interface RecordSave {
  register(id: string, handle: { current: SectionHandle }): () => void;
  markDirty(id: string, dirty: boolean): void;
  write(changes: Changes): Promise<void>;
}

export const RecordSaveContext = createContext<RecordSave | undefined>(undefined);

export interface SectionForm<D> extends Form<D> {
  title: string;
  dirty: boolean;
}

/**
 * A section's form: its draft (following the stored client until edited), validated on its own and written
 * through the profile's `write` (updateClientSection) when the profile's one Save runs.
 */
export function useSectionForm<D extends object>(
  section: RecordSectionName,
  initial: D,
  validate: (draft: D) => ValidationResult<Changes>,
): SectionForm<D> {
  const { t } = useTranslation();
  const title = t(`clientRecord.sections.${section}`);
  const record = useContext(RecordSaveContext);
  // How the submission under way went: validate and save run inside form.submit.
  const outcome = useRef<SectionOutcome>('saved');
  const form = useForm({
    initial,
    validate: (draft: D) => {
      const result = validate(draft);
      if (!result.ok) outcome.current = 'invalid';
      return result;
    },
    save: async (changes: Changes) => {
      try {
        if (!record) throw Object.assign(new Error('no record'), { code: 'unknown' });
        await record.write(changes);
      } catch (cause) {
        outcome.current = describeStoreError(cause) === NOT_PERMITTED ? 'refused' : 'failed';
        throw cause;
      }
    },
  });
  const dirty = form.edited && JSON.stringify(form.values) !== JSON.stringify(initial);
  const id = useId();
  const handle = useRef<SectionHandle>({
    section,
    dirty,
    submit: () => Promise.resolve('saved'),
    clearErrors: () => undefined,
  });
  // The profile's Save reads the section as of its latest render.
  useLayoutEffect(() => {
    handle.current = {
      section,
      dirty,
      async submit() {
        outcome.current = 'saved';
        await form.submit();
        return outcome.current;
      },
      clearErrors() {
        if (form.errors.length > 0 || form.outcome) form.reset();
        form.clearOutcome();
      },
    };
  });
  useEffect(() => record?.register(id, handle), [record, id]);
  useEffect(() => record?.markDirty(id, dirty), [record, id, dirty]);
  return { ...form, title, dirty };
}

interface RecordSectionProps {
  form: Pick<SectionForm<unknown>, 'title' | 'dirty' | 'clearOutcome' | 'outcome' | 'errors'>;
  readOnly: boolean;
  /** Shown above the fields (a warning about the stored values). */
  banner?: ReactNode;
  children: ReactNode;
}

/**
 * One section of the record: a region with its heading, a mark while it holds unsaved changes, its fields, and why
 * the last save left it unsaved. The profile's one Save (ClientProfile.tsx) saves it.
 */
export function RecordSection({ form, readOnly, banner, children }: RecordSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const { outcome } = form;
  return (
    <section
      className={`record-section${form.dirty ? ' dirty' : ''}`}
      aria-labelledby={headingId}
      onChange={form.clearOutcome}
    >
      <div className="record-section-heading">
        <h3 id={headingId}>{form.title}</h3>
        {form.dirty && <span className="badge unsaved">{t('clientRecord.unsavedSection')}</span>}
      </div>
      {banner}
      <fieldset disabled={readOnly}>{children}</fieldset>
      {outcome?.kind === 'invalid' && form.errors.length > 0 && (
        <p className="field-error section-outcome">{t('clientRecord.notSaved')}</p>
      )}
      {outcome?.kind === 'failed' && (
        <p className="field-error section-outcome">
          {outcome.code === NOT_PERMITTED
            ? t('clientRecord.notPermitted')
            : t('clientRecord.saveFailed', { code: outcome.code })}
        </p>
      )}
    </section>
  );
}
