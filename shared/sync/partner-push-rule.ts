import { loadSodium } from '../crypto/sodium';
import { partnerProblem, type Partner } from '../domain/partner';
import { parsePartnerPublicKey, partnerFingerprint } from '../domain/partner-public-key';
import { sameDocument } from './canonical';
import type { AnyDocument, PushRefusal, PushRule } from './push-rules';

/**
 * The partner directory's push rule (registry `partners`), beyond the permission table (only managers and the
 * admin write it):
 *
 * - A partner is never deleted: provision records and consents name it. A partner no longer used is suspended.
 * - The document is consistent (partner.ts `partnerProblem`).
 * - Marking a partner vetted, and confirming its key's fingerprint, are done in the caller's own name, now.
 * - A new public key is unconfirmed: a key change clears the confirmation, which must then be made again by phone.
 * - The fingerprint is the key's; an agreement is not dated to expire before it was signed.
 */
const refuse = (reason: string): PushRefusal => ({ rule: 'partner', reason });
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export const partnerRule: PushRule = async ({ caller, master, next, facts, writes = true }) => {
  if (!writes) return undefined;
  if (next._deleted) return refuse('partner-not-deleted');
  const partner = Object.fromEntries(
    Object.entries(next).filter(([k]) => k !== '_deleted'),
  ) as unknown as Partner;
  const problem = partnerProblem(partner);
  if (problem) return refuse(`partner-${problem}`);
  const before =
    master && !master._deleted ? (master as AnyDocument & Partner) : (undefined as Partner | undefined);
  const now = facts.now();
  const fresh = (at: number | undefined) => at !== undefined && Math.abs(at - now) <= CLOCK_SKEW_MS;
  if (partner.vetting.status === 'vetted' && !sameDocument(before?.vetting, partner.vetting)) {
    if (partner.vetting.by !== caller.staffId || !fresh(partner.vetting.at)) {
      return refuse('partner-vetting-not-caller');
    }
  }
  const key = partner.key;
  if (key) {
    const bytes = parsePartnerPublicKey(key.publicKey);
    if (!bytes || partnerFingerprint(await loadSodium(), bytes) !== key.fingerprint) {
      return refuse('partner-fingerprint-mismatch');
    }
    const keyChanged = before?.key?.publicKey !== key.publicKey;
    if (keyChanged && key.confirmedBy !== undefined) return refuse('partner-new-key-confirmed');
    const confirmationChanged =
      before?.key?.confirmedBy !== key.confirmedBy ||
      before?.key?.confirmedAt !== key.confirmedAt ||
      before?.key?.confirmedKey !== key.confirmedKey;
    if (key.confirmedBy !== undefined && confirmationChanged) {
      if (key.confirmedBy !== caller.staffId || !fresh(key.confirmedAt)) {
        return refuse('partner-confirmation-not-caller');
      }
    }
  }
  return undefined;
};
