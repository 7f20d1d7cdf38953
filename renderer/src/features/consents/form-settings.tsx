import type { ReactNode } from 'react';
import { FormSettingsProvider } from '../../components/form/index';

const KNOWN_ERRORS = new Set([
  'required',
  'too-long',
  'invalid-format',
  'invalid-date',
  'date-in-future',
  'date-too-early',
  'before-notice',
  'before-referred',
  'unknown-option',
  'unknown-country',
  'country-japan',
  'witness-is-recorder',
  'witness-not-recorder',
]);

/** How the consent forms word their errors (consents.errors), wherever they are shown (the medical tab too). */
export function ConsentFormSettings({ children }: { children: ReactNode }) {
  return (
    <FormSettingsProvider
      errorPrefix="consents.errors"
      knownCodes={KNOWN_ERRORS}
      fallbackCode="other"
      firstErrorOnly
      alertErrors
      classes={{ error: 'field-error small', hint: 'muted small hint' }}
    >
      {children}
    </FormSettingsProvider>
  );
}
