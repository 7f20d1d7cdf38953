import type { ConsentRecord } from '../../../../shared/domain/consent';
import { consentStatus, renewalNeed, type RenewalNeed } from '../../../../shared/domain/consent-ledger';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';

/**
 * Who must renew their medical consent after a substantial change to the notice (privacy policy §7), pure: each
 * client whose medical consent in force cites a version older than an effective substantial one, with what the
 * ledger already says about the renewal (the client told of it, or their refusal). A refusal ends nothing (the fold
 * of consent-ledger.ts): the old consent stays in force until the deadline, and the client stays on the list.
 */

export type RenewalState = 'to-tell' | 'told' | 'refused';

export interface RenewalEntry {
  clientId: string;
  /** The medical consent in force, citing an older version. */
  consent: ConsentRecord;
  need: RenewalNeed;
  /** The latest record that the client was told of the new version. */
  informed?: ConsentRecord;
  /** The latest refusal to renew under the new version. */
  refused?: ConsentRecord;
  state: RenewalState;
  /** Whether the deadline has passed: medical writes now need the renewal. */
  overdue: boolean;
}

const latest = (records: readonly ConsentRecord[]) =>
  records.reduce<ConsentRecord | undefined>(
    (last, record) => (!last || record.at >= last.at ? record : last),
    undefined,
  );

/** The clients needing renewal at `now`, the earliest deadline first, then by client id (stable). */
export function renewalList(
  records: readonly ConsentRecord[],
  notices: readonly PrivacyNotice[],
  now: number,
): RenewalEntry[] {
  const byClient = new Map<string, ConsentRecord[]>();
  for (const record of records) {
    const own = byClient.get(record.clientId);
    if (own) own.push(record);
    else byClient.set(record.clientId, [record]);
  }
  const entries: RenewalEntry[] = [];
  for (const [clientId, own] of byClient) {
    // A migrated (unverified) consent counts for nothing, but its client is to be asked again all the same.
    const status = consentStatus(own, { clientId, purpose: 'medical-data' }, now);
    const consent = status.live ?? status.unverified;
    if (!consent) continue;
    const need = renewalNeed(consent, notices, now);
    if (!need) continue;
    const underNew = own.filter((record) => record.noticeId === need.notice.id && record.at <= now);
    const informed = latest(underNew.filter((record) => record.action === 'informed'));
    const refused = latest(
      underNew.filter((record) => record.action === 'refused' && record.purpose === 'medical-data'),
    );
    entries.push({
      clientId,
      consent,
      need,
      ...(informed ? { informed } : {}),
      ...(refused ? { refused } : {}),
      state: refused ? 'refused' : informed ? 'told' : 'to-tell',
      overdue: need.deadline <= now,
    });
  }
  return entries.sort((a, b) => a.need.deadline - b.need.deadline || a.clientId.localeCompare(b.clientId));
}

/** The ids of the clients needing renewal: the client list marks them. */
export function clientsNeedingRenewal(entries: readonly RenewalEntry[]): ReadonlySet<string> {
  return new Set(entries.map((entry) => entry.clientId));
}
