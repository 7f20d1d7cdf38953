import { uuidParamsSchema } from '../auth/protocol';
import { PROVISION_PURPOSES, type ProvisionPurpose } from './consent';
import { COUNTRY_CODE_PATTERN } from './countries';
import { MEDICAL_FIELDS } from './medical';

/**
 * Requests to share a client's data with a partner (a clinic, a hotel, an insurer). Any staff member who reaches
 * the client may ask; a role with `approveShares` approves or refuses, never their own request. This records the
 * decision only: nothing is sent to the partner here (building what a partner receives is a later feature).
 *
 * The consent ledger gates them (shared/domain/consent-ledger.ts `canShareWith`): a request names the partner by
 * its id and its purpose from the consent catalogue (`purposeCode`), is made and approved only under a live
 * provision consent for that partner that covers that purpose (consent-purpose.ts `consentCovers`), and for a partner
 * outside Japan a live overseas-transfer consent for its country. When the client withdraws such a consent, the
 * server cancels the client's pending and approved requests that it stood for and that no longer stand (status `cancelled`, with the reason and the withdrawal's record id): GET /shares/requests?status=
 * cancelled lists them, for the partner to be told.
 */
export const shareRequestPaths = {
  requests: '/shares/requests',
  /** The caller's own requests, whatever their status (GET). */
  mine: '/shares/requests/mine',
  approve: (requestId: string) => `/shares/requests/${encodeURIComponent(requestId)}/approve`,
  refuse: (requestId: string) => `/shares/requests/${encodeURIComponent(requestId)}/refuse`,
  /** Registers the delivery of an approved share's package before it is saved: the server writes its record. */
  deliver: (requestId: string) => `/shares/requests/${encodeURIComponent(requestId)}/deliver`,
} as const;

/** The sections of a client record (shared/domain/client.ts) that a request may name. */
export const CLIENT_SHARE_SECTIONS = [
  'names',
  'nationality',
  'dateOfBirth',
  'languages',
  'contact',
  'passport',
  'preferences',
  'emergencyContacts',
  'lifestyle',
] as const;

/** What may be shared: client sections, and medical fields (shared/domain/medical.ts) as `medical.<field>`. */
export const SHARE_FIELDS = [
  ...CLIENT_SHARE_SECTIONS,
  ...MEDICAL_FIELDS.map((field) => `medical.${field}` as const),
] as const;
export type ShareField = (typeof SHARE_FIELDS)[number];

export const SHARE_REQUEST_STATUSES = ['pending', 'approved', 'refused', 'cancelled'] as const;
export type ShareRequestStatus = (typeof SHARE_REQUEST_STATUSES)[number];

/** Why the server cancelled a request: the consent it needed was withdrawn. */
export const SHARE_CANCEL_REASONS = ['provision-consent-withdrawn', 'overseas-consent-withdrawn'] as const;
export type ShareCancelReason = (typeof SHARE_CANCEL_REASONS)[number];

export const PARTNER_NAME_MAX_LENGTH = 200;
export const SHARE_PURPOSE_MAX_LENGTH = 500;
export const SHARE_NOTE_MAX_LENGTH = 500;

export interface ShareRequestCreate {
  clientId: string;
  /** Ignored since the partner directory: the server takes the name from the directory (`partners`). */
  partnerName?: string;
  /** The partner directory's id (shared/domain/partner.ts): what provision consents name. */
  partnerId: string;
  /** Ignored since the partner directory: the server takes the country from it. */
  partnerCountry?: string;
  /** Why the partner needs the data, in words (no personal data). */
  purpose: string;
  /** That purpose from the consent catalogue: a provision consent in force for the partner must cover it. */
  purposeCode: ProvisionPurpose;
  fields: ShareField[];
  /** The client's trip and its booked item with this partner that the share serves. */
  tripId: string;
  tripItemId: string;
}

/**
 * The delivery of an approved share, registered before the package is saved (docs/sharing.md): the sealed
 * package's id and SHA-256. The server re-checks every gate and answers with the `provided` provision record it
 * wrote, so a package never leaves without its record.
 */
export interface ShareDelivery {
  packageId: string;
  packageHash: string;
}

export interface ShareDecision {
  note?: string;
}

export interface ShareRequest extends Omit<
  ShareRequestCreate,
  'partnerId' | 'partnerCountry' | 'partnerName' | 'tripId' | 'tripItemId' | 'purposeCode'
> {
  id: string;
  partnerName: string;
  /** Absent on requests made before shares named a catalogue purpose: those are asked again. */
  purposeCode?: ProvisionPurpose;
  /** Absent on requests made before the partner directory. */
  tripId?: string;
  tripItemId?: string;
  /** Absent on requests made before partners were named by id. */
  partnerId?: string;
  partnerCountry?: string;
  status: ShareRequestStatus;
  /** Staff id. */
  requestedBy: string;
  /** Milliseconds since the epoch. */
  requestedAt: number;
  decidedBy?: string;
  decidedAt?: number;
  decisionNote?: string;
  /** Status `cancelled`: when, why, and the withdrawal record (a `consents` document) that caused it. */
  cancelledAt?: number;
  cancelReason?: ShareCancelReason;
  cancelledByRecord?: string;
}

const uuid = uuidParamsSchema.properties.id;
const singleLine = '^[^\\u0000-\\u001f\\u007f]+$';

export const shareRequestCreateSchema = {
  type: 'object',
  properties: {
    clientId: uuid,
    partnerName: { type: 'string', minLength: 1, maxLength: PARTNER_NAME_MAX_LENGTH, pattern: singleLine },
    partnerId: uuid,
    partnerCountry: { type: 'string', minLength: 2, maxLength: 2, pattern: COUNTRY_CODE_PATTERN },
    purpose: {
      type: 'string',
      minLength: 1,
      maxLength: SHARE_PURPOSE_MAX_LENGTH,
      pattern: singleLine,
      description:
        'Why the partner needs the data. Stored in clear on the server: no personal data expected.',
    },
    purposeCode: { type: 'string', enum: [...PROVISION_PURPOSES] },
    fields: {
      type: 'array',
      items: { type: 'string', enum: SHARE_FIELDS },
      minItems: 1,
      maxItems: SHARE_FIELDS.length,
      uniqueItems: true,
    },
    tripId: uuid,
    tripItemId: uuid,
  },
  required: ['clientId', 'partnerId', 'purpose', 'purposeCode', 'fields', 'tripId', 'tripItemId'],
  additionalProperties: false,
} as const;

export const shareDeliverySchema = {
  type: 'object',
  properties: {
    packageId: uuid,
    packageHash: { type: 'string', minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$' },
  },
  required: ['packageId', 'packageHash'],
  additionalProperties: false,
} as const;

export const shareDecisionSchema = {
  type: 'object',
  properties: {
    note: {
      type: 'string',
      minLength: 1,
      maxLength: SHARE_NOTE_MAX_LENGTH,
      pattern: singleLine,
      description:
        'Why it was approved or refused. Stored in clear on the server: no personal data expected.',
    },
  },
  additionalProperties: false,
} as const;

export const shareRequestQuerySchema = {
  type: 'object',
  properties: { status: { type: 'string', enum: SHARE_REQUEST_STATUSES } },
  additionalProperties: false,
} as const;
