import { fieldConflictsSchema, type WithConflicts } from '../sync/conflicts';
import { COUNTRY_CODE_PATTERN } from './countries';
import { CALENDAR_DATE_PATTERN } from './dates';
import { E164_PATTERN } from './phone';

/**
 * A client of LUMINA Japan: a foreign guest whose trip the concierges plan.
 *
 * The profile, contact, passport, preferences, emergency contacts and lifestyle live here, sealed at rest on
 * devices with every other non-indexed field. Medical data never lives here: it is in the client's sealed
 * medical section (shared/domain/medical.ts), readable only by staff holding the client's data key. The
 * `lifestyle.allergies` here are the ones a hotel or restaurant must know (food, feathers); medical allergies
 * belong to the medical section.
 */
export interface ClientNames {
  /** Name in Latin script, as in the passport. */
  latin: string;
  katakana?: string;
  kanji?: string;
}

export type ClientStatus = 'prospect' | 'active' | 'archived';
export const CLIENT_STATUSES: readonly ClientStatus[] = ['prospect', 'active', 'archived'];

export interface ClientContact {
  email?: string;
  /** E.164, e.g. +442079460018. */
  phone?: string;
  /** Postal address as the client writes it, lines separated by "\n". */
  address?: string;
}

export interface Passport {
  /** Upper-case letters and digits, without spaces. */
  number: string;
  /** Issuing country, ISO 3166-1 alpha-2. */
  country: string;
  /** YYYY-MM-DD, the last day the passport is valid. */
  expiryDate: string;
}

export const SEAT_PREFERENCES = ['window', 'aisle'] as const;
export type SeatPreference = (typeof SEAT_PREFERENCES)[number];
/** Western rooms (beds) or Japanese rooms (tatami and futon, as in a ryokan). */
export const ROOM_PREFERENCES = ['western-style', 'japanese-style'] as const;
export type RoomPreference = (typeof ROOM_PREFERENCES)[number];

export interface TravelPreferences {
  /** Anything else the concierge should know, in the client's words. */
  notes?: string;
  seat?: SeatPreference;
  room?: RoomPreference;
  /** Food likes and habits (a Japanese breakfast, no raw fish); restrictions are in `lifestyle`. */
  dietary?: string;
}

export interface EmergencyContact {
  name: string;
  /** As the client says it: spouse, daughter, personal assistant. */
  relationship: string;
  /** E.164. */
  phone: string;
  email?: string;
}

export const DIETARY_RESTRICTIONS = [
  'vegetarian',
  'vegan',
  'pescatarian',
  'halal',
  'kosher',
  'gluten-free',
  'lactose-free',
  'no-pork',
  'no-beef',
  'no-alcohol',
  'low-sodium',
] as const;
export type DietaryRestriction = (typeof DIETARY_RESTRICTIONS)[number];

export interface Lifestyle {
  dietaryRestrictions: DietaryRestriction[];
  /** Wheelchair, no stairs, a walking stick: what hotels, drivers and venues must prepare for. */
  mobilityNeeds?: string;
  /** Allergies that hotels and restaurants must know (peanuts, shellfish, feather pillows). Not medical ones. */
  allergies: string[];
}

export interface Client extends WithConflicts {
  id: string;
  names: ClientNames;
  /** ISO 3166-1 alpha-2. */
  nationality?: string;
  /** YYYY-MM-DD. */
  dateOfBirth?: string;
  /** BCP 47 tags, in the client's order of preference (en-GB, ja). */
  languages?: string[];
  contact?: ClientContact;
  passport?: Passport;
  preferences?: TravelPreferences;
  emergencyContacts?: EmergencyContact[];
  lifestyle?: Lifestyle;
  status: ClientStatus;
  /**
   * Staff ids of the concierges (and others) looking after this client. A concierge's device receives only the
   * clients it is assigned to (shared/auth/roles.ts); office roles see all.
   */
  assignedStaffIds: string[];
  /** Milliseconds since the epoch; set by the device that made the change. */
  createdAt: number;
  updatedAt: number;
}

export const CLIENT_NAME_MAX_LENGTH = 200;
export const LANGUAGES_MAX = 10;
export const LANGUAGE_TAG_MAX_LENGTH = 35;
export const EMAIL_MAX_LENGTH = 254;
export const ADDRESS_MAX_LENGTH = 500;
export const PASSPORT_NUMBER_PATTERN = '^[A-Z0-9]{5,20}$';
export const PREFERENCE_NOTES_MAX_LENGTH = 2000;
export const DIETARY_NOTES_MAX_LENGTH = 500;
export const EMERGENCY_CONTACTS_MAX = 5;
export const RELATIONSHIP_MAX_LENGTH = 60;
export const MOBILITY_NEEDS_MAX_LENGTH = 1000;
export const LIFESTYLE_ALLERGIES_MAX = 30;
export const LIFESTYLE_ALLERGY_MAX_LENGTH = 100;
/** The earliest date of birth a form accepts. */
export const DATE_OF_BIRTH_MIN = '1900-01-01';

/** Upper bound for epoch-millisecond fields (year 2100); RxDB needs a bound for indexed numbers. */
export const EPOCH_MS_MAX = 4_102_444_800_000;

/** The shape of a BCP 47 language tag as stored (canonical form, from Intl.getCanonicalLocales). */
export const LANGUAGE_TAG_PATTERN = '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$';
/** A practical e-mail shape: something, one @, a domain with at least one dot and no empty label. */
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$';

const date = { type: 'string', maxLength: 10, pattern: CALENDAR_DATE_PATTERN } as const;
const country = { type: 'string', maxLength: 2, pattern: COUNTRY_CODE_PATTERN } as const;
const email = { type: 'string', maxLength: EMAIL_MAX_LENGTH, pattern: EMAIL_PATTERN } as const;
const phone = { type: 'string', maxLength: 16, pattern: E164_PATTERN } as const;
const name = { type: 'string', minLength: 1, maxLength: CLIENT_NAME_MAX_LENGTH } as const;

/**
 * The one schema for a client document: RxDB uses it for the local collection, the server for request
 * validation (through {@link wireSchemaOf}), and the tests for fixtures. Only keywords that both RxDB and
 * JSON Schema (draft 7, as Ajv reads it) understand appear inside `properties`. Nothing personal is indexed:
 * indexed fields stay in clear at rest, so search runs over a decrypted in-memory index instead
 * (shared/domain/client-search.ts).
 */
export const clientSchema = {
  title: 'client',
  // 1: `conflicts` added (open edit conflicts kept for a person to resolve); local-store migrates 0 → 1.
  // 2: the full record (nationality, date of birth, languages, contact, passport, preferences, emergency
  //    contacts, lifestyle), all optional, so documents of version 1 are valid as they are; 1 → 2 keeps them.
  // 3: no `updatedAt` index (no query used it): the field is sealed at rest like the rest of the record, and a
  //    first sync writes one IndexedDB index entry fewer per client. Documents are unchanged; 2 → 3 keeps them.
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36, pattern: '^[0-9a-f-]{36}$' },
    names: {
      type: 'object',
      properties: {
        latin: name,
        katakana: { type: 'string', maxLength: CLIENT_NAME_MAX_LENGTH },
        kanji: { type: 'string', maxLength: CLIENT_NAME_MAX_LENGTH },
      },
      required: ['latin'],
      additionalProperties: false,
    },
    nationality: country,
    dateOfBirth: date,
    languages: {
      type: 'array',
      maxItems: LANGUAGES_MAX,
      uniqueItems: true,
      items: { type: 'string', maxLength: LANGUAGE_TAG_MAX_LENGTH, pattern: LANGUAGE_TAG_PATTERN },
    },
    contact: {
      type: 'object',
      properties: {
        email,
        phone,
        address: { type: 'string', minLength: 1, maxLength: ADDRESS_MAX_LENGTH },
      },
      additionalProperties: false,
    },
    passport: {
      type: 'object',
      properties: {
        number: { type: 'string', maxLength: 20, pattern: PASSPORT_NUMBER_PATTERN },
        country,
        expiryDate: date,
      },
      required: ['number', 'country', 'expiryDate'],
      additionalProperties: false,
    },
    preferences: {
      type: 'object',
      properties: {
        notes: { type: 'string', minLength: 1, maxLength: PREFERENCE_NOTES_MAX_LENGTH },
        seat: { type: 'string', enum: [...SEAT_PREFERENCES], maxLength: 16 },
        room: { type: 'string', enum: [...ROOM_PREFERENCES], maxLength: 16 },
        dietary: { type: 'string', minLength: 1, maxLength: DIETARY_NOTES_MAX_LENGTH },
      },
      additionalProperties: false,
    },
    emergencyContacts: {
      type: 'array',
      maxItems: EMERGENCY_CONTACTS_MAX,
      items: {
        type: 'object',
        properties: {
          name,
          relationship: { type: 'string', minLength: 1, maxLength: RELATIONSHIP_MAX_LENGTH },
          phone,
          email,
        },
        required: ['name', 'relationship', 'phone'],
        additionalProperties: false,
      },
    },
    lifestyle: {
      type: 'object',
      properties: {
        dietaryRestrictions: {
          type: 'array',
          maxItems: DIETARY_RESTRICTIONS.length,
          uniqueItems: true,
          items: { type: 'string', enum: [...DIETARY_RESTRICTIONS], maxLength: 16 },
        },
        mobilityNeeds: { type: 'string', minLength: 1, maxLength: MOBILITY_NEEDS_MAX_LENGTH },
        allergies: {
          type: 'array',
          maxItems: LIFESTYLE_ALLERGIES_MAX,
          items: { type: 'string', minLength: 1, maxLength: LIFESTYLE_ALLERGY_MAX_LENGTH },
        },
      },
      required: ['dietaryRestrictions', 'allergies'],
      additionalProperties: false,
    },
    status: { type: 'string', enum: [...CLIENT_STATUSES], maxLength: 16 },
    assignedStaffIds: {
      type: 'array',
      items: { type: 'string', maxLength: 36, pattern: '^[0-9a-f-]{36}$' },
      maxItems: 50,
      uniqueItems: true,
    },
    createdAt: { type: 'integer', minimum: 0, maximum: EPOCH_MS_MAX, multipleOf: 1 },
    updatedAt: { type: 'integer', minimum: 0, maximum: EPOCH_MS_MAX, multipleOf: 1 },
    conflicts: fieldConflictsSchema,
  },
  required: ['id', 'names', 'status', 'assignedStaffIds', 'createdAt', 'updatedAt'],
  additionalProperties: false,
} as const;
