import { PERMISSIONS, type Role, type RolePermissions } from '../auth/roles';
import type { SealedField } from '../crypto/client-keys';
import { envelopeKeyId, openJson, sealJson, type SymmetricKey } from '../crypto/field-envelope';
import { CryptoError, type Sodium } from '../crypto/sodium';
import { fieldConflictsSchema, type WithConflicts } from '../sync/conflicts';
import { canWriteMedical, type Consent } from './consent';
import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';
import { calendarDateField, FieldErrors, textField, type FormResult } from './validation';

/**
 * A client's medical section: one document per client whose content fields are each sealed end to end with the
 * client's data key (shared/crypto/client-keys.ts), so the server and staff without a grant see that it exists,
 * for whom, and under which key, never what it says. Each field is its own envelope, bound to the section's id
 * and the field's name, so a field can be changed (and merged on sync) without touching the others.
 *
 * Synced as the `medical` collection (docs/data-model.md, row 2).
 */

export const MEDICAL_FIELDS = [
  'history',
  'currentMedications',
  'allergies',
  'conditions',
  'documentNotes',
  'plannedTreatments',
] as const;
export type MedicalField = (typeof MEDICAL_FIELDS)[number];

export interface Medication {
  name: string;
  dose?: string;
  schedule?: string;
}

export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe', 'anaphylaxis'] as const;
export type AllergySeverity = (typeof ALLERGY_SEVERITIES)[number];

export interface MedicalAllergy {
  substance: string;
  reaction?: string;
  severity?: AllergySeverity;
}

export interface MedicalCondition {
  name: string;
  notes?: string;
}

export interface PlannedTreatment {
  description: string;
  institution?: string;
  /** YYYY-MM-DD. */
  date?: string;
}

/** What the medical section says, once opened. */
export interface MedicalContent {
  history: string;
  currentMedications: Medication[];
  allergies: MedicalAllergy[];
  conditions: MedicalCondition[];
  /** Notes on the documents the client provided (referral letters, test results). */
  documentNotes: string;
  plannedTreatments: PlannedTreatment[];
}

/** The section as stored and synced: every content field is a field envelope (shared/crypto, section 3). */
export type MedicalSection = WithConflicts & {
  id: string;
  clientId: string;
  /** The id of the client data key every field is sealed under. */
  keyId: string;
  /** The medical-data consent in force when the section was last written. */
  consentId: string;
  /** As on the client, for sync scope: the section exists on the devices of the client's staff. */
  assignedStaffIds: string[];
  createdAt: number;
  updatedAt: number;
} & Record<MedicalField, string>;

export const MEDICAL_COLLECTION = 'medical';
/** Plain JSON of one field, in UTF-8 bytes, at most. */
export const MEDICAL_FIELD_MAX_BYTES = 256 * 1024;
/** "1." + key id + "." + base64url(24-byte nonce + ciphertext + 16-byte tag) for the largest field. */
export const MEDICAL_ENVELOPE_MAX_LENGTH = 350_000;
export const MEDICAL_TEXT_MAX_LENGTH = 20_000;
export const MEDICAL_LIST_MAX = 50;
export const MEDICAL_ITEM_MAX_LENGTH = 500;

const envelope = {
  type: 'string',
  maxLength: MEDICAL_ENVELOPE_MAX_LENGTH,
  // Version 1, a key id, and at least a nonce and a tag (40 bytes, 54 base64url characters).
  pattern: '^1\\.[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{54,}$',
} as const;

export const medicalSectionSchema = {
  title: 'medical section',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: uuidSchema,
    clientId: uuidSchema,
    keyId: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_-]{1,64}$' },
    history: envelope,
    currentMedications: envelope,
    allergies: envelope,
    conditions: envelope,
    documentNotes: envelope,
    plannedTreatments: envelope,
    consentId: uuidSchema,
    assignedStaffIds: staffIdsSchema,
    createdAt: epochMsSchema,
    updatedAt: epochMsSchema,
    conflicts: fieldConflictsSchema,
  },
  required: [
    'id',
    'clientId',
    'keyId',
    ...MEDICAL_FIELDS,
    'consentId',
    'assignedStaffIds',
    'createdAt',
    'updatedAt',
  ],
  additionalProperties: false,
  indexes: ['clientId', 'keyId', 'updatedAt'],
} as const;

/** Where one field of a section is sealed: bound into the envelope's associated data. */
export function medicalFieldContext(sectionId: string, field: MedicalField) {
  return { collection: MEDICAL_COLLECTION, documentId: sectionId, fieldPath: field };
}

export function emptyMedicalContent(): MedicalContent {
  return {
    history: '',
    currentMedications: [],
    allergies: [],
    conditions: [],
    documentNotes: '',
    plannedTreatments: [],
  };
}

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
  { ok: true; section: MedicalSection } | { ok: false; reason: 'no-consent' | 'consent-withdrawn' };

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
    now: number;
    previous: MedicalSection | undefined;
    changes: Partial<MedicalContent>;
    /** For a new section. */
    newSection?: { id: string; clientId: string; assignedStaffIds: string[] };
  },
): MedicalWriteResult {
  const clientId = request.previous?.clientId ?? request.newSection?.clientId;
  if (clientId === undefined) throw new RangeError('a new medical section needs its ids');
  const check = canWriteMedical(request.consents, clientId, request.now);
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

type Shape = Record<string, 'string' | readonly string[]>;
const ITEM_SHAPES: Record<
  'currentMedications' | 'allergies' | 'conditions' | 'plannedTreatments',
  { required: Shape; optional: Shape }
> = {
  currentMedications: { required: { name: 'string' }, optional: { dose: 'string', schedule: 'string' } },
  allergies: {
    required: { substance: 'string' },
    optional: { reaction: 'string', severity: ALLERGY_SEVERITIES },
  },
  conditions: { required: { name: 'string' }, optional: { notes: 'string' } },
  plannedTreatments: {
    required: { description: 'string' },
    optional: { institution: 'string', date: 'string' },
  },
};

function fits(value: unknown, kind: 'string' | readonly string[]): boolean {
  return typeof value === 'string' && (kind === 'string' || kind.includes(value));
}

/** Whether `value` has the shape this code writes for `field` (strings, or lists of records of strings). */
export function isMedicalFieldValue(field: MedicalField, value: unknown): boolean {
  if (field === 'history' || field === 'documentNotes') return typeof value === 'string';
  if (!Array.isArray(value)) return false;
  const { required, optional } = ITEM_SHAPES[field];
  return value.every((item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
    const record = item as Record<string, unknown>;
    return (
      Object.entries(required).every(([key, kind]) => fits(record[key], kind)) &&
      Object.entries(record).every(([key, v]) => {
        const kind = required[key] ?? optional[key];
        return kind !== undefined && fits(v, kind);
      })
    );
  });
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

/** A staff member as the directory lists them, enough to say who can grant access. */
export interface StaffMember {
  id: string;
  displayName: string;
  role: Role;
  status: 'invited' | 'active' | 'revoked';
}

/**
 * Who a person without access to a client's medical section can ask: active staff whose role may grant medical
 * access. A grant also needs the granter to hold the client's key (only a holder can wrap it for someone else), so
 * pass `holders` (the recipients of the current key's wraps) to list only those who can grant at once.
 */
export function whoCanGrant(
  staff: Iterable<StaffMember>,
  permissions: Record<Role, RolePermissions> = PERMISSIONS,
  holders?: ReadonlySet<string>,
): StaffMember[] {
  return [...staff]
    .filter(
      (member) =>
        member.status === 'active' &&
        permissions[member.role].capabilities.includes('grantMedicalAccess') &&
        (holders === undefined || holders.has(member.id)),
    )
    .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
}

export interface MedicalContentInput {
  history?: string;
  currentMedications?: { name?: string; dose?: string; schedule?: string }[];
  allergies?: { substance?: string; reaction?: string; severity?: string }[];
  conditions?: { name?: string; notes?: string }[];
  documentNotes?: string;
  plannedTreatments?: { description?: string; institution?: string; date?: string }[];
}

/**
 * The medical form, field by field (errors name `medical.<field>.<index>.<key>`). Rows left empty are dropped;
 * control characters are removed from text.
 */
export function validateMedicalContent(input: MedicalContentInput): FormResult<MedicalContent> {
  const errors = new FieldErrors();
  const long = (path: string, raw: string | undefined) =>
    textField(errors, path, stripControls(raw), { max: MEDICAL_TEXT_MAX_LENGTH, multiline: true }) ?? '';
  const short = (path: string, raw: string | undefined, required = false) =>
    textField(errors, path, stripControls(raw), { max: MEDICAL_ITEM_MAX_LENGTH, required });
  const list = <I extends object, O>(
    field: MedicalField,
    rows: I[] | undefined,
    read: (row: I, at: string) => O | undefined,
  ) => {
    const out: O[] = [];
    const filled = (rows ?? [])
      .map((row, index) => [row, index] as const)
      .filter(([row]) => Object.values(row).some((v) => typeof v === 'string' && v.trim().length > 0));
    if (filled.length > MEDICAL_LIST_MAX)
      errors.add(`medical.${field}`, 'too-many', { max: MEDICAL_LIST_MAX });
    for (const [row, index] of filled) {
      const value = read(row, `medical.${field}.${index}`);
      if (value !== undefined) out.push(value);
    }
    return out;
  };
  const content: MedicalContent = {
    history: long('medical.history', input.history),
    currentMedications: list('currentMedications', input.currentMedications, (row, at) => {
      const name = short(`${at}.name`, row.name, true);
      const dose = short(`${at}.dose`, row.dose);
      const schedule = short(`${at}.schedule`, row.schedule);
      return name === undefined
        ? undefined
        : { name, ...(dose ? { dose } : {}), ...(schedule ? { schedule } : {}) };
    }),
    allergies: list('allergies', input.allergies, (row, at) => {
      const substance = short(`${at}.substance`, row.substance, true);
      const reaction = short(`${at}.reaction`, row.reaction);
      const severityText = (row.severity ?? '').trim();
      let severity: AllergySeverity | undefined;
      if (severityText.length > 0) {
        if ((ALLERGY_SEVERITIES as readonly string[]).includes(severityText))
          severity = severityText as AllergySeverity;
        else errors.add(`${at}.severity`, 'unknown-option');
      }
      return substance === undefined
        ? undefined
        : { substance, ...(reaction ? { reaction } : {}), ...(severity ? { severity } : {}) };
    }),
    conditions: list('conditions', input.conditions, (row, at) => {
      const name = short(`${at}.name`, row.name, true);
      const notes = short(`${at}.notes`, row.notes);
      return name === undefined ? undefined : { name, ...(notes ? { notes } : {}) };
    }),
    documentNotes: long('medical.documentNotes', input.documentNotes),
    plannedTreatments: list('plannedTreatments', input.plannedTreatments, (row, at) => {
      const description = short(`${at}.description`, row.description, true);
      const institution = short(`${at}.institution`, row.institution);
      const date = calendarDateField(errors, `${at}.date`, row.date, false);
      return description === undefined
        ? undefined
        : { description, ...(institution ? { institution } : {}), ...(date ? { date } : {}) };
    }),
  };
  return errors.result(content);
}

function stripControls(text: string | undefined): string | undefined {
  // Keeps line breaks and tabs; drops other C0/C1 controls, which nobody types into a note on purpose.
  // eslint-disable-next-line no-control-regex
  return text?.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}
