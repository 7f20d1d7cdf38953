import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseTime24, stepTime24 } from './time-24h';
import { TypedField, type TypedFieldProps } from './TypedField';

/**
 * A time of day in 24-hour `HH:MM`, whatever the browser's locale: a text field (a `type="time"` input follows the
 * locale's 12-hour clock). It reads `8:30`, `0830` or `８：３０` and hands the form `08:30`; ArrowUp/ArrowDown step
 * 5 minutes, with Shift an hour. Text that is no time is handed on as typed, and said to be wrong when the field is
 * left (unless the form already says so).
 */
export function TimeField(props: TypedFieldProps & { id: string }) {
  const { t } = useTranslation();
  const step = (from: string, event: KeyboardEvent) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return undefined;
    const minutes = event.shiftKey ? 60 : 5;
    return stepTime24(from, event.key === 'ArrowUp' ? minutes : -minutes);
  };
  return (
    <TypedField
      {...props}
      spec={{
        parse: parseTime24,
        show: (value) => value,
        step,
        invalid: t('components.time.invalid'),
        input: {
          className: 'time-input',
          placeholder: t('components.time.placeholder'),
          maxLength: 8,
          inputMode: 'numeric',
        },
      }}
    />
  );
}
