import { useId, type ReactNode } from 'react';
import type { FieldError } from '../../../../shared/domain/validation';
import { useErrorTexts, useFormSettings } from './form-settings';

/** What a field gives its control: its id, and its invalid state and descriptions for assistive technology. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A DOM id for a field path (`allergies.0.substance` -> `allergies-0-substance`). */
export function fieldId(path: string): string {
  return path.replace(/\./g, '-');
}

interface FieldProps {
  label: ReactNode;
  /** This field's errors, usually `form.errorsAt(path)`. */
  errors?: readonly FieldError[];
  /** The control's id (its error text is `${id}-error`, its hint `${id}-hint`); a generated one by default. */
  id?: string;
  hint?: ReactNode;
  /** Shown under the field, e.g. a date formatted for the UI's language. */
  note?: ReactNode;
  className?: string;
  children(control: ControlProps): ReactNode;
}

/** A labelled field with its hint and its error texts, tied to its control (given by the render prop). */
export function Field({ label, errors = [], id: given, hint, note, className, children }: FieldProps) {
  const generated = useId();
  const settings = useFormSettings();
  const id = given ?? generated;
  const invalid = errors.length > 0;
  const describedBy = [hint ? `${id}-hint` : undefined, invalid ? `${id}-error` : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className ?? settings.classes?.field ?? 'form-field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(invalid ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && (
        <p id={`${id}-hint`} className={settings.classes?.hint ?? 'muted hint'}>
          {hint}
        </p>
      )}
      {note}
      <FieldErrorText id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** Error texts on their own: for a group of checkboxes, a list as a whole, or a field laid out by hand. */
export function FieldErrorText({ id, errors }: { id?: string; errors: readonly FieldError[] }) {
  const settings = useFormSettings();
  const texts = useErrorTexts()(errors);
  if (texts.length === 0) return null;
  return (
    <p
      id={id}
      className={settings.classes?.error ?? 'field-error'}
      role={settings.alertErrors ? 'alert' : undefined}
    >
      {texts.join(' ')}
    </p>
  );
}
