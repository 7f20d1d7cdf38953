import { fieldConflictsSchema, type WithConflicts } from '../sync/conflicts';
import { epochMsSchema, staffIdsSchema, uuidSchema } from './schema-parts';

/**
 * A client's medical section: one document per client whose content fields are each sealed end to end with the
 * client's data key (shared/crypto/client-keys.ts), so the server and staff without a grant see that it exists,
 * for whom, and under which key, never what it says. Each field is its own envelope, bound to the section's id
 * and the field's name, so a field can be changed (and merged on sync) without touching the others.
 *
 * This file is the section's model (its fields, shapes and schema). Sealing and opening: medical-seal.ts; the
 * form's validator: medical-form.ts; who can grant access: medical-granters.ts.
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

// Version 1, a key id, and at least a nonce and a tag (40 bytes, 54 base64url characters).
const ENVELOPE_PATTERN = '^1\\.[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{54,}$';
const envelope = {
  type: 'string',
  maxLength: MEDICAL_ENVELOPE_MAX_LENGTH,
  pattern: ENVELOPE_PATTERN,
} as const;
const envelopePattern = new RegExp(ENVELOPE_PATTERN);

/** Whether `value` has the shape of a sealed medical field (what the schema asks of each field). */
export function isMedicalEnvelope(value: unknown): boolean {
  return (
    typeof value === 'string' && value.length <= MEDICAL_ENVELOPE_MAX_LENGTH && envelopePattern.test(value)
  );
}

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
