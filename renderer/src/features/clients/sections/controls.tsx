import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isCalendarDate } from '../../../../../shared/domain/dates';
import type { ControlProps } from '../../../components/form/index';
import { countryChoices, formatCalendarDateFor } from '../format';

export function useLanguage(): string {
  const { i18n } = useTranslation();
  return i18n.language;
}

/** A country picker, with names in the UI's language. */
export function CountrySelect({
  value,
  onChange,
  ...props
}: ControlProps & { value: string; onChange(code: string): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const choices = useMemo(() => countryChoices(language), [language]);
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('clientRecord.chooseCountry')}</option>
      {choices.map((choice) => (
        <option key={choice.code} value={choice.code}>
          {choice.name}
        </option>
      ))}
    </select>
  );
}

/** A date shown in the UI's language under its field, when it is a date. */
export function DateNote({ date }: { date: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!isCalendarDate(date)) return null;
  return (
    <p className="muted hint date-shown">
      {t('clientRecord.shownAs', { date: formatCalendarDateFor(language, date) })}
    </p>
  );
}

/** A checkbox in a group editing a list of codes. */
export function toggled<T>(list: readonly T[], item: T, checked: boolean): T[] {
  return checked ? [...list, item] : list.filter((other) => other !== item);
}
