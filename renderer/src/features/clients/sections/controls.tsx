import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlProps } from '../../../components/form/index';
import { countryChoices } from '../format';

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

/** A checkbox in a group editing a list of codes. */
export function toggled<T>(list: readonly T[], item: T, checked: boolean): T[] {
  return checked ? [...list, item] : list.filter((other) => other !== item);
}
