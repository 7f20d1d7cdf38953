import type { ConsentRecord } from './consent';
import type { Partner } from './partner';

/**
 * Which partner a `provision` consent may name (issue 14, with the partner directory of issue 15): one the
 * organisation's directory holds, and, for a consent given, one not suspended (a partner the organisation no longer
 * works with is named by no new consent; one still being vetted may be, since a client's consent often comes first,
 * and the share gate refuses an unvetted partner anyway). A correction keeps the partner of the consent it corrects
 * (ledgerProblem refuses another), so it passes for a partner suspended since. The country a provision
 * consent names is the directory's, not a typed one. A withdrawal is never refused for its partner: it names the
 * partner of the consent it ends (consent-ledger.ts `ledgerProblem`), and ending consent is always allowed.
 * Checked by the device before signing and by the server on push (shared/sync/consent-push-rule.ts).
 */

export type ConsentPartnerProblem = 'partner-unknown' | 'partner-suspended' | 'partner-country-mismatch';

/** Whether a new consent may name the partner (the consent form offers only these). */
export const partnerNameable = (partner: Pick<Partner, 'vetting'>): boolean =>
  partner.vetting.status !== 'suspended';

/** The partners a consent form offers: nameable ones, by their name in `language` (Japanese or English). */
export function nameablePartners(partners: readonly Partner[], language: string): Partner[] {
  const name = (partner: Partner) => (language === 'ja' ? partner.names.ja : partner.names.en);
  return partners.filter(partnerNameable).sort((a, b) => name(a).localeCompare(name(b), language));
}

/** Whether the record needs its partner looked up in the directory. */
export const namesPartner = (record: Pick<ConsentRecord, 'purpose' | 'action' | 'partnerId'>): boolean =>
  record.purpose === 'provision' && record.action !== 'withdrawn' && record.partnerId !== undefined;

/** What is wrong with the partner a record names (`partner`: the directory's, undefined when it holds none). */
export function consentPartnerProblem(
  record: Pick<ConsentRecord, 'purpose' | 'action' | 'partnerId' | 'partnerCountry'>,
  partner: Pick<Partner, 'id' | 'country' | 'vetting'> | undefined,
): ConsentPartnerProblem | undefined {
  if (!namesPartner(record)) return undefined;
  if (!partner || partner.id !== record.partnerId) return 'partner-unknown';
  if (record.partnerCountry !== undefined && record.partnerCountry !== partner.country) {
    return 'partner-country-mismatch';
  }
  return record.action === 'given' && !partnerNameable(partner) ? 'partner-suspended' : undefined;
}
