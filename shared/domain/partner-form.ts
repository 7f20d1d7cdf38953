import { isCountryCode } from './countries';
import { PARTNER_KINDS, PARTNER_NAME_MAX, type Partner, type PartnerKind } from './partner';
import type { Sodium } from '../crypto/sodium';
import { parsePartnerPublicKey } from './partner-public-key';
import { calendarDateField, FieldErrors, textField, type ValidationResult } from './validation';

/** The partner form as typed (every field a string). */
export interface PartnerDraft {
  nameEn: string;
  nameJa: string;
  kind: string;
  country: string;
  city: string;
  signedOn: string;
  expiresOn: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  /** The public key as pasted from what the partner sent (partner-public-key.ts says the format). */
  publicKey: string;
}

export type PartnerValue = Pick<Partner, 'names' | 'kind' | 'country' | 'city' | 'agreement' | 'contact'> & {
  /** The parsed public key, or undefined when the field was left empty. */
  publicKey?: Uint8Array;
};

export const emptyPartnerDraft = (): PartnerDraft => ({
  nameEn: '',
  nameJa: '',
  kind: 'clinic',
  country: 'JP',
  city: '',
  signedOn: '',
  expiresOn: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  publicKey: '',
});

export function validatePartner(draft: PartnerDraft, sodium?: Sodium): ValidationResult<PartnerValue> {
  const errors = new FieldErrors();
  const en = textField(errors, 'nameEn', draft.nameEn, { max: PARTNER_NAME_MAX, required: true });
  const ja = textField(errors, 'nameJa', draft.nameJa, { max: PARTNER_NAME_MAX, required: true });
  if (!(PARTNER_KINDS as readonly string[]).includes(draft.kind)) errors.add('kind', 'unknown-option');
  const country = draft.country.trim().toUpperCase();
  if (!isCountryCode(country)) errors.add('country', 'unknown-country');
  const city = textField(errors, 'city', draft.city, { max: PARTNER_NAME_MAX, required: true });
  const agreed = draft.signedOn.trim() !== '' || draft.expiresOn.trim() !== '';
  const signedOn = calendarDateField(errors, 'signedOn', draft.signedOn, agreed);
  const expiresOn = calendarDateField(errors, 'expiresOn', draft.expiresOn, agreed);
  if (signedOn && expiresOn && expiresOn < signedOn) errors.add('expiresOn', 'end-before-start');
  const contactName = textField(errors, 'contactName', draft.contactName, { max: PARTNER_NAME_MAX });
  const contactEmail = textField(errors, 'contactEmail', draft.contactEmail, { max: PARTNER_NAME_MAX });
  if (contactEmail && !/^[^\s@]+@[^\s@]+$/.test(contactEmail)) errors.add('contactEmail', 'invalid-email');
  const contactPhone = textField(errors, 'contactPhone', draft.contactPhone, { max: 40 });
  const keyText = draft.publicKey.trim();
  const publicKey = keyText === '' ? undefined : parsePartnerPublicKey(keyText, sodium);
  if (keyText !== '' && !publicKey) errors.add('publicKey', 'invalid-format');
  const contact = Object.fromEntries(
    Object.entries({ name: contactName, email: contactEmail, phone: contactPhone }).filter(([, v]) => v),
  );
  return errors.result({
    names: { en: en ?? '', ja: ja ?? '' },
    kind: draft.kind as PartnerKind,
    country,
    city: city ?? '',
    ...(signedOn && expiresOn ? { agreement: { signedOn, expiresOn } } : {}),
    ...(Object.keys(contact).length > 0 ? { contact } : {}),
    ...(publicKey ? { publicKey } : {}),
  });
}

/** The form's draft of a partner held. */
export const partnerDraftOf = (partner: Partner): PartnerDraft => ({
  nameEn: partner.names.en,
  nameJa: partner.names.ja,
  kind: partner.kind,
  country: partner.country,
  city: partner.city,
  signedOn: partner.agreement?.signedOn ?? '',
  expiresOn: partner.agreement?.expiresOn ?? '',
  contactName: partner.contact?.name ?? '',
  contactEmail: partner.contact?.email ?? '',
  contactPhone: partner.contact?.phone ?? '',
  publicKey: partner.key?.publicKey ?? '',
});
