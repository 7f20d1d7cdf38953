import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../../shared/domain/validation';

/** How a feature's forms word their errors and style their fields. */
export interface FormSettings {
  /** The catalogue prefix of error texts: `${errorPrefix}.${code}`, with the error's `params`. */
  errorPrefix: string;
  /** The codes the catalogue words; any other is worded as `${errorPrefix}.${fallbackCode}`. All by default. */
  knownCodes?: ReadonlySet<string>;
  fallbackCode?: string;
  /** Show only a field's first error (else every different text, joined). */
  firstErrorOnly?: boolean;
  /** `role="alert"` on each field's error text. */
  alertErrors?: boolean;
  classes?: { field?: string; hint?: string; error?: string };
}

const DEFAULTS: FormSettings = { errorPrefix: 'form.errors' };
const SettingsContext = createContext<FormSettings>(DEFAULTS);

/** Sets how the forms under it word errors and style fields; each feature wraps its screen in one. */
export function FormSettingsProvider({ children, ...settings }: FormSettings & { children: ReactNode }) {
  return <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>;
}

export function useFormSettings(): FormSettings {
  return useContext(SettingsContext);
}

/** Words field errors in the person's language, as the settings in force say. */
export function useErrorTexts(): (errors: readonly FieldError[]) => string[] {
  const { t } = useTranslation();
  const settings = useFormSettings();
  return (errors) => {
    const shown = settings.firstErrorOnly ? errors.slice(0, 1) : errors;
    const texts = shown.map((error) => {
      const code =
        settings.knownCodes && !settings.knownCodes.has(error.code)
          ? (settings.fallbackCode ?? error.code)
          : error.code;
      return t(`${settings.errorPrefix}.${code}`, error.params ?? {});
    });
    return [...new Set(texts)];
  };
}
