import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateText, parseTypedDate, stepDate } from './date-text';
import { TypedField, type TypedFieldProps } from './TypedField';

/**
 * A calendar date shown the same way whatever the browser's locale (a `type="date"` input shows 04/01/2027 in an
 * en-US browser): "12 Mar 2027" in English, "2027年3月12日" in Japanese. It reads `2027-03-12`, "12 Mar 2027",
 * "2027年3月12日" and full-width digits (date-text.ts) and hands the form `2027-03-12`, as a date input did.
 * ArrowUp/ArrowDown move a day, with Shift (or PageUp/PageDown) a month. Text that is no date is handed on as typed,
 * and said to be wrong when the field is left (unless the form already says so). `weekday` shows the weekday too
 * ("Fri, 12 Mar 2027"): for days that are planned, not for a date of birth.
 */
export function DateField({ weekday = false, ...props }: TypedFieldProps & { weekday?: boolean }) {
  const { t, i18n } = useTranslation();
  const step = (from: string, event: KeyboardEvent) => {
    const months = event.key === 'PageUp' ? 1 : event.key === 'PageDown' ? -1 : 0;
    const days = event.key === 'ArrowUp' ? 1 : event.key === 'ArrowDown' ? -1 : 0;
    if (months === 0 && days === 0) return undefined;
    return months !== 0 || event.shiftKey
      ? stepDate(from, { months: months || days })
      : stepDate(from, { days });
  };
  return (
    <TypedField
      {...props}
      spec={{
        parse: parseTypedDate,
        show: (value) => formatDateText(value, i18n.language, weekday),
        step,
        invalid: t('components.date.invalid'),
        input: { className: 'date-input', placeholder: t('components.date.placeholder'), maxLength: 40 },
      }}
    />
  );
}
