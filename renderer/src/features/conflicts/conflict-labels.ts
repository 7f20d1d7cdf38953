import type { TFunction } from 'i18next';
import { DELETED_PATH, pathKey, type ConflictValue } from '../../../../shared/index';

const FIELD_KEYS: Record<string, string> = {
  [pathKey(['names', 'latin'])]: 'conflicts.field.names.latin',
  [pathKey(['names', 'katakana'])]: 'conflicts.field.names.katakana',
  [pathKey(['names', 'kanji'])]: 'conflicts.field.names.kanji',
  [pathKey(['status'])]: 'conflicts.field.status',
  [pathKey(DELETED_PATH)]: 'conflicts.field.deleted',
};

/** The name of a conflicted field as a person reads it; unknown fields (future collections) show their path. */
export function fieldLabel(t: TFunction, path: readonly string[]): string {
  const key = FIELD_KEYS[pathKey(path)];
  return key ? t(key) : t('conflicts.field.other', { path: path.join('.') });
}

/** One competing value as text: statuses and the deletion flag are worded, other values shown as they are. */
export function valueLabel(t: TFunction, path: readonly string[], entry: ConflictValue): string {
  const value = entry.value;
  if (value === undefined || value === null || value === '') return t('conflicts.empty');
  if (pathKey(path) === pathKey(DELETED_PATH)) {
    return value === true ? t('conflicts.deletedValue') : t('conflicts.keptValue');
  }
  if (pathKey(path) === pathKey(['status']) && typeof value === 'string') return t(`clients.status.${value}`);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
