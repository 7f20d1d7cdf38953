import type { ConsentRecord } from '../domain/consent';
import { consentPartnerProblem, namesPartner } from '../domain/consent-partner';
import type { Partner } from '../domain/partner';
import { consentRule, type PushFacts, type PushRefusal, type PushRule } from './push-rules';

/**
 * The consent ledger's push rule as the registry names it (`consents`): the ledger's own rule (push-rules.ts
 * `consentRule`: append-only, signed, fits the ledger), then, for a new record, the partner it names: a `provision`
 * record other than a withdrawal names a partner of the organisation's directory (the server's `partners`
 * documents), with the directory's country if it names one, and a consent given names one not suspended
 * (consent-partner.ts). A refusal writes nothing of the push.
 */
export const consentPushRule: PushRule = async (input) => {
  const refusal = await consentRule(input);
  // A retry of a record held passes as it passed (the partner may have been suspended since).
  if (refusal || input.master !== undefined || input.next._deleted) return refusal;
  return consentPartnerRefusal(input.next as unknown as ConsentRecord, input.facts);
};

/** The refusal of a record whose partner the directory does not hold, or not so (`consent-partner-…`). */
export async function consentPartnerRefusal(
  record: ConsentRecord,
  facts: Pick<PushFacts, 'document'>,
): Promise<PushRefusal | undefined> {
  if (!namesPartner(record)) return undefined;
  const held = await facts.document('partners', record.partnerId!);
  const partner = held && !held._deleted ? (held as unknown as Partner) : undefined;
  const problem = consentPartnerProblem(record, partner);
  return problem ? { rule: 'partner', reason: `consent-${problem}` } : undefined;
}
