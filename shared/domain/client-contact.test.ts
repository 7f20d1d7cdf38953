import { describe, expect, it } from 'vitest';
import { validateContact, validateEmergencyContacts } from './client';

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
