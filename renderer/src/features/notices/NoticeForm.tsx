import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NOTICE_LANGUAGES_MAX,
  NOTICE_TEXT_MAX_LENGTH,
  type PrivacyNotice,
} from '../../../../shared/domain/privacy-notice';
import {
  DateField,
  ErrorSummary,
  Field,
  FieldErrorText,
  TimeField,
  useForm,
} from '../../components/form/index';
import {
  decodeNoticeFile,
  emptyNoticeDraft,
  NOTICE_FILE_MAX_BYTES,
  NOTICE_FORM_LANGUAGES,
  newRowKey,
  noticeDraftOf,
  officeInstant,
  sha256Hex,
  validateNoticeDraft,
  type NoticeFileProblem,
  type NoticeTextDraft,
  type NoticeValues,
} from './notice-form';
import { formatOffice } from './format';

/** Reads a chosen file as a notice text: strict UTF-8, hashed on this device (WebCrypto). */
async function readNoticeFile(
  file: File,
): Promise<Pick<NoticeTextDraft, 'text' | 'sha256'> | NoticeFileProblem> {
  if (file.size > NOTICE_FILE_MAX_BYTES) return 'too-large';
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return 'unreadable';
  }
  const decoded = decodeNoticeFile(bytes);
  if (!decoded.ok) return decoded.problem;
  return { text: decoded.text, sha256: await sha256Hex(decoded.text) };
}

/**
 * Loads a notice version, or corrects one not yet effective: label, effective moment (Tokyo), summary, the
 * substantial flag with its renewal deadline, and a text file per language whose SHA-256 is shown as computed.
 */
export function NoticeForm({
  notice,
  others,
  now,
  onSave,
  onDone,
}: {
  notice?: PrivacyNotice;
  /** The other versions (a label is used once). */
  others: readonly PrivacyNotice[];
  now: number;
  onSave(values: NoticeValues): Promise<void>;
  onDone(version?: string): void;
}) {
  const { t, i18n } = useTranslation();
  const [reading, setReading] = useState<number | undefined>();
  const form = useForm({
    initial: () => (notice ? noticeDraftOf(notice) : emptyNoticeDraft()),
    validate: (draft) => validateNoticeDraft(draft, others),
    save: onSave,
    onSaved: (values) => onDone(values.version),
    describeError: (cause) =>
      typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : 'unknown',
  });
  const { values } = form;
  const effectiveAt = officeInstant(values.effectiveDate, values.effectiveTime);
  const languageName = (language: string) =>
    (NOTICE_FORM_LANGUAGES as readonly string[]).includes(language)
      ? t(`notices.language.${language as (typeof NOTICE_FORM_LANGUAGES)[number]}`)
      : language;

  const setText = (index: number, patch: Partial<NoticeTextDraft> | undefined) =>
    form.set((draft) => ({
      texts: draft.texts.flatMap((entry, at) =>
        at !== index ? [entry] : patch ? [{ ...entry, ...patch }] : [],
      ),
    }));

  async function chooseFile(index: number, event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setReading(index);
    const result = await readNoticeFile(file);
    setReading(undefined);
    if (typeof result === 'string') {
      setText(index, { fileName: file.name, text: undefined, sha256: undefined, problem: result });
      event.target.value = '';
    } else {
      setText(index, { fileName: file.name, ...result, problem: undefined });
    }
  }

  function removeText(index: number) {
    setText(index, undefined);
  }

  const heading = notice
    ? t('notices.form.editHeading', { version: notice.version })
    : t('notices.form.newHeading');
  return (
    <form
      className="notice-form panel"
      onSubmit={form.submit}
      noValidate
      aria-labelledby="notice-form-heading"
    >
      <h4 id="notice-form-heading">{heading}</h4>
      <Field
        id="notice-version"
        label={t('notices.form.version')}
        hint={t('notices.form.versionHint')}
        errors={form.errorsAt('version')}
      >
        {(control) => <input {...control} {...form.bind('version')} autoComplete="off" spellCheck={false} />}
      </Field>
      <div className="notice-when">
        <DateField
          id="notice-effective-date"
          label={t('notices.form.effectiveDate')}
          errors={form.errorsAt('effectiveDate')}
          {...form.bind('effectiveDate')}
        />
        <TimeField
          id="notice-effective-time"
          label={t('notices.form.effectiveTime')}
          errors={form.errorsAt('effectiveTime')}
          {...form.bind('effectiveTime')}
        />
      </div>
      {effectiveAt !== undefined && (
        <p className="muted" data-testid="notice-effective-note">
          {t('notices.form.effectiveNote', { when: formatOffice(effectiveAt, i18n.language) })}
          {effectiveAt <= now && <strong> {t('notices.form.alreadyEffective')}</strong>}
        </p>
      )}
      <Field id="notice-summary" label={t('notices.form.summary')} errors={form.errorsAt('summary')}>
        {(control) => <textarea {...control} rows={3} {...form.bind('summary')} />}
      </Field>
      <div className="form-field">
        <label className="check">
          <input
            type="checkbox"
            checked={values.substantial}
            aria-describedby="notice-substantial-hint"
            onChange={(event) => form.set({ substantial: event.target.checked })}
          />
          {t('notices.form.substantial')}
        </label>
        <p id="notice-substantial-hint" className="muted hint">
          {t('notices.form.substantialHint')}
        </p>
      </div>
      {values.substantial && (
        <div className="notice-when">
          <DateField
            id="notice-deadline-date"
            label={t('notices.form.deadlineDate')}
            errors={form.errorsAt('deadlineDate')}
            {...form.bind('deadlineDate')}
          />
          <TimeField
            id="notice-deadline-time"
            label={t('notices.form.deadlineTime')}
            errors={form.errorsAt('deadlineTime')}
            {...form.bind('deadlineTime')}
          />
        </div>
      )}
      <fieldset className="notice-texts">
        <legend>{t('notices.form.texts')}</legend>
        <p className="muted hint">{t('notices.form.textsHint', { max: NOTICE_TEXT_MAX_LENGTH })}</p>
        <FieldErrorText errors={form.errorsAt('texts', { exact: true })} />
        {values.texts.map((entry, index) => {
          const problem = entry.problem;
          const fileId = `notice-text-${index}-file`;
          return (
            <div key={entry.row ?? index} className="notice-text-row" data-testid={`notice-text-${index}`}>
              <Field
                id={`notice-text-${index}-language`}
                label={t('notices.form.languageOf', { position: index + 1 })}
                errors={form.errorsAt(`texts.${index}.language`)}
              >
                {(control) => (
                  <select
                    {...control}
                    value={entry.language}
                    onChange={(event) => setText(index, { language: event.target.value })}
                  >
                    {NOTICE_FORM_LANGUAGES.map((language) => (
                      <option key={language} value={language}>
                        {languageName(language)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <div className="form-field">
                <label htmlFor={fileId}>
                  {t('notices.form.fileOf', { language: languageName(entry.language) })}
                </label>
                <input
                  id={fileId}
                  type="file"
                  accept=".txt,text/plain"
                  aria-invalid={problem || form.errorsAt(`texts.${index}.file`).length > 0 ? true : undefined}
                  aria-describedby={`${fileId}-status ${fileId}-error`}
                  onChange={(event) => void chooseFile(index, event)}
                />
                <div id={`${fileId}-status`}>
                  {reading === index && <p className="muted">{t('notices.form.reading')}</p>}
                  {entry.text !== undefined && entry.sha256 !== undefined && (
                    <p className="notice-hash">
                      {entry.fileName &&
                        t('notices.form.fileChosen', { name: entry.fileName, count: entry.text.length })}
                      <br />
                      {t('notices.form.hash')}:{' '}
                      <code data-testid={`notice-hash-${entry.language}`}>{entry.sha256}</code>
                    </p>
                  )}
                </div>
                {problem ? (
                  <p id={`${fileId}-error`} className="field-error" role="alert">
                    {t(`notices.form.fileProblem.${problem}`, { max: NOTICE_TEXT_MAX_LENGTH })}
                  </p>
                ) : (
                  <FieldErrorText id={`${fileId}-error`} errors={form.errorsAt(`texts.${index}.file`)} />
                )}
              </div>
              {values.texts.length > 1 && (
                <button type="button" className="secondary" onClick={() => removeText(index)}>
                  {t('notices.form.removeLanguage', { language: languageName(entry.language) })}
                </button>
              )}
            </div>
          );
        })}
        {values.texts.length < NOTICE_LANGUAGES_MAX && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              const used = new Set(values.texts.map((entry) => entry.language));
              const language = NOTICE_FORM_LANGUAGES.find((candidate) => !used.has(candidate)) ?? 'en';
              form.set((draft) => ({ texts: [...draft.texts, { row: newRowKey(), language }] }));
            }}
          >
            {t('notices.form.addLanguage')}
          </button>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={form.saving || reading !== undefined}>
          {t('notices.form.save')}
        </button>
        <button type="button" className="secondary" onClick={() => onDone()}>
          {t('notices.form.cancel')}
        </button>
      </div>
      <ErrorSummary
        form={form}
        invalid={t('notices.form.notSaved')}
        failed={(code) =>
          code === 'notice-effective'
            ? t('notices.errors.notice-effective')
            : t('notices.form.saveFailed', { code })
        }
      />
    </form>
  );
}
