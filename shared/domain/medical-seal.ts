import type { SealedField } from '../crypto/client-keys';
import { envelopeKeyId, openJson, sealJson, type SymmetricKey } from '../crypto/field-envelope';
import { CryptoError, type Sodium } from '../crypto/sodium';
import type { Consent } from './consent';
import { canWriteMedical, type MedicalWriteCheck } from './consent-ledger';
import type { PrivacyNotice } from './privacy-notice';
import {
  emptyMedicalContent,
  isMedicalFieldValue,
  MEDICAL_COLLECTION,
  MEDICAL_FIELD_MAX_BYTES,
  MEDICAL_FIELDS,
  medicalFieldContext,
  type MedicalContent,
  type MedicalField,
  type MedicalSection,
} from './medical';

/**
 * Sealing, opening and re-sealing a client's medical section (shared/domain/medical.ts) under the client's data
 * key: every field its own envelope, bound to the section's id and the field's name.
 */

export interface MedicalSectionIds {
  id: string;
  clientId: string;
  consentId: string;
  assignedStaffIds: string[];
  createdAt: number;
  updatedAt: number;
}

/**
 * A new section with every field sealed under the client's data key (`dataKey`, from createClientKeys or
 * openClientKey). Empty fields are sealed too, so the stored section does not tell which fields hold anything.
 * Check the consent first ({@link writeMedicalSection} does both).
 */
export function sealMedicalSection(
  sodium: Sodium,
  dataKey: SymmetricKey,
  content: MedicalContent,
  ids: MedicalSectionIds,
): MedicalSection {
  const sealed = {} as Record<MedicalField, string>;
  for (const field of MEDICAL_FIELDS) {
    sealed[field] = sealMedicalField(sodium, dataKey, ids.id, field, content[field]);
  }
  return {
    id: ids.id,
    clientId: ids.clientId,
    keyId: dataKey.id,
    ...sealed,
    consentId: ids.consentId,
    assignedStaffIds: [...new Set(ids.assignedStaffIds)],
    createdAt: ids.createdAt,
    updatedAt: ids.updatedAt,
  };
}

/**
 * The section with the `changes` fields sealed afresh and every other envelope kept byte for byte, so that a
 * sync merge sees only the fields a person changed. The section must be under `dataKey` already (after a rotation,
 * revokeAndRotate re-seals every field first): 'wrong-key' otherwise.
 */
export function resealMedicalFields(
  sodium: Sodium,
  dataKey: SymmetricKey,
  section: MedicalSection,
  changes: Partial<MedicalContent>,
  update: { consentId: string; updatedAt: number },
): MedicalSection {
  if (section.keyId !== dataKey.id) {
    throw new CryptoError('wrong-key', `medical section ${section.id} is sealed under key ${section.keyId}`);
  }
  const next: MedicalSection = {
    ...section,
    consentId: update.consentId,
    updatedAt: Math.max(section.updatedAt, update.updatedAt),
  };
  for (const field of MEDICAL_FIELDS) {
    const value = changes[field];
    if (value !== undefined) next[field] = sealMedicalField(sodium, dataKey, section.id, field, value);
  }
  return next;
}

export type MedicalWriteResult =
  { ok: true; section: MedicalSection } | Extract<MedicalWriteCheck, { ok: false }>;

/**
 * Writes a client's medical section under the rule that nothing medical is written without a medical-data
 * consent in force at `now`: creates the section (when `previous` is undefined) or re-seals the changed fields,
 * recording the consent's id; refuses with the reason otherwise.
 */
export function writeMedicalSection(
  sodium: Sodium,
  dataKey: SymmetricKey,
  request: {
    consents: Iterable<Consent>;
    /** Every notice version: a substantial change past its renewal deadline stops medical writes. */
    notices: readonly PrivacyNotice[];
    now: number;
    previous: MedicalSection | undefined;
    changes: Partial<MedicalContent>;
    /** For a new section. */
    newSection?: { id: string; clientId: string; assignedStaffIds: string[] };
  },
): MedicalWriteResult {
  const clientId = request.previous?.clientId ?? request.newSection?.clientId;
  if (clientId === undefined) throw new RangeError('a new medical section needs its ids');
  const check = canWriteMedical([...request.consents], request.notices, clientId, request.now);
  if (!check.ok) return check;
  if (request.previous !== undefined) {
    return {
      ok: true,
      section: resealMedicalFields(sodium, dataKey, request.previous, request.changes, {
        consentId: check.consent.id,
        updatedAt: request.now,
      }),
    };
  }
  const ids = request.newSection!;
  return {
    ok: true,
    section: sealMedicalSection(
      sodium,
      dataKey,
      { ...emptyMedicalContent(), ...request.changes },
      { ...ids, consentId: check.consent.id, createdAt: request.now, updatedAt: request.now },
    ),
  };
}

/** Opens every field of a section (or only `fields`). Throws CryptoError as openJson does. */
export function openMedicalSection(
  sodium: Sodium,
  dataKey: SymmetricKey,
  section: MedicalSection,
): MedicalContent;
export function openMedicalSection<F extends MedicalField>(
  sodium: Sodium,
  dataKey: SymmetricKey,
  section: MedicalSection,
  fields: readonly F[],
): Pick<MedicalContent, F>;
export function openMedicalSection(
  sodium: Sodium,
  dataKey: SymmetricKey,
  section: MedicalSection,
  fields: readonly MedicalField[] = MEDICAL_FIELDS,
): Partial<MedicalContent> {
  const content: Partial<Record<MedicalField, unknown>> = {};
  for (const field of fields) {
    const value = openJson<unknown>(sodium, dataKey, section[field], medicalFieldContext(section.id, field));
    if (!isMedicalFieldValue(field, value)) {
      // Authentic (the AEAD passed) but not the shape this code writes: a bug or a newer writer.
      throw new CryptoError(
        'malformed',
        `medical section ${section.id}: ${field} is not in the expected shape`,
      );
    }
    content[field] = value;
  }
  return content as Partial<MedicalContent>;
}

function sealMedicalField(
  sodium: Sodium,
  dataKey: SymmetricKey,
  sectionId: string,
  field: MedicalField,
  value: unknown,
): string {
  if (!isMedicalFieldValue(field, value))
    throw new CryptoError('invalid-input', `${field} is not in its shape`);
  if (utf8Length(JSON.stringify(value)) > MEDICAL_FIELD_MAX_BYTES) {
    throw new CryptoError('invalid-input', `${field} is larger than ${MEDICAL_FIELD_MAX_BYTES} bytes`);
  }
  return sealJson(sodium, dataKey, value, medicalFieldContext(sectionId, field));
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Every sealed field of a section, for revokeAndRotate (which re-seals them under the new key). */
export function medicalSealedFields(section: MedicalSection): SealedField[] {
  return MEDICAL_FIELDS.map((field) => ({
    context: medicalFieldContext(section.id, field),
    envelope: section[field],
  }));
}

/**
 * The section with the fields revokeAndRotate returned (same contexts, new key). Refuses fields of another
 * section, a field missing, or envelopes under different keys.
 */
export function withRotatedFields(
  section: MedicalSection,
  fields: readonly SealedField[],
  updatedAt: number,
): MedicalSection {
  const next: MedicalSection = { ...section, updatedAt: Math.max(section.updatedAt, updatedAt) };
  const keyIds = new Set<string>();
  const seen = new Set<string>();
  for (const { context, envelope: sealed } of fields) {
    const field = context.fieldPath as MedicalField;
    if (
      context.collection !== MEDICAL_COLLECTION ||
      context.documentId !== section.id ||
      !MEDICAL_FIELDS.includes(field)
    ) {
      throw new CryptoError(
        'invalid-input',
        `a rotated field does not belong to medical section ${section.id}`,
      );
    }
    next[field] = sealed;
    seen.add(field);
    keyIds.add(envelopeKeyId(sealed));
  }
  const [keyId] = keyIds;
  if (seen.size !== MEDICAL_FIELDS.length || keyIds.size !== 1 || keyId === undefined) {
    throw new CryptoError('invalid-input', `medical section ${section.id} needs every field under one key`);
  }
  next.keyId = keyId;
  return next;
}
