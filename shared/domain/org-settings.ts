import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN } from './client-schema';
import { emailField, phoneField } from './client-fields';
import { E164_PATTERN } from './phone';
import { FieldErrors, textField, type ValidationResult } from './validation';

/**
 * The organisation's contact details (issue 23): the office's phone, e-mail and address, and the number a client
 * calls at any hour. The printed itinerary carries them. One document of kind `org-contact` in the `orgSettings`
 * collection, under a fixed id so that two admins' devices edit the same record (the collection merges
 * server-wins); the admin alone writes it (shared/auth/roles.ts), and the server checks it with
 * `orgContactProblem` (shared/sync/push-rules.ts).
 */

/** The one contact record's id. */
export const ORG_CONTACT_ID = '00000000-0000-4000-8000-00000000c0de';
/** The office's address per language of the printed itinerary (a Japanese address is written otherwise). */
export const ORG_ADDRESS_LANGUAGES = ['en', 'ja'] as const;
export type OrgAddressLanguage = (typeof ORG_ADDRESS_LANGUAGES)[number];
export const ORG_ADDRESS_MAX_LENGTH = 300;
export const ORG_ADDRESS_MAX_LINES = 6;
/** A number typed without a country code is read as a Japanese one: the office is in Tokyo. */
export const ORG_PHONE_COUNTRY = 'JP';

export interface OrgContactDetails {
  /** E.164. */
  phone?: string;
  email?: string;
  address?: Partial<Record<OrgAddressLanguage, string>>;
  /** The 24-hour emergency number, E.164. */
  emergencyPhone?: string;
}

export interface OrgContact {
  /** Always ORG_CONTACT_ID. */
  id: string;
  kind: 'org-contact';
  contact: OrgContactDetails;
  /** The admin who saved it last. */
  updatedBy: string;
  /** Read by every role, assigned to nobody (registry: assignees 'fixed'). */
  assignedStaffIds: string[];
  createdAt: number;
  updatedAt: number;
}

const e164 = { type: 'string', maxLength: 16, pattern: E164_PATTERN } as const;
const address = { type: 'string', minLength: 1, maxLength: ORG_ADDRESS_MAX_LENGTH } as const;

/** The `contact` property of the `orgSettings` schema (shared/domain/privacy-notice.ts). */
export const orgContactSchema = {
  type: 'object',
  properties: {
    phone: e164,
    email: { type: 'string', maxLength: EMAIL_MAX_LENGTH, pattern: EMAIL_PATTERN },
    address: {
      type: 'object',
      properties: { en: address, ja: address },
      additionalProperties: false,
    },
    emergencyPhone: e164,
  },
  additionalProperties: false,
} as const;

/** What a person types on the settings form. */
export interface OrgContactDraft {
  phone: string;
  email: string;
  addressEn: string;
  addressJa: string;
  emergencyPhone: string;
}

export function orgContactDraft(contact: OrgContactDetails | undefined): OrgContactDraft {
  return {
    phone: contact?.phone ? formatPhone(contact.phone) : '',
    email: contact?.email ?? '',
    addressEn: contact?.address?.en ?? '',
    addressJa: contact?.address?.ja ?? '',
    emergencyPhone: contact?.emergencyPhone ? formatPhone(contact.emergencyPhone) : '',
  };
}

function addressField(errors: FieldErrors, path: string, raw: string): string | undefined {
  const text = textField(errors, path, raw, { max: ORG_ADDRESS_MAX_LENGTH, multiline: true });
  if (text !== undefined && text.split('\n').length > ORG_ADDRESS_MAX_LINES) {
    errors.add(path, 'too-many', { max: ORG_ADDRESS_MAX_LINES });
    return undefined;
  }
  return text;
}

/**
 * The details to store, or every field's error: phone numbers read as typed (a number without `+` is Japanese)
 * and stored in E.164, the e-mail checked, each address at most six lines. Every field may be left empty; the
 * print then says "not set".
 */
export function validateOrgContact(draft: OrgContactDraft): ValidationResult<OrgContactDetails> {
  const errors = new FieldErrors();
  const phone = phoneField(errors, 'phone', draft.phone, false, ORG_PHONE_COUNTRY);
  const email = emailField(errors, 'email', draft.email);
  const en = addressField(errors, 'address.en', draft.addressEn);
  const ja = addressField(errors, 'address.ja', draft.addressJa);
  const emergencyPhone = phoneField(errors, 'emergencyPhone', draft.emergencyPhone, false, ORG_PHONE_COUNTRY);
  const value: OrgContactDetails = {};
  if (phone !== undefined) value.phone = phone;
  if (email !== undefined) value.email = email;
  if (en !== undefined || ja !== undefined) {
    value.address = {};
    if (en !== undefined) value.address.en = en;
    if (ja !== undefined) value.address.ja = ja;
  }
  if (emergencyPhone !== undefined) value.emergencyPhone = emergencyPhone;
  return errors.result(value);
}

/** A stored number for people to read and dial: `+81 3 1234 5678`. */
export function formatPhone(stored: string): string {
  return parsePhoneNumberFromString(stored)?.formatInternational() ?? stored;
}

/** The address for a print in `language`, else the other one. */
export function addressFor(contact: OrgContactDetails, language: string): string | undefined {
  const primary = language.split('-')[0] === 'ja' ? 'ja' : 'en';
  return contact.address?.[primary] ?? contact.address?.[primary === 'ja' ? 'en' : 'ja'];
}

/** What the server checks of a contact record beyond the schema. */
export type OrgContactProblem = 'id' | 'fields' | 'details';

const CONTACT_KEYS = new Set([
  'id',
  'kind',
  'contact',
  'updatedBy',
  'assignedStaffIds',
  'createdAt',
  'updatedAt',
]);

/**
 * Whether a pushed contact record is one the form could have saved: the fixed id, no field of another kind, and
 * details that `validateOrgContact` gives back unchanged (numbers valid for their country, addresses in bounds).
 */
export function orgContactProblem(doc: Record<string, unknown>): OrgContactProblem | undefined {
  if (doc.id !== ORG_CONTACT_ID) return 'id';
  if (Object.keys(doc).some((key) => !CONTACT_KEYS.has(key)) || typeof doc.updatedBy !== 'string')
    return 'fields';
  const contact = doc.contact as OrgContactDetails | undefined;
  if (typeof contact !== 'object' || contact === null) return 'fields';
  const again = validateOrgContact({
    phone: contact.phone ?? '',
    email: contact.email ?? '',
    addressEn: contact.address?.en ?? '',
    addressJa: contact.address?.ja ?? '',
    emergencyPhone: contact.emergencyPhone ?? '',
  });
  if (!again.ok || JSON.stringify(canonical(again.value)) !== JSON.stringify(canonical(contact)))
    return 'details';
  return undefined;
}

function canonical(contact: OrgContactDetails) {
  return [contact.phone, contact.email, contact.address?.en, contact.address?.ja, contact.emergencyPhone];
}
