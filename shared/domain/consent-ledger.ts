import type { ConsentPurpose, ConsentRecord, ProvisionPurpose } from './consent';
import { consentCovers } from './consent-purpose';
import { statedAt } from './consent-receipt';
import type { PrivacyNotice } from './privacy-notice';

/**
 * What the consent ledger (consent.ts) says is in force: a fold over a client's records. Pure, so the device (its
 * gates and screens) and the server (its push rules and share routes) read the ledger the same way.
 *
 * The rules:
 * - A `given` record is a consent for its purpose key: the purpose, and the partner (`provision`) or the country
 *   (`overseas-transfer`). It is in force from its `at` until a `withdrawn` record naming it (or any record of its
 *   correction chain) takes effect at that record's `at`.
 * - A `corrected` record stands in place of the record it refers to (which must be `given` or itself a correction),
 *   as a `given` one with the corrected details; a withdrawal of any link of the chain ends the chain.
 * - `refused` and `informed` are evidence (a renewal refused, a client told of a change); they end nothing.
 * - Of several consents in force for one key, the one given last counts (a renewal under a newer notice). A
 *   `provision` key may also name the catalogue purpose (`purposeCode`): consents to one partner for two purposes
 *   then coexist, each ended only by a withdrawal of its own chain; the share gate (`canShareWith`) reads every
 *   consent in force for the partner and asks whether one covers the purpose (consent-purpose.ts `consentCovers`).
 * - A `legacy` record (migrated from version 0, unsigned: nothing proves who recorded it) is "migrated,
 *   unverified": it is reported (`unverified`) but never counts as a consent in force, for any gate, until staff
 *   confirm it with a signed correction (which then heads the chain) or record the consent anew.
 * Callers pass only records they trust: a device leaves out records whose signature fails (shown as invalid).
 */

export interface ConsentKey {
  clientId: string;
  purpose: ConsentPurpose;
  /** `provision` only. */
  partnerId?: string;
  /** `provision` only, optional: only consents for this catalogue purpose (absent: any purpose). */
  purposeCode?: ProvisionPurpose;
  /** `overseas-transfer` only. */
  country?: string;
}

/** A record's purpose key, as text: records with the same key are the same consent's history. */
export function consentKeyOf(record: Pick<ConsentRecord, 'purpose' | 'partnerId' | 'country'>): string {
  if (record.purpose === 'provision') return `provision:${record.partnerId ?? ''}`;
  if (record.purpose === 'overseas-transfer') return `overseas-transfer:${record.country ?? ''}`;
  return record.purpose;
}

const grants = (record: ConsentRecord) => record.action === 'given' || record.action === 'corrected';

/** The head of each correction chain: the `given` record and its corrections, as the latest correction. */
function chains(records: readonly ConsentRecord[]): { head: ConsentRecord; members: Set<string> }[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const correctedBy = new Map<string, ConsentRecord>();
  for (const record of records) {
    if (record.action === 'corrected' && record.refersTo !== undefined) {
      const earlier = correctedBy.get(record.refersTo);
      // Two corrections of one record (the server refuses the second; a device may hold both offline): the
      // later recorded wins, deterministically.
      if (
        !earlier ||
        earlier.recordedAt < record.recordedAt ||
        (earlier.recordedAt === record.recordedAt && earlier.id < record.id)
      ) {
        correctedBy.set(record.refersTo, record);
      }
    }
  }
  const result: { head: ConsentRecord; members: Set<string> }[] = [];
  for (const record of records) {
    if (record.action !== 'given') continue;
    const members = new Set([record.id]);
    let head = record;
    for (
      let next = correctedBy.get(head.id);
      next && !members.has(next.id);
      next = correctedBy.get(head.id)
    ) {
      members.add(next.id);
      head = next;
    }
    result.push({ head, members });
  }
  // A correction whose original is not held (yet) stands alone.
  for (const record of records) {
    if (record.action === 'corrected' && record.refersTo !== undefined && !byId.has(record.refersTo)) {
      if (!correctedBy.has(record.id)) result.push({ head: record, members: new Set([record.id]) });
    }
  }
  return result;
}

export interface ConsentStatus {
  /** The consent in force (the head of its correction chain), if any. */
  live?: ConsentRecord;
  /** The withdrawal that ended the most recent consent of the key, when none is in force. */
  withdrawal?: ConsentRecord;
  /** A migrated (legacy, unsigned) consent not withdrawn, which counts for nothing until confirmed. */
  unverified?: ConsentRecord;
}

/** The state of one consent key at `now`. */
export function consentStatus(
  records: readonly ConsentRecord[],
  key: ConsentKey,
  now: number,
): ConsentStatus {
  const own = records.filter((record) => record.clientId === key.clientId);
  const wanted = consentKeyOf(key);
  const withdrawals = own.filter((record) => record.action === 'withdrawn' && record.refersTo !== undefined);
  let live: ConsentRecord | undefined;
  let unverified: ConsentRecord | undefined;
  let ended: { at: number; withdrawal: ConsentRecord } | undefined;
  for (const { head, members } of chains(own)) {
    if (consentKeyOf(head) !== wanted || !grants(head) || head.at > now) continue;
    if (key.purposeCode !== undefined && head.purposeCode !== key.purposeCode) continue;
    const withdrawal = withdrawals
      .filter((record) => members.has(record.refersTo!) && record.at <= now)
      .sort((a, b) => a.at - b.at)[0];
    if (withdrawal) {
      if (!ended || ended.at < withdrawal.at) ended = { at: withdrawal.at, withdrawal };
      continue;
    }
    if (head.legacy) {
      if (!unverified || head.at > unverified.at) unverified = head;
      continue;
    }
    // The newest by the client's stated date (also when the records are judged from their receipt).
    const [headAt, liveAt] = [statedAt(head), live ? statedAt(live) : 0];
    if (!live || headAt > liveAt || (headAt === liveAt && head.id > live.id)) live = head;
  }
  if (live) return { live };
  return { ...(ended ? { withdrawal: ended.withdrawal } : {}), ...(unverified ? { unverified } : {}) };
}

export function liveConsent(records: readonly ConsentRecord[], key: ConsentKey, now: number) {
  return consentStatus(records, key, now).live;
}

export type MedicalWriteCheck =
  | { ok: true; consent: ConsentRecord }
  | {
      ok: false;
      reason: 'no-consent' | 'consent-withdrawn' | 'renewal-required';
      renewal?: RenewalNeed;
      /** With 'no-consent': a migrated consent is held but unverified (it needs confirming). */
      unverified?: ConsentRecord;
    };

/**
 * Whether a client's medical section may be written at `now`: only under a medical-data consent in force, and,
 * after a substantial change to the notice, only until the change's renewal deadline unless the consent was
 * renewed under it.
 */
export function canWriteMedical(
  records: readonly ConsentRecord[],
  notices: readonly PrivacyNotice[],
  clientId: string,
  now: number,
): MedicalWriteCheck {
  const status = consentStatus(records, { clientId, purpose: 'medical-data' }, now);
  if (!status.live && status.unverified) {
    return { ok: false, reason: 'no-consent', unverified: status.unverified };
  }
  if (!status.live) return { ok: false, reason: status.withdrawal ? 'consent-withdrawn' : 'no-consent' };
  const renewal = renewalNeed(status.live, notices, now);
  if (renewal && renewal.deadline <= now) return { ok: false, reason: 'renewal-required', renewal };
  return { ok: true, consent: status.live };
}

export interface RenewalNeed {
  /** The newest effective substantial version the consent predates. */
  notice: PrivacyNotice;
  /** After this moment medical writes need the renewal (epoch ms). */
  deadline: number;
}

/**
 * Whether a medical consent needs renewing at `now`: an effective version flagged as a substantial change took
 * effect after the version the consent cites (an unknown version, as on a legacy record, is older than all).
 */
export function renewalNeed(
  consent: ConsentRecord,
  notices: readonly PrivacyNotice[],
  now: number,
): RenewalNeed | undefined {
  const cited = notices.find((notice) => notice.id === consent.noticeId);
  const citedAt = cited?.effectiveAt ?? -Infinity;
  const newer = notices
    .filter((notice) => notice.substantial && notice.effectiveAt <= now && notice.effectiveAt > citedAt)
    .sort((a, b) => b.effectiveAt - a.effectiveAt)[0];
  if (!newer) return undefined;
  return { notice: newer, deadline: newer.renewalDeadline ?? newer.effectiveAt };
}

export interface SharePartner {
  id: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  inJapan: boolean;
}

export type ShareConsentCheck =
  | { ok: true; provision: ConsentRecord; overseas?: ConsentRecord }
  | { ok: false; reason: 'no-provision-consent' | 'purpose-not-consented' | 'no-overseas-consent' };

/** Every provision consent in force at `now` for the partner, one per catalogue purpose, the newest first. */
export function liveProvisionConsents(
  records: readonly ConsentRecord[],
  clientId: string,
  partnerId: string,
  now: number,
): ConsentRecord[] {
  const codes = new Set(
    records
      .filter((r) => r.clientId === clientId && r.purpose === 'provision' && r.partnerId === partnerId)
      .map((r) => r.purposeCode),
  );
  const lives: ConsentRecord[] = [];
  for (const code of codes) {
    const key = {
      clientId,
      purpose: 'provision' as const,
      partnerId,
      ...(code ? { purposeCode: code } : {}),
    };
    const live = liveConsent(records, key, now);
    if (live && (code !== undefined || live.purposeCode === undefined)) lives.push(live);
  }
  return lives.sort((a, b) => statedAt(b) - statedAt(a) || (a.id < b.id ? 1 : -1));
}

/**
 * Whether the client's data may be provided to a partner at `now`: a provision consent for that partner in force,
 * and for a partner outside Japan also an overseas-transfer consent for its country. With `purpose` (a share's
 * catalogue purpose), one of the partner's provision consents in force must cover it (`consentCovers`: the same
 * catalogue purpose, and the partner's country if the consent names one), else `purpose-not-consented`.
 */
export function canShareWith(
  records: readonly ConsentRecord[],
  clientId: string,
  partner: SharePartner,
  now: number,
  purpose?: ProvisionPurpose,
): ShareConsentCheck {
  const lives = liveProvisionConsents(records, clientId, partner.id, now);
  if (lives.length === 0) return { ok: false, reason: 'no-provision-consent' };
  const use = purpose && { purpose, partnerId: partner.id, country: partner.country };
  const provision = use ? lives.find((consent) => consentCovers(consent, use)) : lives[0];
  if (!provision) return { ok: false, reason: 'purpose-not-consented' };
  if (partner.inJapan) return { ok: true, provision };
  const overseas = liveConsent(
    records,
    { clientId, purpose: 'overseas-transfer', country: partner.country },
    now,
  );
  return overseas ? { ok: true, provision, overseas } : { ok: false, reason: 'no-overseas-consent' };
}

/** Whether marketing may reach the client at `now`: only with a marketing consent in force (never opt-out). */
export function marketingAllowed(records: readonly ConsentRecord[], clientId: string, now: number): boolean {
  return liveConsent(records, { clientId, purpose: 'marketing' }, now) !== undefined;
}

/** How far a consent's `at` may precede its recording: a paper form signed earlier, recorded on return. */
export const CONSENT_BACKDATE_MAX_MS = 30 * 24 * 60 * 60 * 1000;
/** How far ahead of the server's clock a record's `recordedAt` may be (device clocks drift). */
export const CONSENT_CLOCK_SKEW_MS = 5 * 60 * 1000;

export type LedgerProblem =
  | 'refers-to-unknown'
  | 'refers-to-other-client'
  | 'refers-to-not-a-consent'
  | 'refers-to-other-purpose'
  | 'already-withdrawn'
  | 'already-corrected'
  | 'before-referred'
  | 'backdated'
  | 'before-notice'
  | 'notice-unknown'
  | 'notice-hash-mismatch';

/** What a consent proved: when, under which notice text, and to what (the purpose's own details). */
const PROVED = [
  'at',
  'noticeId',
  'noticeVersion',
  'language',
  'noticeHash',
  'partnerId',
  'purposeCode',
  'statedPurpose',
  'partnerCountry',
  'country',
  'countryInformation',
] as const satisfies readonly (keyof ConsentRecord)[];

/**
 * Whether a record is a correction that keeps what the consent it corrects already proved: its date, the notice
 * text it cites and what it was given for, exactly (how, who witnessed, notes may change). Such a correction may be
 * recorded however long after that date (a paper form misread and found a year later): it claims no moment, text or
 * purpose the ledger did not already hold, signed and accepted within the bound. A later date, another notice (a
 * renewal dated in the past), another purpose, or a migrated, unverified consent (its confirmation is new evidence)
 * stays within the bound like any record.
 */
function keepsReferredEvidence(record: ConsentRecord, referred: ConsentRecord | undefined): boolean {
  return (
    record.action === 'corrected' &&
    referred !== undefined &&
    !referred.legacy &&
    PROVED.every((field) => record[field] === referred[field])
  );
}

/**
 * What a new record may not do to the ledger it joins (`ledger`: the client's records held, `notices`: every
 * notice version). Checked by the device before recording and by the server on push. A record cites a notice
 * version held, with the hash of its text in the record's language; a withdrawal may instead cite exactly what the
 * consent it ends cites (a legacy consent's unknown notice included).
 */
export function ledgerProblem(
  record: ConsentRecord,
  ledger: readonly ConsentRecord[],
  notices: readonly PrivacyNotice[],
): LedgerProblem | undefined {
  const referred =
    record.refersTo === undefined ? undefined : ledger.find((candidate) => candidate.id === record.refersTo);
  // A withdrawal may cite the notice the consent it ends cites (a legacy consent's unknown one among them), so that
  // a client can withdraw whatever notice versions the organisation holds.
  const citesReferred =
    record.action === 'withdrawn' &&
    referred !== undefined &&
    referred.noticeId === record.noticeId &&
    referred.noticeVersion === record.noticeVersion &&
    referred.noticeHash === record.noticeHash &&
    referred.language === record.language;
  if (!citesReferred) {
    const notice = notices.find((candidate) => candidate.id === record.noticeId);
    if (!notice || notice.version !== record.noticeVersion) return 'notice-unknown';
    const text = notice.texts.find((candidate) => candidate.language === record.language);
    if (!text || text.sha256 !== record.noticeHash) return 'notice-hash-mismatch';
    if (record.at < notice.effectiveAt) return 'before-notice';
  }
  if (record.at < record.recordedAt - CONSENT_BACKDATE_MAX_MS && !keepsReferredEvidence(record, referred))
    return 'backdated';
  if (record.refersTo === undefined) return undefined;
  if (!referred) return 'refers-to-unknown';
  if (referred.clientId !== record.clientId) return 'refers-to-other-client';
  if (!grants(referred)) return 'refers-to-not-a-consent';
  if (consentKeyOf(referred) !== consentKeyOf(record)) return 'refers-to-other-purpose';
  if (record.at < referred.at) return 'before-referred';
  const others = ledger.filter((candidate) => candidate.id !== record.id && candidate.refersTo !== undefined);
  if (record.action === 'corrected') {
    return others.some((other) => other.action === 'corrected' && other.refersTo === record.refersTo)
      ? 'already-corrected'
      : undefined;
  }
  // A withdrawal ends the whole correction chain: a second withdrawal of any link of it is refused.
  const chain = chains(ledger).find(({ members }) => members.has(referred.id));
  const members = chain?.members ?? new Set([referred.id]);
  return others.some((other) => other.action === 'withdrawn' && members.has(other.refersTo!))
    ? 'already-withdrawn'
    : undefined;
}

export type NamedConsent =
  | { state: 'live'; consent: ConsentRecord }
  | { state: 'withdrawn'; withdrawal: ConsentRecord }
  | { state: 'unverified'; consent: ConsentRecord }
  | { state: 'missing' };

/**
 * The consent a document names by id (a medical section's `consentId`: a `given` record or any correction of
 * it), as of `now`: in force (with the head of its correction chain), withdrawn, migrated and unverified (a
 * legacy head: counts for nothing), or not a consent held (unknown, not a consent, or given after `now`).
 */
export function namedConsent(
  records: readonly ConsentRecord[],
  consentId: string,
  now: number,
): NamedConsent {
  const chain = chains(records).find(({ members }) => members.has(consentId));
  if (!chain || chain.head.at > now) return { state: 'missing' };
  const withdrawal = records
    .filter(
      (record) =>
        record.action === 'withdrawn' &&
        record.refersTo !== undefined &&
        chain.members.has(record.refersTo) &&
        record.at <= now,
    )
    .sort((a, b) => a.at - b.at)[0];
  if (withdrawal) return { state: 'withdrawn', withdrawal };
  return chain.head.legacy
    ? { state: 'unverified', consent: chain.head }
    : { state: 'live', consent: chain.head };
}
