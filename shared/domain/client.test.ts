import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_NAME_MAX_LENGTH,
  clientSchema,
  canonicalLanguageTag,
  newClient,
  passportExpiryWarning,
  updateClient,
  validateAssignment,
  validateClientProfile,
  validateContact,
  validateEmergencyContacts,
  validateLifestyle,
  validateNewClient,
  validatePassport,
  validateTravelPreferences,
  type PassportWarning,
} from './client';
import { addDays, formatCalendarDate, isCalendarDate } from './dates';
import { fullClient, onWire, schemaProblems, wireValidator } from './test-support';

const TODAY = '2026-04-01';
const ID = '00000000-0000-4000-8000-000000000001';
const validate = wireValidator(clientSchema);

describe('validateNewClient', () => {
  it('trims and folds white space', () => {
    expect(validateNewClient({ latinName: '  Amelia   Hartley ' })).toEqual({
      ok: true,
      value: { latin: 'Amelia Hartley' },
    });
  });

  it('refuses an empty or over-long name with a field error', () => {
    expect(validateNewClient({ latinName: ' \t ' })).toEqual({
      ok: false,
      errors: [{ path: 'names.latin', code: 'required' }],
    });
    expect(validateNewClient({ latinName: 'a'.repeat(CLIENT_NAME_MAX_LENGTH + 1) })).toEqual({
      ok: false,
      errors: [{ path: 'names.latin', code: 'too-long', params: { max: CLIENT_NAME_MAX_LENGTH } }],
    });
  });

  it('makes a prospect with both timestamps set to now, assigned to the given staff once each', () => {
    expect(newClient('id-1', { latin: 'A' }, 42, ['s1', 's2', 's1'])).toEqual({
      id: 'id-1',
      names: { latin: 'A' },
      status: 'prospect',
      assignedStaffIds: ['s1', 's2'],
      createdAt: 42,
      updatedAt: 42,
    });
  });
});

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

describe('validateClientProfile', () => {
  it('tidies names and normalises katakana (half-width and hiragana to full-width katakana)', () => {
    const result = validateClientProfile(
      {
        names: { latin: '  Zoë   Hartley ', katakana: 'ｿﾞｰｲ ﾊｰﾄﾘｰ', kanji: ' 張　美玲 ' },
        nationality: ' gb ',
      },
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        names: { latin: 'Zoë Hartley', katakana: 'ゾーイ ハートリー', kanji: '張 美玲' },
        nationality: 'GB',
      },
    });
    expect(validateClientProfile({ names: { latin: 'A', katakana: 'あめりあ' } }, TODAY)).toMatchObject({
      ok: true,
      value: { names: { katakana: 'アメリア' } },
    });
  });

  it('keeps kanji exactly as typed (no compatibility normalisation of name characters)', () => {
    const kanji = '\uFA11田'; // 﨑 from the compatibility block, as some family names are written
    const result = validateClientProfile({ names: { latin: 'Sakita', kanji } }, TODAY);
    expect(result.ok && result.value.names.kanji).toBe(kanji);
  });

  it('names each wrong field with a code', () => {
    const result = validateClientProfile(
      {
        names: { latin: '山田', katakana: 'Yamada', kanji: 'Yamada' },
        nationality: 'XX',
        dateOfBirth: '1990-02-30',
        languages: ['en', 'not a tag', 'ja'],
      },
      TODAY,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'names.latin', code: 'not-latin' },
        { path: 'names.katakana', code: 'not-katakana' },
        { path: 'names.kanji', code: 'not-kanji' },
        { path: 'nationality', code: 'unknown-country' },
        { path: 'dateOfBirth', code: 'invalid-date' },
        { path: 'languages.1', code: 'invalid-language-tag' },
      ],
    });
  });

  it('requires the Latin name and bounds its length', () => {
    expect(validateClientProfile({ names: {} }, TODAY)).toEqual({
      ok: false,
      errors: [{ path: 'names.latin', code: 'required' }],
    });
    expect(validateClientProfile({ names: { latin: 'a'.repeat(201) } }, TODAY)).toEqual({
      ok: false,
      errors: [{ path: 'names.latin', code: 'too-long', params: { max: 200 } }],
    });
  });

  it('bounds the date of birth by today and 1900', () => {
    const dob = (dateOfBirth: string) => validateClientProfile({ names: { latin: 'A' }, dateOfBirth }, TODAY);
    expect(dob(TODAY).ok).toBe(true);
    expect(dob('2026-04-02')).toMatchObject({ errors: [{ path: 'dateOfBirth', code: 'date-in-future' }] });
    expect(dob('1899-12-31')).toMatchObject({ errors: [{ path: 'dateOfBirth', code: 'date-too-early' }] });
  });

  it('stores language tags in canonical form, once each', () => {
    const result = validateClientProfile(
      { names: { latin: 'A' }, languages: ['en_gb', 'EN-GB', 'iw', ' ', 'zh-hant-tw'] },
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      value: { names: { latin: 'A' }, languages: ['en-GB', 'he', 'zh-Hant-TW'] },
    });
    expect(canonicalLanguageTag('x-private')).toBeUndefined();
    const many = Array.from(
      { length: 11 },
      (_, i) => ['en', 'ja', 'fr', 'de', 'es', 'it', 'pt', 'ru', 'ko', 'zh', 'ar'][i]!,
    );
    expect(validateClientProfile({ names: { latin: 'A' }, languages: many }, TODAY)).toMatchObject({
      errors: [{ path: 'languages', code: 'too-many', params: { max: 10 } }],
    });
  });
});

describe('validateContact', () => {
  it('stores the phone in E.164 whatever the spacing, and reads 00 as +', () => {
    for (const typed of [
      '+44 20 7946 0018',
      '+44 (0)20 7946-0018',
      '0044 20 7946 0018',
      '+４４ ２０ ７９４６ ００１８',
    ]) {
      expect(validateContact({ phone: typed.normalize('NFKC') }), typed).toEqual({
        ok: true,
        value: { phone: '+442079460018' },
      });
    }
  });

  it('reads a number without country code in the default country, or asks for the code', () => {
    expect(validateContact({ phone: '020 7946 0018' })).toEqual({
      ok: false,
      errors: [{ path: 'contact.phone', code: 'phone-needs-country-code' }],
    });
    expect(validateContact({ phone: '020 7946 0018' }, { defaultCountry: 'GB' })).toEqual({
      ok: true,
      value: { phone: '+442079460018' },
    });
    expect(validateContact({ phone: '+44 12' })).toMatchObject({ errors: [{ code: 'invalid-phone' }] });
    expect(validateContact({ phone: 'call me' })).toMatchObject({ errors: [{ code: 'invalid-phone' }] });
  });

  it('checks the e-mail shape, keeps the address lines, and is empty when nothing is filled', () => {
    expect(validateContact({ email: 'zoe@example', address: '' })).toEqual({
      ok: false,
      errors: [{ path: 'contact.email', code: 'invalid-email' }],
    });
    expect(validateContact({ email: ' zoe@example.co.uk ', address: ' 1 Row  \r\n  London ' })).toEqual({
      ok: true,
      value: { email: 'zoe@example.co.uk', address: '1 Row\nLondon' },
    });
    expect(validateContact({ email: ' ', phone: '', address: '\n' })).toEqual({ ok: true, value: undefined });
  });
});

describe('validatePassport', () => {
  it('is all three fields or none', () => {
    expect(validatePassport({})).toEqual({ ok: true, value: undefined });
    expect(validatePassport({ number: 'x 1234-567' })).toEqual({
      ok: false,
      errors: [
        { path: 'passport.country', code: 'required' },
        { path: 'passport.expiryDate', code: 'required' },
      ],
    });
  });

  it('keeps the number upper-case without spaces or dashes', () => {
    expect(validatePassport({ number: 'x 1234-567', country: 'gb', expiryDate: '2030-05-31' })).toEqual({
      ok: true,
      value: { number: 'X1234567', country: 'GB', expiryDate: '2030-05-31' },
    });
  });

  it('refuses numbers that are not letters and digits, unknown countries and non-dates', () => {
    expect(validatePassport({ number: 'X12/34567', country: 'UK', expiryDate: '2030-02-30' })).toEqual({
      ok: false,
      errors: [
        { path: 'passport.number', code: 'invalid-format' },
        { path: 'passport.country', code: 'unknown-country' },
        { path: 'passport.expiryDate', code: 'invalid-date' },
      ],
    });
  });
});

describe('passportExpiryWarning', () => {
  const warn = (expiryDate: string, tripEnd?: string) =>
    passportExpiryWarning({ expiryDate }, tripEnd, TODAY);

  it('warns of expiry, expiry before the trip ends, and less than six months beyond it', () => {
    expect(warn('2026-03-31', '2026-05-10')).toBe('expired');
    expect(warn('2026-03-31')).toBe('expired');
    expect(warn('2026-04-01')).toBeUndefined();
    expect(warn('2026-05-09', '2026-05-10')).toBe('expires-before-trip-end');
    expect(warn('2026-05-10', '2026-05-10')).toBe('expires-within-6-months-of-trip-end');
    expect(warn('2026-11-09', '2026-05-10')).toBe('expires-within-6-months-of-trip-end');
    expect(warn('2026-11-10', '2026-05-10')).toBeUndefined();
    // Six months after August 31st is the end of February.
    expect(warn('2027-02-27', '2026-08-31')).toBe('expires-within-6-months-of-trip-end');
    expect(warn('2027-02-28', '2026-08-31')).toBeUndefined();
  });

  it('never gets more serious as the expiry date moves later', () => {
    const severity = (w: PassportWarning | undefined) =>
      w === undefined
        ? 0
        : ['expires-within-6-months-of-trip-end', 'expires-before-trip-end', 'expired'].indexOf(w) + 1;
    fc.assert(
      fc.property(
        fc.integer({ min: -800, max: 800 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 400 }),
        (expiryOffset, later, tripOffset) => {
          const tripEnd = addDays(TODAY, tripOffset);
          const earlier = warn(addDays(TODAY, expiryOffset), tripEnd);
          const laterWarning = warn(addDays(TODAY, expiryOffset + later), tripEnd);
          expect(severity(laterWarning)).toBeLessThanOrEqual(severity(earlier));
        },
      ),
    );
  });
});

describe('validateTravelPreferences', () => {
  it('keeps the chosen options and notes, refuses unknown options', () => {
    expect(validateTravelPreferences({ seat: 'window', room: '', notes: ' Early riser ' })).toEqual({
      ok: true,
      value: { seat: 'window', notes: 'Early riser' },
    });
    expect(validateTravelPreferences({ room: 'capsule' })).toEqual({
      ok: false,
      errors: [{ path: 'preferences.room', code: 'unknown-option' }],
    });
    expect(validateTravelPreferences({})).toEqual({ ok: true, value: undefined });
  });
});

describe('validateEmergencyContacts', () => {
  it('drops empty rows and names errors by row', () => {
    const result = validateEmergencyContacts([
      { name: 'Tom Hartley', relationship: 'spouse', phone: '+44 7911 123456' },
      {},
      { name: 'Ann', phone: '07911 123457', email: 'ann@' },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'emergencyContacts.2.relationship', code: 'required' },
        { path: 'emergencyContacts.2.phone', code: 'phone-needs-country-code' },
        { path: 'emergencyContacts.2.email', code: 'invalid-email' },
      ],
    });
    expect(
      validateEmergencyContacts(
        [{ name: 'Ann', relationship: 'sister', phone: '07911 123457' }, { name: ' ' }],
        {
          defaultCountry: 'GB',
        },
      ),
    ).toEqual({ ok: true, value: [{ name: 'Ann', relationship: 'sister', phone: '+447911123457' }] });
  });

  it('allows at most five contacts', () => {
    const row = { name: 'A', relationship: 'friend', phone: '+447911123456' };
    expect(validateEmergencyContacts(Array.from({ length: 6 }, () => row))).toMatchObject({
      ok: false,
      errors: [{ path: 'emergencyContacts', code: 'too-many', params: { max: 5 } }],
    });
  });
});

describe('validateLifestyle', () => {
  it('keeps known restriction codes once, and allergies once each ignoring case', () => {
    expect(
      validateLifestyle({
        dietaryRestrictions: ['halal', 'halal', 'no-alcohol'],
        allergies: ['Peanuts', ' peanuts ', 'feather pillows', ''],
      }),
    ).toEqual({
      ok: true,
      value: { dietaryRestrictions: ['halal', 'no-alcohol'], allergies: ['Peanuts', 'feather pillows'] },
    });
    expect(validateLifestyle({ dietaryRestrictions: ['paleo'] })).toEqual({
      ok: false,
      errors: [{ path: 'lifestyle.dietaryRestrictions.0', code: 'unknown-option' }],
    });
    expect(validateLifestyle({ dietaryRestrictions: [], allergies: [' '], mobilityNeeds: '' })).toEqual({
      ok: true,
      value: undefined,
    });
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

describe('updateClient', () => {
  it('replaces and removes sections and never moves updatedAt back', () => {
    const client = fullClient();
    const updated = updateClient(client, { passport: undefined, nationality: 'JP' }, 1);
    expect(updated.passport).toBeUndefined();
    expect('passport' in updated).toBe(false);
    expect(updated.nationality).toBe('JP');
    expect(updated.updatedAt).toBe(client.updatedAt);
    expect(updateClient(client, {}, 99).updatedAt).toBe(99);
    expect(client.passport).toBeDefined();
  });
});

describe('validateAssignment', () => {
  const me = '00000000-0000-4000-8000-0000000000aa';
  const other = '00000000-0000-4000-8000-0000000000bb';
  it('takes a status and a de-duplicated list of staff ids', () => {
    expect(validateAssignment({ status: 'active', assignedStaffIds: [me, other, me.toUpperCase()] })).toEqual(
      {
        ok: true,
        value: { status: 'active', assignedStaffIds: [me, other] },
      },
    );
    expect(validateAssignment({ status: 'archived' })).toEqual({
      ok: true,
      value: { status: 'archived', assignedStaffIds: [] },
    });
  });
  it('refuses unknown statuses, malformed ids, and dropping oneself when one must stay', () => {
    const result = validateAssignment(
      { status: 'gone', assignedStaffIds: [other, 'nobody'] },
      { keepAssigned: me },
    );
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'status', code: 'unknown-option' },
      { path: 'assignedStaffIds.1', code: 'invalid-format' },
      { path: 'assignedStaffIds', code: 'must-keep-self' },
    ]);
    expect(validateAssignment({ status: '' }).ok).toBe(false);
  });
});
