import type { TFunction } from 'i18next';
import { CONSENT_PURPOSES, type ConsentRecord } from '../../../../shared/domain/consent';

/** A country's name in `language` (ISO 3166-1 alpha-2 code in, the code back when the runtime has no name). */
export function countryName(code: string, language: string): string {
  return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code) ?? code;
}

/** A language's name in `language` (`ja` → "Japanese" / "日本語"). */
export function languageName(code: string, language: string): string {
  return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(code) ?? code;
}

/**
 * A purpose as people read it: "Provision to a partner: Raffles Hospital" (the directory's name, `partnerName`; the
 * partner's id when the directory here holds none), "Transfer abroad: Singapore".
 */
export function purposeLabel(
  t: TFunction,
  language: string,
  key: Pick<ConsentRecord, 'purpose' | 'partnerId' | 'country'>,
  partnerName?: (partnerId: string, language: string) => string | undefined,
): string {
  // A record that reached the device around the server's checks may name no purpose of ours: say so, never the key.
  const known = (CONSENT_PURPOSES as readonly string[]).includes(key.purpose);
  const base = t(known ? `consents.purposes.${key.purpose}` : 'consents.purposeUnknown');
  if (key.purpose === 'provision' && key.partnerId)
    return `${base}: ${partnerName?.(key.partnerId, language) ?? t('consents.partner', { partner: key.partnerId })}`;
  if (key.purpose === 'overseas-transfer' && key.country)
    return `${base}: ${t('consents.country', { country: countryName(key.country, language) })}`;
  return base;
}

/**
 * `purposeLabel` and, for a provision consent naming one, its catalogue purpose in words: "Provision to a partner:
 * Raffles Hospital (Emergency care)", so that two purposes with one partner read apart.
 */
export function purposeLabelWithCode(
  t: TFunction,
  language: string,
  key: Pick<ConsentRecord, 'purpose' | 'partnerId' | 'country' | 'purposeCode'>,
  partnerName?: (partnerId: string, language: string) => string | undefined,
): string {
  const base = purposeLabel(t, language, key, partnerName);
  return key.purpose === 'provision' && key.purposeCode
    ? `${base} (${t(`consents.provisionPurposes.${key.purposeCode}`)})`
    : base;
}

/** A short form of an id (a device's, a record's) for people to compare. */
export const shortId = (id: string) => id.slice(0, 8);

/** `datetime-local`'s value for a moment, in the device's time zone, to the minute. */
export function localDateTimeValue(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The moment a `datetime-local` value names (NaN when empty or unparsable). */
export const momentOf = (value: string) => (value === '' ? NaN : new Date(value).getTime());

/**
 * The note withdrawals carried, before erasure requests were logged in the request register (erasure-request.ts),
 * that the client asked for erasure of the medical section: such records are still shown as pending.
 */
export const ERASURE_PENDING_NOTE = '[erasure of the medical section requested: pending]';
