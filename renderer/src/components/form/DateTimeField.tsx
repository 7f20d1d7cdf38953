import { useTranslation } from 'react-i18next';
import { DateField } from './DateField';
import { joinDateTime, splitDateTime } from './date-text';
import { TimeField } from './TimeField';
import type { TypedFieldProps } from './TypedField';

/**
 * The moment's label ("Received on") is the date field's; the time field beside it is "Time". `className` is given
 * to each of the two fields (the pair then lays out as two rows of the form's grid). The stored form is
 * `YYYY-MM-DDTHH:MM` as a `datetime-local` input gave it (or what was typed, when it is not).
 */
type DateTimeFieldProps = TypedFieldProps & { id: string };

/**
 * A moment as a `datetime-local` input held it (`YYYY-MM-DDTHH:MM`, the device's local time), shown as a DateField
 * and a 24-hour TimeField side by side: a `datetime-local` input shows "04/01/2027, 09:30 AM" in an en-US browser.
 * The form's errors for the moment are shown under the date.
 */
export function DateTimeField({
  id,
  label,
  errors,
  hint,
  className,
  disabled,
  value,
  onChange,
}: DateTimeFieldProps) {
  const { t } = useTranslation();
  const [date, time] = splitDateTime(value);
  const send = (next: string) => onChange({ target: { value: next } });
  return (
    <div className={className ? 'date-time-field in-rows' : 'date-time-field'}>
      <DateField
        id={id}
        className={className}
        label={label}
        errors={errors}
        hint={hint}
        disabled={disabled}
        value={date}
        onChange={(event) => send(joinDateTime(event.target.value, time))}
      />
      <TimeField
        id={`${id}-time`}
        className={className}
        label={t('components.dateTime.time')}
        disabled={disabled}
        value={time}
        onChange={(event) => send(joinDateTime(date, event.target.value))}
      />
    </div>
  );
}
