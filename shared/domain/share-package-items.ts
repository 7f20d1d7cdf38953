import type { SharePackageItem } from '../crypto/share-package';
import type { Client } from './client';
import type { MedicalContent } from './medical';
import { isMedicalShareField, SHARE_FIELD_LABELS } from './share-fields';
import type { ShareField } from './share-request';

/** A value as a reader sees it: lists joined by "; ", objects as "key: value" pairs, nothing for empty values. */
export function readableValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(readableValue).filter(Boolean).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => [key, readableValue(inner)] as const)
      .filter(([, inner]) => inner !== '')
      .map(([key, inner]) => `${key}: ${inner}`)
      .join(', ');
  }
  return String(value);
}

/**
 * The items a sealed package carries for an approved share of `fields`: exactly those fields, in the order
 * approved, labelled as the manager saw them (share-fields.ts), with the client's values as text. Medical fields
 * need the opened section (`medical`); without it the package cannot be built (refused, never left out silently).
 */
export function sharePackageItems(
  fields: readonly ShareField[],
  client: Client,
  medical: MedicalContent | undefined,
): SharePackageItem[] {
  return fields.map((key) => {
    const label = { ...SHARE_FIELD_LABELS[key] };
    if (isMedicalShareField(key)) {
      if (medical === undefined) throw new RangeError('the medical section is not open on this device');
      const field = key.slice('medical.'.length) as keyof MedicalContent;
      return { key, label, value: readableValue(medical[field]), medical: true };
    }
    const value =
      key === 'names'
        ? Object.values(client.names).filter(Boolean).join(' / ')
        : readableValue(client[key as keyof Client]);
    return { key, label, value, medical: false };
  });
}
