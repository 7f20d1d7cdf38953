import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clientSchema,
  newClient,
  updateClient,
  validateClientProfile,
  validateContact,
  validateEmergencyContacts,
  validateLifestyle,
  validatePassport,
  validateTravelPreferences,
} from './client';
import { formatCalendarDate, isCalendarDate } from './dates';
import { fullClient, onWire, schemaProblems, wireValidator } from './test-support';

const TODAY = '2026-04-01';
const ID = '00000000-0000-4000-8000-000000000001';
const validate = wireValidator(clientSchema);

describe('clientSchema', () => {
  it('accepts a full client and a bare new one, as the server reads them', () => {
    expect(validate(onWire(fullClient())), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(onWire(newClient(ID, { latin: 'Amelia Hartley' }, 5)))).toBe(true);
  });

  it('refuses unknown fields at every level, and malformed values', () => {
    const full = fullClient();
    const bad: [string, unknown][] = [
      ['unknown top-level field', { ...full, medicalHistory: 'x' }],
      ['unknown passport field', { ...full, passport: { ...full.passport, issued: '2020-01-01' } }],
      ['unknown contact field', { ...full, contact: { ...full.contact, fax: '1' } }],
      ['passport without expiry', { ...full, passport: { number: 'X1234567', country: 'GB' } }],
      ['lower-case nationality', { ...full, nationality: 'gb' }],
      ['not E.164', { ...full, contact: { phone: '020 7946 0018' } }],
      ['impossible date shape', { ...full, dateOfBirth: '1968-13-01' }],
      ['unknown dietary code', { ...full, lifestyle: { dietaryRestrictions: ['paleo'], allergies: [] } }],
      ['empty allergy', { ...full, lifestyle: { dietaryRestrictions: [], allergies: [''] } }],
      ['repeated language', { ...full, languages: ['ja', 'ja'] }],
      ['emergency contact without phone', { ...full, emergencyContacts: [{ name: 'A', relationship: 'B' }] }],
      ['seat not an option', { ...full, preferences: { seat: 'middle' } }],
    ];
    for (const [what, doc] of bad) expect(validate(onWire(doc as object)), what).toBe(false);
  });

  it('uses only keywords RxDB and Ajv both understand, with a maxLength on every string', () => {
    expect(schemaProblems(clientSchema.properties)).toEqual([]);
  });

  it('indexes nothing (indexed fields stay in clear at rest; clients are searched in memory)', () => {
    expect('indexes' in clientSchema).toBe(false);
  });
});

describe('the forms and the schema agree', () => {
  const garbage = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ minLength: 190, maxLength: 600 }),
  );
  /** Mostly plausible input for a field, sometimes anything at all; sometimes left out. */
  const field = (...plausible: fc.Arbitrary<string>[]) =>
    fc.option(fc.oneof({ arbitrary: fc.oneof(...plausible), weight: 9 }, { arbitrary: garbage, weight: 1 }), {
      nil: undefined,
      freq: 4,
    });
  const latin = field(
    fc.stringMatching(/^[A-Za-zÀ-ÿŁłŒœ' .-]{1,40}$/),
    fc.constantFrom('Zoë Hartley', "O'Brien", ' Amélie  Poulain '),
  );
  const katakana = field(
    fc.stringMatching(/^[ァ-ヶー・ ]{1,20}$/),
    fc.stringMatching(/^[ぁ-ゖ]{1,10}$/),
    fc.constant('ｿﾞｰｲ ﾊｰﾄﾘｰ'),
  );
  const kanji = field(fc.stringMatching(/^[一-龯々]{1,6}$/), fc.constant('張 美玲'));
  const country = field(fc.constantFrom('GB', 'jp', ' us ', 'XK', 'ZZ', 'UK'));
  const date = field(
    fc
      .record({
        year: fc.integer({ min: 1890, max: 2040 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
      })
      .map(formatCalendarDate),
  );
  const phone = field(
    fc.constantFrom(
      '+44 20 7946 0018',
      '0044 7911 123456',
      '07911 123456',
      '+81 3-1234-5678',
      '+1 (212) 555-0100',
    ),
    fc.stringMatching(/^\+?[0-9 ]{4,18}$/),
  );
  const email = field(fc.emailAddress(), fc.constantFrom('a@b', 'zoe@example.co.uk'));
  const language = field(fc.constantFrom('en', 'ja', 'en_gb', 'zh-hant-tw', 'iw', 'not a tag', 'x-private'));
  const passportNumber = field(fc.stringMatching(/^[A-Za-z0-9 -]{3,22}$/));
  const option = (options: readonly string[]) => field(fc.constantFrom(...options, 'other'));
  const text = field(fc.string({ maxLength: 80 }), fc.string({ minLength: 400, maxLength: 2100 }));
  const list = (item: fc.Arbitrary<string | undefined>) =>
    fc.array(
      item.map((v) => v ?? ''),
      { maxLength: 12 },
    );

  it('whatever the forms accept, the server schema accepts', () => {
    // How often each section produced something to store: the property means little if it rarely does.
    const accepted = [0, 0, 0, 0, 0, 0];
    fc.assert(
      fc.property(
        fc.record({
          profile: fc.record({
            names: fc.record({ latin, katakana, kanji }),
            nationality: country,
            dateOfBirth: date,
            languages: list(language),
          }),
          contact: fc.record({ email, phone, address: text }),
          passport: fc.record({ number: passportNumber, country, expiryDate: date }),
          preferences: fc.record({
            notes: text,
            seat: option(['window', 'aisle']),
            room: option(['western-style', 'japanese-style']),
            dietary: text,
          }),
          emergency: fc.array(
            fc.oneof(
              {
                weight: 6,
                arbitrary: fc.record({
                  name: fc.constantFrom('Tom Hartley', 'Ann'),
                  relationship: fc.constantFrom('spouse', 'son'),
                  phone: fc.constantFrom('+44 7911 123456', '07911 123457'),
                  email: fc.option(fc.emailAddress(), { nil: undefined }),
                }),
              },
              { weight: 1, arbitrary: fc.record({ name: latin, relationship: latin, phone, email }) },
            ),
            { maxLength: 3 },
          ),
          lifestyle: fc.record({
            dietaryRestrictions: list(option(['halal', 'vegan', 'no-pork'])),
            mobilityNeeds: text,
            allergies: list(
              field(fc.constantFrom('peanuts', 'Peanuts', 'feathers'), fc.string({ maxLength: 120 })),
            ),
          }),
        }),
        (input) => {
          const results = [
            validateClientProfile(input.profile, TODAY),
            validateContact(input.contact, { defaultCountry: 'GB' }),
            validatePassport(input.passport),
            validateTravelPreferences(input.preferences),
            validateEmergencyContacts(input.emergency, { defaultCountry: 'GB' }),
            validateLifestyle(input.lifestyle),
          ] as const;
          const [profile, contact, passport, preferences, emergency, lifestyle] = results;
          results.forEach((result, index) => {
            const value = result.ok ? result.value : undefined;
            if (value !== undefined && !(Array.isArray(value) && value.length === 0)) accepted[index]! += 1;
          });
          for (const result of results) {
            if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
          }
          let client = newClient(ID, { latin: 'Placeholder' }, 1);
          if (profile.ok) client = updateClient(client, profile.value, 2);
          if (contact.ok) client = updateClient(client, { contact: contact.value }, 2);
          if (passport.ok) client = updateClient(client, { passport: passport.value }, 2);
          if (preferences.ok) client = updateClient(client, { preferences: preferences.value }, 2);
          if (emergency.ok) client = updateClient(client, { emergencyContacts: emergency.value }, 2);
          if (lifestyle.ok) client = updateClient(client, { lifestyle: lifestyle.value }, 2);
          expect(validate(onWire(client)), JSON.stringify([client, validate.errors])).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
    for (const count of accepted) expect(count).toBeGreaterThan(25);
  });

  it('a date the form accepts is a calendar date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2026 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const typed = formatCalendarDate({ year, month, day });
          const result = validateClientProfile({ names: { latin: 'A' }, dateOfBirth: typed }, TODAY);
          expect(result.ok).toBe(isCalendarDate(typed) && typed <= TODAY);
        },
      ),
    );
  });
});
