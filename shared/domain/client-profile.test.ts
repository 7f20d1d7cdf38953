import { describe, expect, it } from 'vitest';
import { canonicalLanguageTag, validateClientProfile } from './client';

const TODAY = '2026-04-01';

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
