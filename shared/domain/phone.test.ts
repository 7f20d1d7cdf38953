import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, isCountryCode } from './countries';
import { parsePhone, phoneSearchDigits } from './phone';

describe('parsePhone', () => {
  it('reads international numbers however they are spaced', () => {
    expect(parsePhone('+81 3-1234-5678')).toEqual({ ok: true, e164: '+81312345678' });
    expect(parsePhone('+1 (212) 555-0100')).toEqual({ ok: true, e164: '+12125550100' });
    expect(parsePhone(' 0081 90 1234 5678 ')).toEqual({ ok: true, e164: '+819012345678' });
  });

  it('reads national numbers only in a given country', () => {
    expect(parsePhone('03-1234-5678')).toEqual({ ok: false, code: 'phone-needs-country-code' });
    expect(parsePhone('03-1234-5678', 'JP')).toEqual({ ok: true, e164: '+81312345678' });
    // An international number keeps its own country whatever the default.
    expect(parsePhone('+44 20 7946 0018', 'JP')).toEqual({ ok: true, e164: '+442079460018' });
    // XK has no calling-code metadata of its own; a number then needs its code.
    expect(parsePhone('044 123 456', 'XK')).toEqual({ ok: false, code: 'phone-needs-country-code' });
  });

  it('refuses letters, wrong lengths and unknown calling codes', () => {
    for (const typed of [
      '+44 20',
      '+44 20 7946 0018 9999',
      '+999 1234567',
      'ext 12',
      '+',
      '',
      '+44 20 7946 OO18',
    ]) {
      expect(parsePhone(typed).ok, typed).toBe(false);
    }
  });
});

describe('phoneSearchDigits', () => {
  it('gives the full digits and the national significant number', () => {
    expect(phoneSearchDigits('+442079460018')).toEqual({ full: '442079460018', national: '2079460018' });
    expect(phoneSearchDigits('+12125550100')).toEqual({ full: '12125550100', national: '2125550100' });
  });

  it('agrees with libphonenumber on the national number of numbers from many countries', () => {
    const numbers = [
      '+390612345678',
      '+35312345678',
      '+97143123456',
      '+8613912345678',
      '+6561234567',
      '+2348031234567',
      '+12425551234',
      '+6834002',
      '+79123456789',
      '+5511912345678',
    ];
    for (const e164 of numbers) {
      const parsed = parsePhoneNumberFromString(e164);
      expect(parsed, e164).toBeDefined();
      expect(phoneSearchDigits(e164), e164).toEqual({
        full: e164.slice(1),
        national: parsed!.nationalNumber,
      });
    }
  });
});

describe('country codes', () => {
  it('are the 249 assigned ISO 3166-1 codes and XK, each a region the runtime can name', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(250);
    const names = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
    for (const code of COUNTRY_CODES) expect(names.of(code), code).toBeDefined();
    expect(isCountryCode('JP')).toBe(true);
    for (const code of ['UK', 'EU', 'ZZ', 'jp', 'JPN', '']) expect(isCountryCode(code), code).toBe(false);
  });
});
