import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALLERGY_SEVERITIES,
  MEDICAL_ITEM_MAX_LENGTH,
  MEDICAL_TEXT_MAX_LENGTH,
  type MedicalContent,
} from '../../../../shared/domain/medical';
import { validateMedicalContent, type MedicalContentInput } from '../../../../shared/domain/medical-form';
import { fieldErrorTexts, fieldId } from './field-errors';

type ListField = 'currentMedications' | 'allergies' | 'conditions' | 'plannedTreatments';
type Row = Record<string, string>;

interface FormState {
  history: string;
  documentNotes: string;
  currentMedications: Row[];
  allergies: Row[];
  conditions: Row[];
  plannedTreatments: Row[];
}

/** The columns of each list, with the label key of each column and, for severity, a list of options. */
const COLUMNS: Record<
  ListField,
  { key: string; label: string; options?: readonly string[]; date?: boolean }[]
> = {
  currentMedications: [
    { key: 'name', label: 'medicationName' },
    { key: 'dose', label: 'dose' },
    { key: 'schedule', label: 'schedule' },
  ],
  allergies: [
    { key: 'substance', label: 'substance' },
    { key: 'reaction', label: 'reaction' },
    { key: 'severity', label: 'severity', options: ALLERGY_SEVERITIES },
  ],
  conditions: [
    { key: 'name', label: 'conditionName' },
    { key: 'notes', label: 'conditionNotes' },
  ],
  plannedTreatments: [
    { key: 'description', label: 'description' },
    { key: 'institution', label: 'institution' },
    { key: 'date', label: 'date', date: true },
  ],
};
const LISTS = Object.keys(COLUMNS) as ListField[];

function emptyRow(field: ListField): Row {
  return Object.fromEntries(COLUMNS[field].map((c) => [c.key, '']));
}

function toState(content: MedicalContent): FormState {
  const rows = (field: ListField, items: object[]) =>
    items.length === 0 ? [emptyRow(field)] : items.map((item) => ({ ...emptyRow(field), ...(item as Row) }));
  return {
    history: content.history,
    documentNotes: content.documentNotes,
    currentMedications: rows('currentMedications', content.currentMedications),
    allergies: rows('allergies', content.allergies),
    conditions: rows('conditions', content.conditions),
    plannedTreatments: rows('plannedTreatments', content.plannedTreatments),
  };
}

interface Props {
  initial: MedicalContent;
  busy: boolean;
  onSave(content: MedicalContent): Promise<void> | void;
  onCancel(): void;
  cancelLabel?: string;
}

/**
 * The medical section's form: free-text history and document notes, and lists (medications, allergies with
 * severity, conditions, planned treatments) whose empty rows are dropped on save. Errors from
 * validateMedicalContent are shown beside their fields.
 */
export function MedicalForm({ initial, busy, onSave, onCancel, cancelLabel }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState<FormState>(() => toState(initial));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = validateMedicalContent(form as MedicalContentInput);
    if (!result.ok) {
      setErrors(fieldErrorTexts(t, result.errors));
      return;
    }
    setErrors(new Map());
    void onSave(result.value);
  }

  const setRow = (field: ListField, index: number, key: string, value: string) =>
    setForm((f) => ({
      ...f,
      [field]: f[field].map((row, i) => (i === index ? { ...row, [key]: value } : row)),
    }));

  const errorOf = (path: string): ReactNode => {
    const text = errors.get(path);
    return text === undefined ? null : (
      <span id={`${fieldId(path)}-error`} className="field-error small" role="alert">
        {text}
      </span>
    );
  };
  const describedBy = (path: string) => (errors.has(path) ? `${fieldId(path)}-error` : undefined);

  const textArea = (field: 'history' | 'documentNotes') => {
    const path = `medical.${field}`;
    return (
      <div className="medical-field">
        <label htmlFor={fieldId(path)}>{t(`medical.fields.${field}`)}</label>
        <textarea
          id={fieldId(path)}
          rows={4}
          value={form[field]}
          maxLength={MEDICAL_TEXT_MAX_LENGTH + 100}
          onChange={(e) => setForm((f) => ({ ...f, [field]: e.target.value }))}
          aria-invalid={errors.has(path) || undefined}
          aria-describedby={describedBy(path)}
        />
        {errorOf(path)}
      </div>
    );
  };

  const list = (field: ListField) => (
    <fieldset className="medical-list" key={field}>
      <legend>{t(`medical.fields.${field}`)}</legend>
      {errorOf(`medical.${field}`)}
      {form[field].map((row, index) => (
        <div
          className="medical-row"
          key={index}
          role="group"
          aria-label={`${t(`medical.fields.${field}`)}: ${t('medical.fields.row', { number: index + 1 })}`}
        >
          {COLUMNS[field].map((column) => {
            const path = `medical.${field}.${index}.${column.key}`;
            const id = fieldId(path);
            const label = t(`medical.fields.${column.label}`);
            return (
              <div className="medical-cell" key={column.key}>
                <label htmlFor={id}>{label}</label>
                {column.options ? (
                  <select
                    id={id}
                    value={row[column.key]}
                    onChange={(e) => setRow(field, index, column.key, e.target.value)}
                    aria-invalid={errors.has(path) || undefined}
                    aria-describedby={describedBy(path)}
                  >
                    <option value="">{t('medical.fields.noSeverity')}</option>
                    {column.options.map((option) => (
                      <option key={option} value={option}>
                        {t(`medical.severity.${option}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    type={column.date ? 'date' : 'text'}
                    value={row[column.key]}
                    maxLength={column.date ? undefined : MEDICAL_ITEM_MAX_LENGTH + 50}
                    onChange={(e) => setRow(field, index, column.key, e.target.value)}
                    aria-invalid={errors.has(path) || undefined}
                    aria-describedby={describedBy(path)}
                    autoComplete="off"
                  />
                )}
                {errorOf(path)}
              </div>
            );
          })}
          <button
            type="button"
            className="secondary small"
            aria-label={t('medical.fields.removeRow', { number: index + 1 })}
            onClick={() =>
              setForm((f) => ({
                ...f,
                [field]: f[field].length === 1 ? [emptyRow(field)] : f[field].filter((_, i) => i !== index),
              }))
            }
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary small"
        onClick={() => setForm((f) => ({ ...f, [field]: [...f[field], emptyRow(field)] }))}
      >
        {t('medical.fields.addRow')}
      </button>
    </fieldset>
  );

  return (
    <form className="medical-form" onSubmit={submit} noValidate aria-label={t('medical.sectionHeading')}>
      {textArea('history')}
      {LISTS.slice(0, 3).map(list)}
      {textArea('documentNotes')}
      {list('plannedTreatments')}
      <div className="medical-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('medical.saving') : t('medical.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          {cancelLabel ?? t('medical.cancel')}
        </button>
      </div>
    </form>
  );
}
