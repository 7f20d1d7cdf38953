import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALLERGY_SEVERITIES,
  MEDICAL_ITEM_MAX_LENGTH,
  MEDICAL_TEXT_MAX_LENGTH,
  type MedicalContent,
} from '../../../../shared/domain/medical';
import { validateMedicalContent, type MedicalContentInput } from '../../../../shared/domain/medical-form';
import { DateField, Field, FieldErrorText, fieldId, useForm } from '../../components/form/index';

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
  /** Nothing may be saved (no consent in force, or a role that may not write): the content is shown only. */
  locked?: boolean;
  onSave(content: MedicalContent): Promise<void> | void;
  onCancel(): void;
  cancelLabel?: string;
}

/**
 * The medical section's form: free-text history and document notes, and lists (medications, allergies with
 * severity, conditions, planned treatments) whose empty rows are dropped on save. Errors from
 * validateMedicalContent are shown beside their fields (worded as the panel's FormSettingsProvider says).
 */
export function MedicalForm({ initial, busy, locked = false, onSave, onCancel, cancelLabel }: Props) {
  const { t } = useTranslation();
  const [start] = useState(() => toState(initial));
  const form = useForm<FormState, MedicalContent>({
    initial: start,
    validate: (draft) => validateMedicalContent(draft as MedicalContentInput),
    // The panel reports how the save went; what was typed stays until it replaces the form.
    save: async (content) => void (await onSave(content)),
    keepDraft: true,
  });
  const rows = form.values;

  const setRow = (field: ListField, index: number, key: string, value: string) =>
    form.set((f) => ({
      [field]: f[field].map((row, i) => (i === index ? { ...row, [key]: value } : row)),
    }));

  const textArea = (field: 'history' | 'documentNotes') => {
    const path = `medical.${field}`;
    return (
      <Field
        className="medical-field"
        id={fieldId(path)}
        label={t(`medical.fields.${field}`)}
        errors={form.errorsAt(path, { exact: true })}
      >
        {(control) => (
          <textarea {...control} rows={4} maxLength={MEDICAL_TEXT_MAX_LENGTH + 100} {...form.bind(field)} />
        )}
      </Field>
    );
  };

  const list = (field: ListField) => (
    <fieldset className="medical-list" key={field}>
      <legend>{t(`medical.fields.${field}`)}</legend>
      <FieldErrorText
        id={`${fieldId(`medical.${field}`)}-error`}
        errors={form.errorsAt(`medical.${field}`, { exact: true })}
      />
      {rows[field].map((row, index) => (
        <div
          className="medical-row"
          key={index}
          role="group"
          aria-label={`${t(`medical.fields.${field}`)}: ${t('medical.fields.row', { number: index + 1 })}`}
        >
          {COLUMNS[field].map((column) => {
            const path = `medical.${field}.${index}.${column.key}`;
            if (column.date) {
              return (
                <DateField
                  className="medical-cell"
                  key={column.key}
                  id={fieldId(path)}
                  label={t(`medical.fields.${column.label}`)}
                  errors={form.errorsAt(path, { exact: true })}
                  value={row[column.key] ?? ''}
                  onChange={(e) => setRow(field, index, column.key, e.target.value)}
                />
              );
            }
            return (
              <Field
                className="medical-cell"
                key={column.key}
                id={fieldId(path)}
                label={t(`medical.fields.${column.label}`)}
                errors={form.errorsAt(path, { exact: true })}
              >
                {(control) =>
                  column.options ? (
                    <select
                      {...control}
                      value={row[column.key]}
                      onChange={(e) => setRow(field, index, column.key, e.target.value)}
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
                      {...control}
                      type="text"
                      value={row[column.key]}
                      maxLength={MEDICAL_ITEM_MAX_LENGTH + 50}
                      onChange={(e) => setRow(field, index, column.key, e.target.value)}
                      autoComplete="off"
                    />
                  )
                }
              </Field>
            );
          })}
          <button
            type="button"
            className="secondary small"
            aria-label={t('medical.fields.removeRow', { number: index + 1 })}
            onClick={() =>
              form.set((f) => ({
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
        onClick={() => form.set((f) => ({ [field]: [...f[field], emptyRow(field)] }))}
      >
        {t('medical.fields.addRow')}
      </button>
    </fieldset>
  );

  return (
    <form
      className="medical-form"
      onSubmit={(event) => void form.submit(event)}
      noValidate
      aria-label={t('medical.sectionHeading')}
    >
      {textArea('history')}
      {LISTS.slice(0, 3).map(list)}
      {textArea('documentNotes')}
      {list('plannedTreatments')}
      <div className="medical-actions">
        <button type="submit" disabled={busy || locked}>
          {busy ? t('medical.saving') : t('medical.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          {cancelLabel ?? t('medical.cancel')}
        </button>
      </div>
    </form>
  );
}
