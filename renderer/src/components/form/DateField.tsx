import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../../shared/domain/validation';
import { Field } from './Field';
import { formatDateText, parseTypedDate, stepDate } from './date-text';

interface DateFieldProps {
  /** The control's id (a generated one by default). */
  id?: string;
  label: ReactNode;
  errors?: readonly FieldError[];
  hint?: ReactNode;
  className?: string;
  disabled?: boolean;
  /** Show the weekday too ("Fri, 12 Mar 2027"): for days that are planned, not for a date of birth. */
  weekday?: boolean;
  /** The stored form, `YYYY-MM-DD` (or what was typed, when it is not a date: the form's validator refuses it). */
  value: string;
  onChange(event: { target: { value: string } }): void;
}

/**
 * A calendar date shown the same way whatever the browser's locale (a `type="date"` input shows 04/01/2027 in an
 * en-US browser): "12 Mar 2027" in English, "2027年3月12日" in Japanese. It reads `2027-03-12`, "12 Mar 2027",
 * "2027年3月12日" and full-width digits (date-text.ts) and hands the form `2027-03-12`, as a date input did.
 * ArrowUp/ArrowDown move a day, with Shift (or PageUp/PageDown) a month. Text that is no date is handed on as typed,
 * and said to be wrong when the field is left (unless the form already says so).
 */
export function DateField({
  id: given,
  label,
  errors = [],
  hint,
  className,
  disabled,
  weekday = false,
  value,
  onChange,
}: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const generated = useId();
  const id = given ?? generated;
  // What the person typed, while the form holds `sent` for it; a change of the form's value from elsewhere wins.
  const [typed, setTyped] = useState<{ text: string; sent: string; left: boolean } | undefined>();
  const own = typed !== undefined && typed.sent === value ? typed : undefined;
  const wrong = own !== undefined && own.left && errors.length === 0;

  const send = (text: string) => {
    const sent = text.trim() === '' ? '' : (parseTypedDate(text) ?? text);
    setTyped({ text, sent, left: false });
    onChange({ target: { value: sent } });
  };
  const leave = () => {
    if (own === undefined) return;
    if (own.text.trim() === '' || parseTypedDate(own.text) !== undefined) setTyped(undefined);
    else setTyped({ ...own, left: true });
  };
  const step = (event: KeyboardEvent) => {
    const months = event.key === 'PageUp' ? 1 : event.key === 'PageDown' ? -1 : 0;
    const days = event.key === 'ArrowUp' ? 1 : event.key === 'ArrowDown' ? -1 : 0;
    if (months === 0 && days === 0) return;
    event.preventDefault();
    const from = own?.text ?? value;
    const next =
      months !== 0 || event.shiftKey ? stepDate(from, { months: months || days }) : stepDate(from, { days });
    setTyped(undefined);
    onChange({ target: { value: next } });
  };

  return (
    <Field
      id={id}
      label={label}
      errors={errors}
      hint={hint}
      className={className}
      note={
        wrong && (
          <p id={`${id}-format`} className="field-error">
            {t('components.date.invalid')}
          </p>
        )
      }
    >
      {(control) => (
        <input
          {...control}
          {...(wrong
            ? {
                'aria-invalid': true,
                'aria-describedby': [control['aria-describedby'], `${id}-format`].filter(Boolean).join(' '),
              }
            : {})}
          type="text"
          autoComplete="off"
          spellCheck={false}
          className="date-input"
          placeholder={t('components.date.placeholder')}
          maxLength={40}
          disabled={disabled}
          value={own?.text ?? formatDateText(value, i18n.language, weekday)}
          onChange={(event) => send(event.target.value)}
          onBlur={leave}
          onKeyDown={step}
        />
      )}
    </Field>
  );
}
