import { COUNTRY_CODE_PATTERN } from './countries';
import { NOTICE_LANGUAGE_PATTERN, NOTICE_VERSION_PATTERN, SHA256_HEX_PATTERN } from './privacy-notice';
import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';

/**
 * The consent ledger: append-only records of what a client agreed to, refused, withdrew or was told, each signed by
 * the device that recorded it. A record is never changed or deleted (the server refuses it); a withdrawal is a new
 * record that refers to the consent it ends, and a correction a new record that replaces the one it refers to. What
 * is in force at a moment is a fold over the records (consent-ledger.ts). Medical data is "special care-required
 * personal information" under APPI: acquiring it (Art. 20(2)) and providing it to a third party (Art. 27) need prior
 * consent, never opt-out; a transfer abroad needs consent informed about the country (Art. 28); marketing is off
 * until consented to. The fields follow ISO/IEC TS 27560 (docs/consent.md maps them).
 *
 * Synced as the `consents` collection (docs/data-model.md, row 4), schema version 2 (version 2 added a provision's
 * `purposeCode` and `partnerCountry`). Version 0 kept one mutable entry per consent with its withdrawal on it;
 * `migrateConsentV0` turns such an entry into an unsigned legacy record.
 */

export const CONSENT_PURPOSES = [
  /** Acquisition and use of the client's medical data (APPI Art. 20(2)). */
  'medical-data',
  /** Provision of the client's data to one named partner institution for a stated purpose (Art. 27). */
  'provision',
  /** Transfer to a recipient in a named country outside Japan, the client told about its regime (Art. 28). */
  'overseas-transfer',
  /** Marketing: off unless recorded. */
  'marketing',
  /** The client acknowledged a version of the privacy notice. */
  'notice-acknowledgement',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * What a `provision` consent lets the partner use the data for, from a fixed catalogue so that a share can be
 * compared with it (consent-purpose.ts `consentCovers`); `statedPurpose` keeps the words said to the client.
 */
export const PROVISION_PURPOSES = [
  /** Arranging treatment, appointments and admission at the partner. */
  'treatment-arrangement',
  /** An assessment before treatment, or a second opinion. */
  'medical-assessment',
  /** Emergency care during the stay. */
  'emergency-care',
  /** Follow-up care after treatment. */
  'aftercare',
  /** A claim to the client's insurer. */
  'insurance-claim',
  /** Transport, accommodation or interpreting around the care. */
  'care-logistics',
] as const;
export type ProvisionPurpose = (typeof PROVISION_PURPOSES)[number];

export const CONSENT_ACTIONS = [
  /** The client gave consent. */
  'given',
  /** The client refused (a renewal after a substantial change, or a purpose asked for). */
  'refused',
  /** The client withdrew the consent named by `refersTo`. */
  'withdrawn',
  /** The client was told of a notice version (`noticeId`), e.g. of a substantial change, and how (`method`). */
  'informed',
  /** Replaces the record named by `refersTo` (a mistake in it); the original stays in the ledger. */
  'corrected',
] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

export const CONSENT_METHODS = ['signed-paper', 'e-signature', 'verbal-witnessed', 'email'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Who asked for a withdrawal (or gave a consent): the client, or a representative whose authority was checked. */
export const CONSENT_REQUESTERS = ['client', 'representative'] as const;
export type ConsentRequester = (typeof CONSENT_REQUESTERS)[number];

export const CONSENT_NOTES_MAX_LENGTH = 2000;
export const CONSENT_STATED_PURPOSE_MAX_LENGTH = 500;
export const CONSENT_COUNTRY_INFORMATION_MAX_LENGTH = 4000;
/** An Ed25519 signature, base64url without padding. */
export const SIGNATURE_PATTERN = '^[A-Za-z0-9_-]{86}$';

export interface ConsentRecord {
  id: string;
  clientId: string;
  action: ConsentAction;
  purpose: ConsentPurpose;
  /** `provision`: the partner institution (the partner directory's id). */
  partnerId?: string;
  /** `provision`: the purpose the partner receives the data for, as stated to the client (required when granting). */
  statedPurpose?: string;
  /** `provision`: that purpose from the catalogue (required on a consent given or corrected from schema v2 on). */
  purposeCode?: ProvisionPurpose;
  /** `provision`: the partner's country (ISO 3166-1 alpha-2) as the client was told, if given. */
  partnerCountry?: string;
  /** `overseas-transfer`: ISO 3166-1 alpha-2 code of the country. */
  country?: string;
  /** `overseas-transfer`: what the client was told about the country's data-protection regime (Art. 28(2)). */
  countryInformation?: string;
  /** `withdrawn`, `corrected`: the record this one ends or replaces. */
  refersTo?: string;
  /** The notice version the client was shown (an `orgSettings` document), its label and the hash of the text. */
  noticeId: string;
  noticeVersion: string;
  noticeHash: string;
  /** The language of the notice text shown (its hash is `noticeHash`). */
  language: string;
  method: ConsentMethod;
  /** When the client gave, refused or withdrew it, or was told (epoch ms); never after `recordedAt`. */
  at: number;
  /** Who asked (withdrawals; a consent given through a representative). */
  requestedBy?: ConsentRequester;
  /** The staff member who recorded it: the signing device's person. */
  recordedBy: string;
  /**
   * The staff member who witnessed a verbal consent or withdrawal: from this version on the recorder themself
   * (authenticated by their session and their device's signature); records made before may name another.
   */
  witnessStaffId?: string;
  /** The device that recorded and signed it. */
  deviceId: string;
  /** When it was recorded (epoch ms, the device's clock). */
  recordedAt: number;
  /** Free text (a form reference, what the client said); personal. */
  notes?: string;
  /**
   * Ed25519 by `deviceId` over the record's canonical bytes (shared/crypto/consent-signature.ts), which leave out
   * `signature`, `assignedStaffIds` (the server rewrites them on reassignment) and `legacy`. Absent only on a legacy
   * record migrated from version 0 (shown as unsigned).
   */
  signature?: string;
  /** A version 0 entry as it was: recorded before records were signed. Never set on a new record. */
  legacy?: true;
  /** As on the client, so that a concierge's device receives the ledger of their own clients. */
  assignedStaffIds: string[];
}

/** The name the code used before version 1; kept so that callers read the same. */
export type Consent = ConsentRecord;

export const consentSchema = {
  title: 'consent record',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuidSchema,
    clientId: uuidSchema,
    action: { type: 'string', enum: [...CONSENT_ACTIONS], maxLength: 16 },
    purpose: { type: 'string', enum: [...CONSENT_PURPOSES], maxLength: 32 },
    partnerId: uuidSchema,
    statedPurpose: { type: 'string', minLength: 1, maxLength: CONSENT_STATED_PURPOSE_MAX_LENGTH },
    purposeCode: { type: 'string', enum: [...PROVISION_PURPOSES], maxLength: 32 },
    partnerCountry: { type: 'string', maxLength: 2, pattern: COUNTRY_CODE_PATTERN },
    country: { type: 'string', maxLength: 2, pattern: COUNTRY_CODE_PATTERN },
    countryInformation: { type: 'string', minLength: 1, maxLength: CONSENT_COUNTRY_INFORMATION_MAX_LENGTH },
    refersTo: uuidSchema,
    noticeId: uuidSchema,
    noticeVersion: { type: 'string', maxLength: 32, pattern: NOTICE_VERSION_PATTERN },
    noticeHash: { type: 'string', maxLength: 64, pattern: SHA256_HEX_PATTERN },
    language: { type: 'string', maxLength: 6, pattern: NOTICE_LANGUAGE_PATTERN },
    method: { type: 'string', enum: [...CONSENT_METHODS], maxLength: 16 },
    at: epochMsSchema,
    requestedBy: { type: 'string', enum: [...CONSENT_REQUESTERS], maxLength: 16 },
    recordedBy: uuidSchema,
    witnessStaffId: uuidSchema,
    deviceId: uuidSchema,
    recordedAt: epochMsSchema,
    notes: { type: 'string', minLength: 1, maxLength: CONSENT_NOTES_MAX_LENGTH },
    signature: { type: 'string', maxLength: 86, pattern: SIGNATURE_PATTERN },
    legacy: { type: 'boolean', enum: [true] },
    assignedStaffIds: staffIdsSchema,
  },
  required: [
    'id',
    'clientId',
    'action',
    'purpose',
    'noticeId',
    'noticeVersion',
    'noticeHash',
    'language',
    'method',
    'at',
    'recordedBy',
    'deviceId',
    'recordedAt',
    'assignedStaffIds',
  ],
  additionalProperties: false,
  indexes: ['clientId'],
} as const;

/** What a record must say beyond the schema, by action and purpose (checked by the device and the server). */
export type ConsentRecordProblem =
  | 'partner-required'
  | 'partner-not-allowed'
  | 'purpose-code-required'
  | 'stated-purpose-required'
  | 'country-required'
  | 'country-japan'
  | 'country-not-allowed'
  | 'refers-to-required'
  | 'refers-to-not-allowed'
  | 'witness-required'
  | 'witness-not-recorder'
  | 'at-after-recorded'
  | 'legacy-not-allowed';

/** A record's shape by its purpose and action. The ledger-level checks (what it refers to) are consent-ledger.ts's. */
export function consentRecordProblem(record: ConsentRecord): ConsentRecordProblem | undefined {
  if (record.legacy) return 'legacy-not-allowed';
  const isProvision = record.purpose === 'provision';
  if (isProvision && record.partnerId === undefined) return 'partner-required';
  const provisionFields = [record.partnerId, record.statedPurpose, record.purposeCode, record.partnerCountry];
  if (!isProvision && provisionFields.some((value) => value !== undefined)) return 'partner-not-allowed';
  const grants = record.action === 'given' || record.action === 'corrected';
  if (isProvision && grants && record.purposeCode === undefined) return 'purpose-code-required';
  // The catalogue purpose is what a share is compared with; the words said to the client are the evidence of the
  // "stated purpose" (APPI Art. 27, issue 14): a consent given or corrected for a provision carries both.
  if (isProvision && grants && record.statedPurpose === undefined) return 'stated-purpose-required';
  const isOverseas = record.purpose === 'overseas-transfer';
  if (isOverseas && (record.country === undefined || record.countryInformation === undefined)) {
    return 'country-required';
  }
  if (isOverseas && record.country === 'JP') return 'country-japan';
  if (!isOverseas && (record.country !== undefined || record.countryInformation !== undefined)) {
    return 'country-not-allowed';
  }
  const refers = record.action === 'withdrawn' || record.action === 'corrected';
  if (refers && record.refersTo === undefined) return 'refers-to-required';
  if (!refers && record.refersTo !== undefined) return 'refers-to-not-allowed';
  if (record.method === 'verbal-witnessed' && record.witnessStaffId === undefined) return 'witness-required';
  // The witness is the staff member who records (and signs, on their own device, in their own session): a name
  // typed for someone else proves nothing, so a record naming another person as witness is refused.
  if (record.witnessStaffId !== undefined && record.witnessStaffId !== record.recordedBy) {
    return 'witness-not-recorder';
  }
  if (record.at > record.recordedAt) return 'at-after-recorded';
  return undefined;
}

/** A version 0 ledger entry, as devices and the server stored it before version 1. */
export interface ConsentV0 {
  id: string;
  clientId: string;
  purpose: string;
  policyVersion: string;
  method: 'written' | 'electronic' | 'verbal-witnessed';
  givenAt: number;
  witnessStaffId: string;
  withdrawnAt?: number;
  withdrawalRecordedBy?: string;
  notes?: string;
  assignedStaffIds: string[];
  createdAt: number;
  updatedAt: number;
  conflicts?: unknown;
}

const NIL = '00000000-0000-0000-0000-000000000000';
const UNKNOWN_HASH = '0'.repeat(64);
const V0_METHODS = {
  written: 'signed-paper',
  electronic: 'e-signature',
  'verbal-witnessed': 'verbal-witnessed',
};

/**
 * A version 0 entry as a legacy record: unsigned (`legacy`, shown as recorded before signatures), its notice
 * unknown (the nil id and a zero hash; the label as typed), its witness as the recorder. A withdrawal recorded on a
 * v0 entry cannot become a second record in a migration (one document in, one out): the server's migration
 * (server/db/migrations) writes it as a legacy `withdrawn` record whose id derives from the entry's, and devices
 * receive it on their next pull. Nothing of the entry is lost: what does not fit a field is kept in `notes`.
 */
export function migrateConsentV0(entry: ConsentV0): ConsentRecord {
  const share = /^share:([0-9a-f-]{36})$/.exec(entry.purpose);
  const purpose: ConsentPurpose = share
    ? 'provision'
    : (CONSENT_PURPOSES as readonly string[]).includes(entry.purpose)
      ? (entry.purpose as ConsentPurpose)
      : 'medical-data';
  const notes = [entry.notes, `v0 policy version: ${entry.policyVersion}`].filter(Boolean).join('\n');
  return {
    id: entry.id,
    clientId: entry.clientId,
    action: 'given',
    purpose,
    ...(share ? { partnerId: share[1] } : {}),
    noticeId: NIL,
    noticeVersion: /^[A-Za-z0-9._-]{1,32}$/.test(entry.policyVersion) ? entry.policyVersion : 'unknown',
    noticeHash: UNKNOWN_HASH,
    language: 'en',
    method: V0_METHODS[entry.method] as ConsentMethod,
    at: entry.givenAt,
    recordedBy: entry.witnessStaffId,
    deviceId: NIL,
    recordedAt: entry.createdAt,
    notes: notes.slice(0, CONSENT_NOTES_MAX_LENGTH),
    legacy: true,
    assignedStaffIds: entry.assignedStaffIds,
  };
}

/**
 * The withdrawal a version 0 entry carried (`withdrawnAt`), as a legacy `withdrawn` record of its own under `id`
 * (the server derives it from the entry's id, so converting twice gives the same record); undefined when the
 * entry was not withdrawn. How the client withdrew was not recorded in version 0: the notes say so.
 */
export function migrateConsentV0Withdrawal(entry: ConsentV0, id: string): ConsentRecord | undefined {
  if (entry.withdrawnAt === undefined) return undefined;
  const given = migrateConsentV0(entry);
  return {
    id,
    clientId: given.clientId,
    action: 'withdrawn',
    purpose: given.purpose,
    ...(given.partnerId !== undefined ? { partnerId: given.partnerId } : {}),
    refersTo: entry.id,
    noticeId: given.noticeId,
    noticeVersion: given.noticeVersion,
    noticeHash: given.noticeHash,
    language: given.language,
    method: given.method,
    at: entry.withdrawnAt,
    recordedBy: entry.withdrawalRecordedBy ?? entry.witnessStaffId,
    deviceId: NIL,
    recordedAt: Math.max(entry.withdrawnAt, entry.updatedAt),
    notes: 'v0 withdrawal: how it was asked for was not recorded',
    legacy: true,
    assignedStaffIds: entry.assignedStaffIds,
  };
}
