import {
  ALLERGY_SEVERITIES,
  MEDICAL_ITEM_MAX_LENGTH,
  MEDICAL_LIST_MAX,
  MEDICAL_TEXT_MAX_LENGTH,
  type AllergySeverity,
  type MedicalContent,
  type MedicalField,
} from './medical';
import { calendarDateField, FieldErrors, textField, type ValidationResult } from './validation';

export interface MedicalContentInput {
  history?: string;
  currentMedications?: { name?: string; dose?: string; schedule?: string }[];
  allergies?: { substance?: string; reaction?: string; severity?: string }[];
  conditions?: { name?: string; notes?: string }[];
  documentNotes?: string;
  plannedTreatments?: { description?: string; institution?: string; date?: string }[];
}

/**
 * The medical form, field by field (errors name `medical.<field>.<index>.<key>`). Rows left empty are dropped;
 * control characters are removed from text.
 */
export function validateMedicalContent(input: MedicalContentInput): ValidationResult<MedicalContent> {
  const errors = new FieldErrors();
  const long = (path: string, raw: string | undefined) =>
    textField(errors, path, stripControls(raw), { max: MEDICAL_TEXT_MAX_LENGTH, multiline: true }) ?? '';
  const short = (path: string, raw: string | undefined, required = false) =>
    textField(errors, path, stripControls(raw), { max: MEDICAL_ITEM_MAX_LENGTH, required });
  const list = <I extends object, O>(
    field: MedicalField,
    rows: I[] | undefined,
    read: (row: I, at: string) => O | undefined,
  ) => {
    const out: O[] = [];
    const filled = (rows ?? [])
      .map((row, index) => [row, index] as const)
      .filter(([row]) => Object.values(row).some((v) => typeof v === 'string' && v.trim().length > 0));
    if (filled.length > MEDICAL_LIST_MAX)
      errors.add(`medical.${field}`, 'too-many', { max: MEDICAL_LIST_MAX });
    for (const [row, index] of filled) {
      const value = read(row, `medical.${field}.${index}`);
      if (value !== undefined) out.push(value);
    }
    return out;
  };
  const content: MedicalContent = {
    history: long('medical.history', input.history),
    currentMedications: list('currentMedications', input.currentMedications, (row, at) => {
      const name = short(`${at}.name`, row.name, true);
      const dose = short(`${at}.dose`, row.dose);
      const schedule = short(`${at}.schedule`, row.schedule);
      return name === undefined
        ? undefined
        : { name, ...(dose ? { dose } : {}), ...(schedule ? { schedule } : {}) };
    }),
    allergies: list('allergies', input.allergies, (row, at) => {
      const substance = short(`${at}.substance`, row.substance, true);
      const reaction = short(`${at}.reaction`, row.reaction);
      const severityText = (row.severity ?? '').trim();
      let severity: AllergySeverity | undefined;
      if (severityText.length > 0) {
        if ((ALLERGY_SEVERITIES as readonly string[]).includes(severityText))
          severity = severityText as AllergySeverity;
        else errors.add(`${at}.severity`, 'unknown-option');
      }
      return substance === undefined
        ? undefined
        : { substance, ...(reaction ? { reaction } : {}), ...(severity ? { severity } : {}) };
    }),
    conditions: list('conditions', input.conditions, (row, at) => {
      const name = short(`${at}.name`, row.name, true);
      const notes = short(`${at}.notes`, row.notes);
      return name === undefined ? undefined : { name, ...(notes ? { notes } : {}) };
    }),
    documentNotes: long('medical.documentNotes', input.documentNotes),
    plannedTreatments: list('plannedTreatments', input.plannedTreatments, (row, at) => {
      const description = short(`${at}.description`, row.description, true);
      const institution = short(`${at}.institution`, row.institution);
      const date = calendarDateField(errors, `${at}.date`, row.date, false);
      return description === undefined
        ? undefined
        : { description, ...(institution ? { institution } : {}), ...(date ? { date } : {}) };
    }),
  };
  return errors.result(content);
}

function stripControls(text: string | undefined): string | undefined {
  // Keeps line breaks and tabs; drops other C0/C1 controls, which nobody types into a note on purpose.
  // eslint-disable-next-line no-control-regex
  return text?.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}
