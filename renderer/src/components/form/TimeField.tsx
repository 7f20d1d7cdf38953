import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../../shared/domain/validation';
import { Field } from './Field';
import { parseTime24, stepTime24 } from './time-24h';

interface TimeFieldProps {
  id: string;
  label: ReactNode;
  errors?: readonly FieldError[];
  hint?: ReactNode;
  className?: string;
  disabled?: boolean;
  /** The stored form, `HH:MM` (or what was typed, when it is not a time: the form's validator refuses it). */
  value: string;
  onChange(event: { target: { value: string } }): void;
}

/**
 * A time of day in 24-hour `HH:MM`, whatever the browser's locale: a text field (a `type="time"` input follows the
 * locale's 12-hour clock). It reads `8:30`, `0830` or `８：３０` and hands the form `08:30`; ArrowUp/ArrowDown step
 * 5 minutes, with Shift an hour. Text that is no time is handed on as typed, and said to be wrong when the field is
 * left (unless the form already says so).
 */
export function TimeField({
  id,
  label,
  errors = [],
  hint,
  className,
  disabled,
  value,
  onChange,
}: TimeFieldProps) {
  const { t } = useTranslation();
  // What the person typed, while the form holds `sent` for it; a change of the form's value from elsewhere wins.
  const [typed, setTyped] = useState<{ text: string; sent: string; left: boolean } | undefined>();
  const own = typed !== undefined && typed.sent === value ? typed : undefined;
  const wrong = own !== undefined && own.left && errors.length === 0;

  const send = (text: string) => {
    const sent = text.trim() === '' ? '' : (parseTime24(text) ?? text);
    setTyped({ text, sent, left: false });
    onChange({ target: { value: sent } });
  };
  const leave = () => {
    if (own === undefined) return;
    if (own.text.trim() === '' || parseTime24(own.text) !== undefined) setTyped(undefined);
    else setTyped({ ...own, left: true });
  };
  const step = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const minutes = event.shiftKey ? 60 : 5;
    const next = stepTime24(own?.text ?? value, event.key === 'ArrowUp' ? minutes : -minutes);
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
            {t('components.time.invalid')}
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
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          className="time-input"
          placeholder={t('components.time.placeholder')}
          maxLength={8}
          disabled={disabled}
          value={own?.text ?? value}
          onChange={(event) => send(event.target.value)}
          onBlur={leave}
          onKeyDown={step}
        />
      )}
    </Field>
  );
}
