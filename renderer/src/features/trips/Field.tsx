import type { ReactElement } from 'react';
import { cloneElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrorCode } from '../../../../shared/domain/validation';

/** A labelled form control with its validation message right beneath it, tied to it for screen readers. */
export function Field({
  id,
  label,
  problem,
  hint,
  children,
}: {
  id: string;
  label: string;
  problem: FieldErrorCode | undefined;
  hint?: string;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}) {
  const { t } = useTranslation();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : undefined, problem ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <div className="trip-field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-invalid': problem ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <p id={hintId} className="muted small">
          {hint}
        </p>
      )}
      {problem && (
        <p id={errorId} className="field-error">
          {t(`trips.problem.${problem}`)}
        </p>
      )}
    </div>
  );
}

/** The zones the runtime knows, offered under every zone input. */
export function ZoneOptions({ id, zones }: { id: string; zones: readonly string[] }) {
  return (
    <datalist id={id}>
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
