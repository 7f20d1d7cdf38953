import { fieldConflictsSchema, type WithConflicts } from '../sync/conflicts';
import { CONSENT_PURPOSES, type ConsentPurpose } from './consent';
import { COUNTRY_CODE_PATTERN } from './countries';
import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';

/**
 * The register of data-subject requests (issue 16): what a client (or their representative) asked of the company
 * about their data under APPI Arts. 33–35 (and GDPR Arts. 15–21 for clients from the EU/EEA), how the requester's
 * identity was checked, the deadline, who handles it and how it was answered or refused, with the legal ground.
 * Synced as the `requests` collection (docs/data-model.md, row 11). The deadline rules, the status order and the
 * checks the server runs on a push are in request-rules.ts.
 */

export const REQUEST_TYPES = [
  /** Disclosure of the retained personal data (APPI Art. 33(1); GDPR Art. 15). */
  'disclosure',
  /** Disclosure of the records of provision to third parties (APPI Art. 33(5)). */
  'provision-records',
  /** Correction, addition or deletion of content (Art. 34; GDPR Art. 16). */
  'correction',
  /** Cessation of use (Art. 35(1); GDPR Art. 18/21). */
  'cessation-of-use',
  /** Erasure (Art. 35(1), (5); GDPR Art. 17). */
  'erasure',
  /** Cessation of provision to third parties (Art. 35(3)). */
  'cessation-of-provision',
  /** Withdrawal of a consent (recorded in the consent ledger; the request tracks the demand). */
  'consent-withdrawal',
  /** A question about the handling of their data (privacy policy §8). */
  'enquiry',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/**
 * What an erasure request asks to be erased: the whole client, or only the medical section or the passport (as the
 * erasure machinery's scopes, erasure.ts). Absent: the whole client.
 */
export const ERASURE_REQUEST_SCOPES = ['client', 'medical', 'passport'] as const;
export type ErasureRequestScope = (typeof ERASURE_REQUEST_SCOPES)[number];

export const REQUEST_CHANNELS = ['in-person', 'email', 'phone', 'letter', 'web-form', 'other'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_STATUSES = [
  'received',
  'verifying',
  'in-progress',
  'answered',
  'refused',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUESTER_KINDS = ['client', 'representative'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

/** How a representative's authority was checked (a power of attorney, a guardian's court order…). */
export const REPRESENTATION_EVIDENCE = [
  'power-of-attorney',
  'legal-guardian',
  'parent-of-minor',
  'other',
] as const;
export type RepresentationEvidence = (typeof REPRESENTATION_EVIDENCE)[number];

/** How the requester's identity was checked (APPI Art. 37(2) lets the company set the method). */
export const VERIFICATION_METHODS = [
  'passport-in-person',
  'photo-id-copy',
  'known-contact-callback',
  'known-email-reply',
  'other',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const VERIFICATION_OUTCOMES = ['verified', 'failed'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

/** How the answer went to the requester. */
export const ANSWER_CHANNELS = ['email', 'letter', 'in-person', 'secure-download', 'phone'] as const;
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];

/**
 * The legal grounds a refusal or a partial answer records. APPI Art. 33(2): (i) harm to the life, body, property or
 * other rights of the person or a third party, (ii) serious interference with the proper conduct of business,
 * (iii) a violation of other laws; Art. 35: the demand has no ground under the article (e.g. the data is still
 * needed and was lawfully obtained), or erasure is held by a legal hold; any request: the identity or the
 * representation could not be verified; GDPR Art. 12(5): manifestly unfounded or excessive; Art. 34: the content
 * is accurate (a correction). Which grounds fit which type of request: request-evidence.ts `GROUNDS_BY_TYPE`.
 */
export const REFUSAL_GROUNDS = [
  'appi-33-2-i-harm',
  'appi-33-2-ii-business',
  'appi-33-2-iii-other-law',
  'appi-34-content-accurate',
  'appi-35-no-ground',
  'legal-hold',
  'identity-not-verified',
  'gdpr-12-5-unfounded',
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/** Where the GDPR deadline comes from: the client's nationality or residence in the EU/EEA, or neither. */
export const GDPR_BASES = ['nationality', 'residence', 'none'] as const;
export type GdprBasis = (typeof GDPR_BASES)[number];

export const REQUEST_TEXT_MAX_LENGTH = 2000;
export const REQUEST_NAME_MAX_LENGTH = 200;

export interface Requester {
  kind: RequesterKind;
  /** A representative's name and relationship; absent for the client themself. */
  name?: string;
  relationship?: string;
  /** How the representative's authority was checked, by whom and when. */
  evidence?: RepresentationEvidence;
  checkedBy?: string;
  checkedAt?: number;
}

export interface IdentityVerification {
  method: VerificationMethod;
  outcome: VerificationOutcome;
  by: string;
  at: number;
  notes?: string;
}

export interface RequestExtension {
  /** Why one more period was needed (GDPR Art. 12(3): complexity or number of requests); told to the requester. */
  reason: string;
  by: string;
  at: number;
}

export interface RequestAnswer {
  channel: AnswerChannel;
  /** What was answered (for a correction: what changed; the before and after stay in the access log). */
  summary: string;
  /** Part of the request was not granted: `ground` says why. */
  partial: boolean;
  ground?: RefusalGround;
  by: string;
  at: number;
}

export interface RequestRefusal {
  ground: RefusalGround;
  reason: string;
  by: string;
  at: number;
}

/** One complete export produced for the request (the JSON and the readable report, from the same data). */
export interface RequestExportRecord {
  by: string;
  deviceId: string;
  at: number;
  /** The export's schema version (request-export.ts). */
  schemaVersion: number;
  /** SHA-256 of the JSON file, hex. */
  sha256: string;
}

/**
 * What was done for a cessation or an erasure, the evidence an answer needs (request-evidence.ts): the consent
 * withdrawals recorded for the purposes whose use ceased ('use-ceased') or for every provision and overseas-transfer
 * consent ('provision-ceased': the server then cancels the client's pending and approved shares, listed for the
 * partner to be told), the erasure scheduled on the server for this request ('erasure-scheduled'), or the
 * withdrawals in the ledger of the purposes a consent withdrawal names ('consent-withdrawn').
 */
export const REQUEST_ACTION_KINDS = [
  'use-ceased',
  'provision-ceased',
  'erasure-scheduled',
  'consent-withdrawn',
] as const;
export type RequestActionKind = (typeof REQUEST_ACTION_KINDS)[number];

export interface RequestAction {
  kind: RequestActionKind;
  /** The purposes whose use ceased ('use-ceased'), or whose consent was withdrawn ('consent-withdrawn'). */
  purposes?: ConsentPurpose[];
  /** The consent records (withdrawals) written for it. */
  consentRecordIds?: string[];
  by: string;
  at: number;
}

export interface DataSubjectRequest extends WithConflicts {
  id: string;
  clientId: string;
  type: RequestType;
  channel: RequestChannel;
  /** When the request reached the company (epoch ms): the deadline runs from it. */
  receivedAt: number;
  /** The staff member who logged it. */
  receivedBy: string;
  /** What was asked, as the requester put it. */
  details?: string;
  /** An erasure request's scope (absent: the whole client); only on an erasure request, fixed once logged. */
  erasureScope?: ErasureRequestScope;
  requester: Requester;
  /** The client's country of residence when given at receipt (ISO 3166-1 alpha-2), for the GDPR deadline. */
  residenceCountry?: string;
  /** Why GDPR's deadline applies (or 'none'), decided at receipt: request-rules.ts `gdprBasisOf`. */
  gdprBasis: GdprBasis;
  /** The deadline in force (epoch ms): request-rules.ts `dueAtOf`; the server checks it. */
  dueAt: number;
  /** The one extension allowed (GDPR only). */
  extension?: RequestExtension;
  verification?: IdentityVerification;
  /** The failed checks a later check followed, oldest first: kept (request-history.ts). */
  earlierChecks?: IdentityVerification[];
  status: RequestStatus;
  /** Who handles it (a staff id). */
  handlerId?: string;
  answer?: RequestAnswer;
  refusal?: RequestRefusal;
  /** The requester withdrew the request: when, and why (as they said it). */
  withdrawnAt?: number;
  withdrawalReason?: string;
  /** How the requester said they withdraw it. */
  withdrawalChannel?: RequestChannel;
  /** What was done for a cessation or an erasure (the evidence its answer needs). */
  action?: RequestAction;
  exports?: RequestExportRecord[];
  /** Internal notes of the handling; personal. */
  notes?: string;
  /** As on the client: a concierge reaches the requests of their own clients. */
  assignedStaffIds: string[];
  createdAt: number;
  updatedAt: number;
}

const text = (maxLength = REQUEST_TEXT_MAX_LENGTH) => ({ type: 'string', minLength: 1, maxLength }) as const;
const oneOf = (values: readonly string[]) => ({ type: 'string', enum: [...values], maxLength: 32 }) as const;

const verificationSchema = {
  type: 'object',
  properties: {
    method: oneOf(VERIFICATION_METHODS),
    outcome: oneOf(VERIFICATION_OUTCOMES),
    by: uuidSchema,
    at: epochMsSchema,
    notes: text(),
  },
  required: ['method', 'outcome', 'by', 'at'],
  additionalProperties: false,
} as const;

export const dataSubjectRequestSchema = {
  title: 'data-subject request',
  // 1: the withdrawal's reason and the action (evidence of a cessation or an erasure), both optional.
  // 2: an erasure request's optional `erasureScope`.
  // 3: the optional `earlierChecks` (failed identity checks a later check followed) and `withdrawalChannel`; the
  //    action 'consent-withdrawn' (a consent withdrawal's evidence).
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuidSchema,
    clientId: uuidSchema,
    type: oneOf(REQUEST_TYPES),
    channel: oneOf(REQUEST_CHANNELS),
    receivedAt: epochMsSchema,
    receivedBy: uuidSchema,
    details: text(),
    erasureScope: oneOf(ERASURE_REQUEST_SCOPES),
    requester: {
      type: 'object',
      properties: {
        kind: oneOf(REQUESTER_KINDS),
        name: text(REQUEST_NAME_MAX_LENGTH),
        relationship: text(REQUEST_NAME_MAX_LENGTH),
        evidence: oneOf(REPRESENTATION_EVIDENCE),
        checkedBy: uuidSchema,
        checkedAt: epochMsSchema,
      },
      required: ['kind'],
      additionalProperties: false,
    },
    residenceCountry: { type: 'string', maxLength: 2, pattern: COUNTRY_CODE_PATTERN },
    gdprBasis: oneOf(GDPR_BASES),
    dueAt: epochMsSchema,
    extension: {
      type: 'object',
      properties: { reason: text(), by: uuidSchema, at: epochMsSchema },
      required: ['reason', 'by', 'at'],
      additionalProperties: false,
    },
    verification: verificationSchema,
    earlierChecks: { type: 'array', maxItems: 20, items: verificationSchema },
    status: oneOf(REQUEST_STATUSES),
    handlerId: uuidSchema,
    answer: {
      type: 'object',
      properties: {
        channel: oneOf(ANSWER_CHANNELS),
        summary: text(),
        partial: { type: 'boolean' },
        ground: oneOf(REFUSAL_GROUNDS),
        by: uuidSchema,
        at: epochMsSchema,
      },
      required: ['channel', 'summary', 'partial', 'by', 'at'],
      additionalProperties: false,
    },
    refusal: {
      type: 'object',
      properties: { ground: oneOf(REFUSAL_GROUNDS), reason: text(), by: uuidSchema, at: epochMsSchema },
      required: ['ground', 'reason', 'by', 'at'],
      additionalProperties: false,
    },
    withdrawnAt: epochMsSchema,
    withdrawalReason: text(),
    withdrawalChannel: oneOf(REQUEST_CHANNELS),
    action: {
      type: 'object',
      properties: {
        kind: oneOf(REQUEST_ACTION_KINDS),
        purposes: { type: 'array', maxItems: CONSENT_PURPOSES.length, items: oneOf(CONSENT_PURPOSES) },
        consentRecordIds: { type: 'array', maxItems: 100, items: uuidSchema },
        by: uuidSchema,
        at: epochMsSchema,
      },
      required: ['kind', 'by', 'at'],
      additionalProperties: false,
    },
    exports: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          by: uuidSchema,
          deviceId: uuidSchema,
          at: epochMsSchema,
          schemaVersion: { type: 'integer', minimum: 1, maximum: 1000 },
          sha256: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$' },
        },
        required: ['by', 'deviceId', 'at', 'schemaVersion', 'sha256'],
        additionalProperties: false,
      },
    },
    notes: text(),
    assignedStaffIds: staffIdsSchema,
    createdAt: epochMsSchema,
    updatedAt: epochMsSchema,
    conflicts: fieldConflictsSchema,
  },
  required: [
    'id',
    'clientId',
    'type',
    'channel',
    'receivedAt',
    'receivedBy',
    'requester',
    'gdprBasis',
    'dueAt',
    'status',
    'assignedStaffIds',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
  indexes: ['clientId'],
} as const;
