import type { ConsentRecord, ProvisionPurpose } from './consent';

/**
 * Whether a consent covers a use of the client's data: what the sharing code asks of the consent in force before
 * it provides data to a partner (with consent-ledger.ts's fold deciding which consent is in force).
 */
export interface ConsentUse {
  /** What the partner will use the data for, from the catalogue (consent.ts PROVISION_PURPOSES). */
  purpose: ProvisionPurpose;
  /** The partner receiving it (the partner directory's id). */
  partnerId: string;
  /** The partner's country, ISO 3166-1 alpha-2. */
  country: string;
}

/**
 * Pure: whether `consent` (a record in force: given, or the head of a correction chain) covers `use`.
 * - A `provision` consent covers it when it names the same partner, the same catalogue purpose (a consent recorded
 *   before the catalogue, without `purposeCode`, covers no purpose), and, when it names the partner's country,
 *   the same country.
 * - An `overseas-transfer` consent covers it when it names the same country (the partner and purpose are the
 *   provision consent's to say).
 * - Anything else covers nothing: another purpose, a refusal, withdrawal or notice told, a migrated (legacy,
 *   unsigned) record.
 */
export function consentCovers(consent: ConsentRecord, use: ConsentUse): boolean {
  if (consent.action !== 'given' && consent.action !== 'corrected') return false;
  if (consent.legacy) return false;
  if (consent.purpose === 'overseas-transfer') return consent.country === use.country;
  if (consent.purpose !== 'provision') return false;
  return (
    consent.partnerId === use.partnerId &&
    consent.purposeCode === use.purpose &&
    (consent.partnerCountry === undefined || consent.partnerCountry === use.country)
  );
}
