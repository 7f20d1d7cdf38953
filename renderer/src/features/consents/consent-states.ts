import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  type ConsentRecord,
  type ProvisionPurpose,
} from '../../../../shared/domain/consent';
import {
  consentKeyOf,
  consentStatus,
  renewalNeed,
  type RenewalNeed,
} from '../../../../shared/domain/consent-ledger';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';

/**
 * The state of each consent of a client, as the Consents tab shows it: one row per purpose key (medical data,
 * marketing, the notice acknowledgement always; a row per partner and catalogue purpose, and per country, the
 * ledger names).
 */
export type PurposeState = 'in-force' | 'needs-renewal' | 'unverified' | 'withdrawn' | 'never-given';

export interface PurposeRow {
  key: string;
  purpose: ConsentPurpose;
  partnerId?: string;
  /** `provision`: the catalogue purpose of the row's consents (absent for consents from before the catalogue). */
  purposeCode?: ProvisionPurpose;
  country?: string;
  state: PurposeState;
  /** The consent in force (the head of its correction chain). */
  live?: ConsentRecord;
  /** The withdrawal that ended the last consent, when none is in force. */
  withdrawal?: ConsentRecord;
  /** A migrated (legacy, unsigned) consent: counts for nothing until confirmed by a signed correction. */
  unverified?: ConsentRecord;
  /** For a medical consent under a version older than a substantial change: the change and its deadline. */
  renewal?: RenewalNeed;
}

const ALWAYS: ConsentPurpose[] = ['medical-data', 'marketing', 'notice-acknowledgement'];

/** The rows for `trusted` records (those that count for gates), in purpose order then by key. */
export function purposeRows(
  trusted: readonly ConsentRecord[],
  notices: readonly PrivacyNotice[],
  clientId: string,
  now: number,
): PurposeRow[] {
  const keys = new Map<string, Pick<PurposeRow, 'purpose' | 'partnerId' | 'country' | 'purposeCode'>>();
  for (const purpose of ALWAYS) keys.set(purpose, { purpose });
  const own = trusted.filter((record) => record.clientId === clientId);
  // A provision consent's row is its partner's and its catalogue purpose's: two purposes with one partner are two
  // rows (each ended only by its own withdrawal). Records naming no purpose (a withdrawal, a refusal, a consent
  // from before the catalogue) add a row for their partner only when no consent names a purpose for it.
  const coded = new Set(
    own.filter((record) => record.purposeCode !== undefined).map((record) => consentKeyOf(record)),
  );
  for (const record of own) {
    const base = consentKeyOf(record);
    if (record.purpose === 'provision' && record.purposeCode === undefined && coded.has(base)) continue;
    keys.set(record.purposeCode !== undefined ? `${base}:${record.purposeCode}` : base, {
      purpose: record.purpose,
      ...(record.partnerId !== undefined ? { partnerId: record.partnerId } : {}),
      ...(record.country !== undefined ? { country: record.country } : {}),
      ...(record.purposeCode !== undefined ? { purposeCode: record.purposeCode } : {}),
    });
  }
  const order = (purpose: ConsentPurpose) => CONSENT_PURPOSES.indexOf(purpose);
  return [...keys.entries()]
    .sort(([ka, a], [kb, b]) => order(a.purpose) - order(b.purpose) || ka.localeCompare(kb))
    .map(([key, at]) => {
      const status = consentStatus(trusted, { clientId, ...at }, now);
      if (status.live) {
        const renewal = at.purpose === 'medical-data' ? renewalNeed(status.live, notices, now) : undefined;
        return {
          key,
          ...at,
          state: renewal ? 'needs-renewal' : 'in-force',
          live: status.live,
          ...(renewal ? { renewal } : {}),
        };
      }
      if (status.unverified) return { key, ...at, state: 'unverified', unverified: status.unverified };
      if (status.withdrawal) return { key, ...at, state: 'withdrawn', withdrawal: status.withdrawal };
      return { key, ...at, state: 'never-given' };
    });
}

/**
 * For the timeline: the withdrawal that ended each record (by id of any record of its chain), and the correction
 * that replaced it. A record may be shown as ended or replaced only by a record that counts.
 */
export function recordLinks(trusted: readonly ConsentRecord[]): {
  withdrawnBy: Map<string, ConsentRecord>;
  correctedBy: Map<string, ConsentRecord>;
} {
  const withdrawnBy = new Map<string, ConsentRecord>();
  const correctedBy = new Map<string, ConsentRecord>();
  for (const record of trusted) {
    if (record.refersTo === undefined) continue;
    if (record.action === 'withdrawn' && !withdrawnBy.has(record.refersTo))
      withdrawnBy.set(record.refersTo, record);
    if (record.action === 'corrected') correctedBy.set(record.refersTo, record);
  }
  // A withdrawal of any record of a correction chain ends the corrections after it too.
  for (let changed = true; changed;) {
    changed = false;
    for (const [original, correction] of correctedBy) {
      const withdrawal = withdrawnBy.get(original);
      if (withdrawal && !withdrawnBy.has(correction.id)) {
        withdrawnBy.set(correction.id, withdrawal);
        changed = true;
      }
    }
  }
  return { withdrawnBy, correctedBy };
}
