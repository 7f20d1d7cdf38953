import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Messages } from './en';
import { ja } from './ja';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'lumina.language';
export const catalogues: Record<Language, Messages> = { en, ja };

/**
 * The tag i18next and Intl get for a UI language: English is British English, so that dates read "12 Mar 2027" and
 * times "14:00" (US order and 12-hour times are misread by most of the clients and staff). Texts are looked up
 * under `en` (i18next falls back from en-GB to en).
 */
export const localeOf = (language: Language) => (language === 'en' ? 'en-GB' : language);

/** The UI language a locale tag stands for (`en-GB` → `en`). */
export const languageOf = (tag: string): Language => (tag.startsWith('ja') ? 'ja' : 'en');

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The saved choice, else the system's language when we have it, else English. */
export function initialLanguage(saved: string | null, preferred: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export const i18n = i18next.createInstance();

export async function initI18n(): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, ja: { translation: ja } },
    lng: localeOf(initialLanguage(localStorage.getItem(STORAGE_KEY), navigator.languages)),
    fallbackLng: 'en',
    // React escapes what it renders; escaping here as well would double-escape names like O'Brien.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = languageOf(i18n.language);
}

/** Switches the running UI; the choice is remembered on this device (it is not personal data). */
export async function setLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(localeOf(language));
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}
