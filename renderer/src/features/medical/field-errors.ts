import type { TFunction } from 'i18next';
import type { FieldError } from '../../../../shared/domain/validation';

const KNOWN = new Set([
  'required',
  'too-long',
  'too-many',
  'invalid-format',
  'invalid-date',
  'date-in-future',
  'unknown-option',
]);

/** Each field's first error, worded, by the field's path (`medical.allergies.0.substance`). */
export function fieldErrorTexts(t: TFunction, errors: readonly FieldError[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const error of errors) {
    if (texts.has(error.path)) continue;
    const key = KNOWN.has(error.code) ? error.code : 'other';
    texts.set(error.path, t(`medical.errors.${key}`, error.params ?? {}));
  }
  return texts;
}

/** A DOM id for a field path. */
export function fieldId(path: string): string {
  return path.replace(/\./g, '-');
}
