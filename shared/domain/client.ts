import { fieldConflictsSchema, type WithConflicts } from '../sync/conflicts';
import { COUNTRY_CODE_PATTERN, isCountryCode } from './countries';
import { addMonths, CALENDAR_DATE_PATTERN } from './dates';
import { E164_PATTERN, parsePhone } from './phone';
import {
  calendarDateField,
  compact,
  FieldErrors,
  textField,
  tidyLine,
  type ValidationResult,
} from './validation';

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

export interface NewClientInput {
  latinName: string;
}

/** Validates what a person typed before it becomes a document; the schema re-checks it at every boundary. */
export function validateNewClient(input: NewClientInput): ValidationResult<{ latin: string }> {
  const latin = input.latinName.trim().replace(/\s+/g, ' ');
  if (latin.length === 0) return { ok: false, errors: [{ path: 'names.latin', code: 'required' }] };
  if (latin.length > CLIENT_NAME_MAX_LENGTH)
    return {
      ok: false,
      errors: [{ path: 'names.latin', code: 'too-long', params: { max: CLIENT_NAME_MAX_LENGTH } }],
    };
  return { ok: true, value: { latin } };
}

export function newClient(
  id: string,
  names: { latin: string },
  now: number,
  assignedStaffIds: string[] = [],
): Client {
  return {
    id,
    names: { latin: names.latin },
    status: 'prospect',
    assignedStaffIds: [...new Set(assignedStaffIds)],
    createdAt: now,
    updatedAt: now,
  };
}

/** The parts of a client that one form section edits. */
export type ClientSection =
  | 'names'
  | 'nationality'
  | 'dateOfBirth'
  | 'languages'
  | 'contact'
  | 'passport'
  | 'preferences'
  | 'emergencyContacts'
  | 'lifestyle'
  | 'status'
  | 'assignedStaffIds';

/**
 * A copy of `client` with the given sections replaced (a section given as undefined is removed) and updatedAt
 * moved to `now` (never backwards). Feed it the values the section validators return.
 */
export function updateClient(
  client: Client,
  changes: Partial<Pick<Client, ClientSection>>,
  now: number,
): Client {
  const removed = new Set(
    Object.entries(changes)
      .filter(([, value]) => value === undefined)
      .map(([key]) => key),
  );
  const next = Object.fromEntries(
    Object.entries({ ...client, ...changes }).filter(([key]) => !removed.has(key)),
  ) as unknown as Client;
  next.updatedAt = Math.max(client.updatedAt, now);
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// Form sections. Each validator takes what a person typed (strings, possibly empty), tidies it (white space,
// case, canonical forms) and returns either the value to store or field-level error codes.

export interface ClientProfileInput {
  names: { latin?: string; katakana?: string; kanji?: string };
  nationality?: string;
  dateOfBirth?: string;
  languages?: string[];
}

export type ClientProfile = Pick<Client, 'names' | 'nationality' | 'dateOfBirth' | 'languages'>;

const LATIN_NAME = /^[\p{Script=Latin}\p{M} '’.,-]+$/u;
const KATAKANA_NAME = /^[\p{Script=Katakana}ー・= ]+$/u;
const KANJI_NAME = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・ ]+$/u;

/** Hiragana typed into the katakana field becomes katakana (the IME's default is often hiragana). */
function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/**
 * Names, nationality, date of birth and languages. `today` (YYYY-MM-DD, in the person's zone) bounds the date of
 * birth. Katakana is normalised (NFKC: half-width to full-width; hiragana to katakana); kanji is kept exactly as
 * typed, since normalisation would replace some name characters with their unified variants.
 */
export function validateClientProfile(
  input: ClientProfileInput,
  today: string,
): ValidationResult<ClientProfile> {
  const errors = new FieldErrors();
  const latin = textField(errors, 'names.latin', input.names.latin?.normalize('NFC'), {
    max: CLIENT_NAME_MAX_LENGTH,
    required: true,
  });
  if (latin !== undefined && !(LATIN_NAME.test(latin) && /\p{Script=Latin}/u.test(latin))) {
    errors.add('names.latin', 'not-latin');
  }
  const katakanaTyped = input.names.katakana?.normalize('NFKC');
  const katakana = textField(errors, 'names.katakana', katakanaTyped && toKatakana(katakanaTyped), {
    max: CLIENT_NAME_MAX_LENGTH,
  });
  if (katakana !== undefined && !KATAKANA_NAME.test(katakana)) errors.add('names.katakana', 'not-katakana');
  const kanji = textField(errors, 'names.kanji', input.names.kanji, { max: CLIENT_NAME_MAX_LENGTH });
  if (kanji !== undefined && !(KANJI_NAME.test(kanji) && /\p{Script=Han}/u.test(kanji))) {
    errors.add('names.kanji', 'not-kanji');
  }

  const nationality = countryField(errors, 'nationality', input.nationality, false);

  const dateOfBirth = calendarDateField(errors, 'dateOfBirth', input.dateOfBirth, false);
  if (dateOfBirth !== undefined) {
    if (dateOfBirth > today) errors.add('dateOfBirth', 'date-in-future');
    else if (dateOfBirth < DATE_OF_BIRTH_MIN)
      errors.add('dateOfBirth', 'date-too-early', { min: DATE_OF_BIRTH_MIN });
  }

  const languages: string[] = [];
  (input.languages ?? []).forEach((typed, index) => {
    const tag = tidyLine(typed).replace(/_/g, '-');
    if (tag.length === 0) return;
    const canonical = canonicalLanguageTag(tag);
    if (canonical === undefined) errors.add(`languages.${index}`, 'invalid-language-tag');
    else if (!languages.includes(canonical)) languages.push(canonical);
  });
  if (languages.length > LANGUAGES_MAX) errors.add('languages', 'too-many', { max: LANGUAGES_MAX });

  return errors.result({
    names: compact({ latin: latin ?? '', katakana, kanji })!,
    ...compact({
      nationality,
      dateOfBirth,
      languages: languages.length > 0 ? languages : undefined,
    }),
  });
}

/** The canonical form of a BCP 47 tag (en-gb → en-GB, iw → he), or undefined when it is not one. */
export function canonicalLanguageTag(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical === undefined || canonical.length > LANGUAGE_TAG_MAX_LENGTH) return undefined;
    return new RegExp(LANGUAGE_TAG_PATTERN).test(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

function countryField(
  errors: FieldErrors,
  path: string,
  raw: string | undefined,
  required: boolean,
): string | undefined {
  const code = tidyLine(raw).toUpperCase();
  if (code.length === 0) {
    if (required) errors.add(path, 'required');
    return undefined;
  }
  if (!isCountryCode(code)) {
    errors.add(path, 'unknown-country');
    return undefined;
  }
  return code;
}

const EMAIL = new RegExp(EMAIL_PATTERN, 'u');

function emailField(errors: FieldErrors, path: string, raw: string | undefined): string | undefined {
  const text = tidyLine(raw);
  if (text.length === 0) return undefined;
  if (text.length > EMAIL_MAX_LENGTH) {
    errors.add(path, 'too-long', { max: EMAIL_MAX_LENGTH });
    return undefined;
  }
  if (!EMAIL.test(text)) {
    errors.add(path, 'invalid-email');
    return undefined;
  }
  return text;
}

function phoneField(
  errors: FieldErrors,
  path: string,
  raw: string | undefined,
  required: boolean,
  defaultCountry: string | undefined,
): string | undefined {
  const text = tidyLine(raw);
  if (text.length === 0) {
    if (required) errors.add(path, 'required');
    return undefined;
  }
  const parsed = parsePhone(text, defaultCountry);
  if (!parsed.ok) {
    errors.add(path, parsed.code);
    return undefined;
  }
  return parsed.e164;
}

export interface ContactInput {
  email?: string;
  phone?: string;
  address?: string;
}

/**
 * E-mail, phone and address; undefined when all are empty. A phone number without a country code is read in
 * `defaultCountry` (the client's nationality, say) when given, and refused with `phone-needs-country-code`
 * otherwise.
 */
export function validateContact(
  input: ContactInput,
  options: { defaultCountry?: string } = {},
): ValidationResult<ClientContact | undefined> {
  const errors = new FieldErrors();
  const value = compact({
    email: emailField(errors, 'contact.email', input.email),
    phone: phoneField(errors, 'contact.phone', input.phone, false, options.defaultCountry),
    address: textField(errors, 'contact.address', input.address, {
      max: ADDRESS_MAX_LENGTH,
      multiline: true,
    }),
  });
  return errors.result(value);
}

export interface PassportInput {
  number?: string;
  country?: string;
  expiryDate?: string;
}

/**
 * A passport: all three fields or none (undefined). The number is kept upper-case without spaces or dashes. An
 * expired passport is valid data (the UI warns with {@link passportExpiryWarning}).
 */
export function validatePassport(input: PassportInput): ValidationResult<Passport | undefined> {
  const errors = new FieldErrors();
  const typedNumber = tidyLine(input.number).toUpperCase().replace(/[\s-]/g, '');
  const anything =
    typedNumber.length > 0 || tidyLine(input.country).length > 0 || tidyLine(input.expiryDate).length > 0;
  if (!anything) return { ok: true, value: undefined };
  let number: string | undefined;
  if (typedNumber.length === 0) errors.add('passport.number', 'required');
  else if (!new RegExp(PASSPORT_NUMBER_PATTERN).test(typedNumber))
    errors.add('passport.number', 'invalid-format');
  else number = typedNumber;
  const country = countryField(errors, 'passport.country', input.country, true);
  const expiryDate = calendarDateField(errors, 'passport.expiryDate', input.expiryDate, true);
  return errors.result(
    number !== undefined && country !== undefined && expiryDate !== undefined
      ? { number, country, expiryDate }
      : undefined,
  );
}

export type PassportWarning = 'expired' | 'expires-before-trip-end' | 'expires-within-6-months-of-trip-end';

/** Months of validity beyond the end of a stay that many countries (and airlines) require. */
export const PASSPORT_VALIDITY_MONTHS_BEYOND_TRIP = 6;

/**
 * What to warn about a passport, most serious first: expired before `today`; expiring before the trip ends;
 * valid at the trip's end but for less than six months after it (the day six months after the end is enough).
 * Without a trip, only expiry is checked. Dates are YYYY-MM-DD; `expiryDate` is the last valid day.
 */
export function passportExpiryWarning(
  passport: Pick<Passport, 'expiryDate'>,
  tripEndDate: string | undefined,
  today: string,
): PassportWarning | undefined {
  const expiry = passport.expiryDate;
  if (expiry < today) return 'expired';
  if (tripEndDate === undefined) return undefined;
  if (expiry < tripEndDate) return 'expires-before-trip-end';
  if (expiry < addMonths(tripEndDate, PASSPORT_VALIDITY_MONTHS_BEYOND_TRIP)) {
    return 'expires-within-6-months-of-trip-end';
  }
  return undefined;
}

export interface TravelPreferencesInput {
  notes?: string;
  seat?: string;
  room?: string;
  dietary?: string;
}

export function validateTravelPreferences(
  input: TravelPreferencesInput,
): ValidationResult<TravelPreferences | undefined> {
  const errors = new FieldErrors();
  const value = compact({
    notes: textField(errors, 'preferences.notes', input.notes, {
      max: PREFERENCE_NOTES_MAX_LENGTH,
      multiline: true,
    }),
    seat: optionField(errors, 'preferences.seat', input.seat, SEAT_PREFERENCES),
    room: optionField(errors, 'preferences.room', input.room, ROOM_PREFERENCES),
    dietary: textField(errors, 'preferences.dietary', input.dietary, {
      max: DIETARY_NOTES_MAX_LENGTH,
      multiline: true,
    }),
  });
  return errors.result(value);
}

function optionField<T extends string>(
  errors: FieldErrors,
  path: string,
  raw: string | undefined,
  options: readonly T[],
): T | undefined {
  const text = tidyLine(raw);
  if (text.length === 0) return undefined;
  if (!(options as readonly string[]).includes(text)) {
    errors.add(path, 'unknown-option');
    return undefined;
  }
  return text as T;
}

export interface EmergencyContactInput {
  name?: string;
  relationship?: string;
  phone?: string;
  email?: string;
}

/** The list of emergency contacts; rows left entirely empty (a form's spare row) are dropped. */
export function validateEmergencyContacts(
  input: EmergencyContactInput[],
  options: { defaultCountry?: string } = {},
): ValidationResult<EmergencyContact[]> {
  const errors = new FieldErrors();
  const contacts: EmergencyContact[] = [];
  input.forEach((row, index) => {
    const filled = [row.name, row.relationship, row.phone, row.email].some((v) => tidyLine(v).length > 0);
    if (!filled) return;
    const at = `emergencyContacts.${index}`;
    const contact = {
      name: textField(errors, `${at}.name`, row.name, { max: CLIENT_NAME_MAX_LENGTH, required: true }),
      relationship: textField(errors, `${at}.relationship`, row.relationship, {
        max: RELATIONSHIP_MAX_LENGTH,
        required: true,
      }),
      phone: phoneField(errors, `${at}.phone`, row.phone, true, options.defaultCountry),
      email: emailField(errors, `${at}.email`, row.email),
    };
    if (contact.name !== undefined && contact.relationship !== undefined && contact.phone !== undefined) {
      contacts.push(compact(contact) as EmergencyContact);
    }
  });
  const rows = input.filter((row) =>
    [row.name, row.relationship, row.phone, row.email].some((v) => tidyLine(v).length > 0),
  ).length;
  if (rows > EMERGENCY_CONTACTS_MAX)
    errors.add('emergencyContacts', 'too-many', { max: EMERGENCY_CONTACTS_MAX });
  return errors.result(contacts);
}

export interface LifestyleInput {
  dietaryRestrictions?: string[];
  mobilityNeeds?: string;
  allergies?: string[];
}

/** Dietary restrictions (codes), mobility needs and hotel-relevant allergies; undefined when all are empty. */
export function validateLifestyle(input: LifestyleInput): ValidationResult<Lifestyle | undefined> {
  const errors = new FieldErrors();
  const dietaryRestrictions: DietaryRestriction[] = [];
  (input.dietaryRestrictions ?? []).forEach((code, index) => {
    const option = optionField(errors, `lifestyle.dietaryRestrictions.${index}`, code, DIETARY_RESTRICTIONS);
    if (option !== undefined && !dietaryRestrictions.includes(option)) dietaryRestrictions.push(option);
  });
  const mobilityNeeds = textField(errors, 'lifestyle.mobilityNeeds', input.mobilityNeeds, {
    max: MOBILITY_NEEDS_MAX_LENGTH,
    multiline: true,
  });
  const allergies: string[] = [];
  const seen = new Set<string>();
  (input.allergies ?? []).forEach((typed, index) => {
    const allergy = textField(errors, `lifestyle.allergies.${index}`, typed, {
      max: LIFESTYLE_ALLERGY_MAX_LENGTH,
    });
    if (allergy === undefined) return;
    const key = allergy.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    allergies.push(allergy);
  });
  if (allergies.length > LIFESTYLE_ALLERGIES_MAX) {
    errors.add('lifestyle.allergies', 'too-many', { max: LIFESTYLE_ALLERGIES_MAX });
  }
  const empty = dietaryRestrictions.length === 0 && mobilityNeeds === undefined && allergies.length === 0;
  return errors.result(
    empty
      ? undefined
      : { dietaryRestrictions, allergies, ...(mobilityNeeds === undefined ? {} : { mobilityNeeds }) },
  );
}

export interface AssignmentInput {
  status?: string;
  assignedStaffIds?: string[];
}

export const ASSIGNED_STAFF_MAX = 50;
const STAFF_ID = /^[0-9a-f-]{36}$/;

/**
 * Status and assigned staff. `keepAssigned` (the staff id of a person who may write only their own clients)
 * must stay in the list: without it the server would refuse the change and the person would lose the client.
 */
export function validateAssignment(
  input: AssignmentInput,
  options: { keepAssigned?: string } = {},
): ValidationResult<Pick<Client, 'status' | 'assignedStaffIds'>> {
  const errors = new FieldErrors();
  const status = optionField(errors, 'status', input.status, CLIENT_STATUSES);
  if (status === undefined && tidyLine(input.status).length === 0) errors.add('status', 'required');
  const ids = [...new Set((input.assignedStaffIds ?? []).map((id) => id.trim().toLowerCase()))];
  ids.forEach((id, index) => {
    if (!STAFF_ID.test(id)) errors.add(`assignedStaffIds.${index}`, 'invalid-format');
  });
  if (ids.length > ASSIGNED_STAFF_MAX)
    errors.add('assignedStaffIds', 'too-many', { max: ASSIGNED_STAFF_MAX });
  if (options.keepAssigned !== undefined && !ids.includes(options.keepAssigned)) {
    errors.add('assignedStaffIds', 'must-keep-self');
  }
  return errors.result({ status: status ?? 'prospect', assignedStaffIds: ids });
}
