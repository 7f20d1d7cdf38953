import { COUNTRY_CODE_PATTERN, isCountryCode } from './countries';
import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';

/**
 * The partner directory (issue 15, docs/sharing.md): institutions a client's data may be provided to. Synced in the
 * `partners` collection; managers and the admin write it, every staff member who can ask for a share reads it
 * offline. A share is possible only to a partner that is vetted, under a confidentiality agreement in force, and
 * whose public key (the one a sealed package is addressed to) was confirmed by phone (`partnerShareProblem`).
 */

export const PARTNER_KINDS = [
  'hospital',
  'clinic',
  'wellness-centre',
  'hotel',
  'transport',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const VETTING_STATUSES = ['pending', 'vetted', 'suspended'] as const;
export type VettingStatus = (typeof VETTING_STATUSES)[number];

export const PARTNER_NAME_MAX = 200;
export const PARTNER_TEXT_MAX = 500;
/** A calendar day, `YYYY-MM-DD`. */
export const DAY_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
/** A 32-byte key in base64url without padding. */
export const PARTNER_KEY_PATTERN = '^[A-Za-z0-9_-]{43}$';
/** Eight groups of five digits (the device fingerprint format, shared/crypto/identity.ts). */
export const FINGERPRINT_PATTERN = '^\\d{5}( \\d{5}){7}$';

export interface PartnerKey {
  /** X25519 public key, base64url (32 bytes). */
  publicKey: string;
  fingerprint: string;
  /** Who confirmed the fingerprint by phone with the partner, and when; absent until then. A new key clears it. */
  confirmedBy?: string;
  confirmedAt?: number;
  /**
   * The key that was confirmed (base64url), set with the confirmation: a confirmation made while another person
   * changed the key meanwhile (devices merge fields apart) names the old key and confirms nothing.
   */
  confirmedKey?: string;
}

export interface Partner {
  id: string;
  names: { en: string; ja: string };
  kind: PartnerKind;
  /** ISO 3166-1 alpha-2. Outside `JP`, every share is an overseas transfer. */
  country: string;
  city: string;
  vetting: { status: VettingStatus; by?: string; at?: number; notes?: string };
  /** The confidentiality agreement: signed and expiry days (`YYYY-MM-DD`). */
  agreement?: { signedOn: string; expiresOn: string };
  contact?: { name?: string; email?: string; phone?: string };
  key?: PartnerKey;
  /** Read by every role: assigned to nobody (registry: assignees 'fixed'). */
  assignedStaffIds: string[];
  createdAt: number;
  updatedAt: number;
}

export const partnerInJapan = (partner: Pick<Partner, 'country'>) => partner.country === 'JP';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const day = { type: 'string', maxLength: 10, pattern: DAY_PATTERN } as const;

export const partnerSchema = {
  title: 'partner',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuidSchema,
    names: {
      type: 'object',
      properties: { en: text(PARTNER_NAME_MAX), ja: text(PARTNER_NAME_MAX) },
      required: ['en', 'ja'],
      additionalProperties: false,
    },
    kind: { type: 'string', enum: [...PARTNER_KINDS], maxLength: 32 },
    country: { type: 'string', maxLength: 2, pattern: COUNTRY_CODE_PATTERN },
    city: text(PARTNER_NAME_MAX),
    vetting: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: [...VETTING_STATUSES], maxLength: 16 },
        by: uuidSchema,
        at: epochMsSchema,
        notes: text(PARTNER_TEXT_MAX),
      },
      required: ['status'],
      additionalProperties: false,
    },
    agreement: {
      type: 'object',
      properties: { signedOn: day, expiresOn: day },
      required: ['signedOn', 'expiresOn'],
      additionalProperties: false,
    },
    contact: {
      type: 'object',
      properties: { name: text(PARTNER_NAME_MAX), email: text(PARTNER_NAME_MAX), phone: text(40) },
      additionalProperties: false,
    },
    key: {
      type: 'object',
      properties: {
        publicKey: { type: 'string', maxLength: 43, pattern: PARTNER_KEY_PATTERN },
        fingerprint: { type: 'string', maxLength: 47, pattern: FINGERPRINT_PATTERN },
        confirmedBy: uuidSchema,
        confirmedAt: epochMsSchema,
        confirmedKey: { type: 'string', maxLength: 43, pattern: PARTNER_KEY_PATTERN },
      },
      required: ['publicKey', 'fingerprint'],
      additionalProperties: false,
    },
    assignedStaffIds: staffIdsSchema,
    createdAt: epochMsSchema,
    updatedAt: epochMsSchema,
  },
  required: [
    'id',
    'names',
    'kind',
    'country',
    'city',
    'vetting',
    'assignedStaffIds',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
} as const;

export type PartnerProblem =
  | 'country-unknown'
  | 'vetting-incomplete'
  | 'agreement-ends-before-signed'
  | 'key-confirmation-incomplete'
  | 'key-confirmation-of-another-key';

/** What makes a partner document inconsistent beyond its schema. */
export function partnerProblem(partner: Partner): PartnerProblem | undefined {
  if (!isCountryCode(partner.country)) return 'country-unknown';
  if (partner.vetting.status === 'vetted' && (!partner.vetting.by || partner.vetting.at === undefined)) {
    return 'vetting-incomplete';
  }
  if (partner.agreement && partner.agreement.expiresOn < partner.agreement.signedOn) {
    return 'agreement-ends-before-signed';
  }
  if (partner.key) {
    const { confirmedBy, confirmedAt, confirmedKey } = partner.key;
    const parts = [confirmedBy, confirmedAt, confirmedKey].filter((part) => part !== undefined).length;
    if (parts !== 0 && parts !== 3) return 'key-confirmation-incomplete';
    if (confirmedKey !== undefined && confirmedKey !== partner.key.publicKey)
      return 'key-confirmation-of-another-key';
  }
  return undefined;
}

/** Why no new share may go to the partner on `today` (`YYYY-MM-DD`, in Japan), in the order staff fix them. */
export type PartnerShareProblem =
  | 'partner-not-vetted'
  | 'partner-agreement-missing'
  | 'partner-agreement-expired'
  | 'partner-agreement-not-yet-signed'
  | 'partner-key-missing'
  | 'partner-key-unconfirmed';

export function partnerShareProblem(partner: Partner, today: string): PartnerShareProblem | undefined {
  if (partner.vetting.status !== 'vetted') return 'partner-not-vetted';
  if (!partner.agreement) return 'partner-agreement-missing';
  if (partner.agreement.expiresOn < today) return 'partner-agreement-expired';
  // An agreement dated ahead is not in force yet: nothing leaves under it.
  if (partner.agreement.signedOn > today) return 'partner-agreement-not-yet-signed';
  if (!partner.key) return 'partner-key-missing';
  if (!partner.key.confirmedBy || partner.key.confirmedKey !== partner.key.publicKey) {
    return 'partner-key-unconfirmed';
  }
  return undefined;
}

/** The calendar day in Japan (the company's) at `now`: agreements are dated there. */
export function dayInJapan(now: number): string {
  return new Date(now + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
