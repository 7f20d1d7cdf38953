import type { ConsentPartnerProblem } from '../../../../shared/domain/consent-partner';
import { signConsentRecord } from '../../../../shared/crypto/consent-signature';
import type { Sodium, StaffIdentity } from '../../../../shared/crypto/index';
import {
  consentRecordProblem,
  type ConsentAction,
  type ConsentMethod,
  type ConsentPurpose,
  type ConsentRecord,
  type ConsentRecordProblem,
  type ProvisionPurpose,
  type ConsentRequester,
} from '../../../../shared/domain/consent';
import { ledgerProblem, type LedgerProblem } from '../../../../shared/domain/consent-ledger';
import {
  countsForGates,
  recordValidity,
  type RecordValidity,
  type SignKeys,
} from '../../core/medical/consent-gate';
import { currentNotice, noticeText, type PrivacyNotice } from '../../../../shared/domain/privacy-notice';

/**
 * The consent ledger as a device works on it, without the store: how trustworthy each record is (its signature
 * against the staff directory's device keys), and building, checking and signing a new record. consent-data.ts
 * binds these to the session and the store.
 */

export { countsForGates, recordValidity, type RecordValidity, type SignKeys };

export interface LedgerEntry {
  record: ConsentRecord;
  validity: RecordValidity;
}

/** A client's ledger with each record's validity, newest first (by `at`, then when recorded). */
export function ledgerEntries(
  sodium: Sodium,
  records: readonly ConsentRecord[],
  keys: SignKeys,
): LedgerEntry[] {
  return records
    .map((record) => ({ record, validity: recordValidity(sodium, record, keys) }))
    .sort(
      (a, b) =>
        b.record.at - a.record.at ||
        b.record.recordedAt - a.record.recordedAt ||
        b.record.id.localeCompare(a.record.id),
    );
}

/** The records a gate may read: those whose validity counts. */
export const trustedRecords = (entries: readonly LedgerEntry[]): ConsentRecord[] =>
  entries.filter((entry) => countsForGates(entry.validity)).map((entry) => entry.record);

/** What a person records: a consent given, refused, or the client told of a notice version. */
export interface NewRecordInput {
  clientId: string;
  action: Extract<ConsentAction, 'given' | 'refused' | 'informed'>;
  purpose: ConsentPurpose;
  partnerId?: string;
  statedPurpose?: string;
  purposeCode?: ProvisionPurpose;
  partnerCountry?: string;
  country?: string;
  countryInformation?: string;
  /** The notice version shown, and the language of its text shown. */
  noticeId: string;
  language: string;
  method: ConsentMethod;
  at: number;
  requestedBy?: ConsentRequester;
  witnessStaffId?: string;
  notes?: string;
}

/** A withdrawal of the consent `refersTo` (any record of its correction chain). */
export interface WithdrawalInput {
  clientId: string;
  refersTo: string;
  requestedBy: ConsentRequester;
  method: ConsentMethod;
  at: number;
  witnessStaffId?: string;
  notes?: string;
  /**
   * Medical-data withdrawals only: the client also asks for erasure of the medical section, logged as an erasure
   * request in the request register (erasure-request.ts).
   */
  erasure?: boolean;
  /** The notice in force the withdrawal is recorded under; by default the newest effective one. */
  noticeId?: string;
  language?: string;
}

/** A correction: the record `refersTo` as it should have been (same purpose, partner and country). */
export type CorrectionInput = Omit<NewRecordInput, 'action'> & { refersTo: string };

export type ConsentCommandProblem =
  | ConsentRecordProblem
  | LedgerProblem
  /** The partner named is not in the directory held here, not as named, or suspended (consent-partner.ts). */
  | ConsentPartnerProblem
  /** The role may not write consents, or not for this client. */
  | 'not-allowed'
  /** No client with this id on the device. */
  | 'client-unknown'
  /** The notice version named is not held, not effective, or has no text in the language named. */
  | 'notice-unavailable'
  /** The device is locked (its keys are not available to sign). */
  | 'locked';

export type ConsentCommandResult =
  { ok: true; record: ConsentRecord } | { ok: false; problem: ConsentCommandProblem };

/** Who records, on which device, with which keys, at what time. */
export interface Recorder {
  staffId: string;
  deviceId: string;
  /** A fresh copy of the device's keys (`staffId` = the device id), wiped by the caller after use. */
  keys: StaffIdentity;
  now: number;
  newId: () => string;
}

type Unsigned = Omit<ConsentRecord, 'signature' | 'legacy'>;

function resolveNotice(
  notices: readonly PrivacyNotice[],
  noticeId: string,
  language: string,
  now: number,
): Pick<ConsentRecord, 'noticeId' | 'noticeVersion' | 'noticeHash' | 'language'> | undefined {
  const notice = notices.find((candidate) => candidate.id === noticeId);
  if (!notice || notice.effectiveAt > now) return undefined;
  const text = notice.texts.find((candidate) => candidate.language === language);
  if (!text) return undefined;
  return { noticeId, noticeVersion: notice.version, noticeHash: text.sha256, language };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined || value === '' ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * Builds, checks (consentRecordProblem, then ledgerProblem against the client's `ledger` and every notice) and
 * signs a record. `fields` are the record's own fields; the rest comes from the recorder and the client.
 */
export function buildRecord(
  sodium: Sodium,
  fields: Omit<Unsigned, 'id' | 'recordedBy' | 'deviceId' | 'recordedAt' | 'assignedStaffIds'>,
  context: {
    recorder: Recorder;
    assignedStaffIds: string[];
    ledger: readonly ConsentRecord[];
    notices: readonly PrivacyNotice[];
  },
): ConsentCommandResult {
  const { recorder } = context;
  const unsigned: Unsigned = {
    ...fields,
    id: recorder.newId(),
    recordedBy: recorder.staffId,
    deviceId: recorder.deviceId,
    recordedAt: recorder.now,
    assignedStaffIds: [...context.assignedStaffIds],
  };
  const problem = consentRecordProblem(unsigned) ?? ledgerProblem(unsigned, context.ledger, context.notices);
  if (problem) return { ok: false, problem };
  return { ok: true, record: signConsentRecord(sodium, unsigned, recorder.keys) };
}

/** The record fields of a new `given`, `refused` or `informed` record (or a correction), notice resolved. */
export function newRecordFields(
  input: NewRecordInput | (CorrectionInput & { action: 'corrected' }),
  notices: readonly PrivacyNotice[],
  now: number,
): Omit<Unsigned, 'id' | 'recordedBy' | 'deviceId' | 'recordedAt' | 'assignedStaffIds'> | undefined {
  const notice = resolveNotice(notices, input.noticeId, input.language, now);
  if (!notice) return undefined;
  return {
    clientId: input.clientId,
    action: input.action,
    purpose: input.purpose,
    ...optional('partnerId', input.partnerId),
    ...optional('statedPurpose', input.statedPurpose?.trim()),
    ...optional('purposeCode', input.purposeCode),
    ...optional('partnerCountry', input.partnerCountry),
    ...optional('country', input.country),
    ...optional('countryInformation', input.countryInformation?.trim()),
    ...optional('refersTo', 'refersTo' in input ? input.refersTo : undefined),
    ...notice,
    method: input.method,
    at: input.at,
    ...optional('requestedBy', input.requestedBy),
    ...optional('witnessStaffId', input.witnessStaffId),
    ...optional('notes', input.notes?.trim()),
  };
}

/**
 * The record fields of a withdrawal of `referred`: its purpose key, under the notice named or else the newest
 * effective one, in the language named, else the referred record's, else any text of it.
 */
export function withdrawalFields(
  input: WithdrawalInput,
  referred: ConsentRecord,
  notices: readonly PrivacyNotice[],
  now: number,
): Omit<Unsigned, 'id' | 'recordedBy' | 'deviceId' | 'recordedAt' | 'assignedStaffIds'> | undefined {
  const notice =
    input.noticeId !== undefined
      ? notices.find((candidate) => candidate.id === input.noticeId)
      : currentNotice(notices, now);
  if (!notice) return undefined;
  const text =
    (input.language !== undefined ? noticeText(notice, input.language) : undefined) ??
    noticeText(notice, referred.language) ??
    notice.texts[0];
  if (!text) return undefined;
  const resolved = resolveNotice(notices, notice.id, text.language, now);
  if (!resolved) return undefined;
  return {
    clientId: input.clientId,
    action: 'withdrawn',
    purpose: referred.purpose,
    ...optional('partnerId', referred.partnerId),
    ...optional('country', referred.country),
    // Article 28 information belongs to the consent; the withdrawal names the country only, but the schema's
    // check (consentRecordProblem) wants both on an overseas record.
    ...optional('countryInformation', referred.countryInformation),
    ...optional('statedPurpose', referred.statedPurpose),
    ...optional('purposeCode', referred.purposeCode),
    ...optional('partnerCountry', referred.partnerCountry),
    refersTo: input.refersTo,
    ...resolved,
    method: input.method,
    at: input.at,
    requestedBy: input.requestedBy,
    ...optional('witnessStaffId', input.witnessStaffId),
    ...optional('notes', input.notes?.trim()),
  };
}
