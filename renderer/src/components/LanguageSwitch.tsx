import { useTranslation } from 'react-i18next';
import { isLanguage, languageOf, LANGUAGES, setLanguage } from '../i18n/index';

const names: Record<(typeof LANGUAGES)[number], string> = { en: 'English', ja: '日本語' };

/** Switches the running UI between English and Japanese; each language is named in itself. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <select
        aria-label={t('app.language')}
        value={languageOf(i18n.language)}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {names[language]}
          </option>
        ))}
      </select>
    </label>
  );
}
