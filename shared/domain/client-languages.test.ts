import { describe, expect, it } from 'vitest';
import { ALL_CLIENT_LANGUAGES, COMMON_CLIENT_LANGUAGES, languageChoices, movedUp } from './client-languages';
import { canonicalLanguageTag } from './client-profile';

const namesIn = (language: string) => {
  const names = new Intl.DisplayNames([language], { type: 'language' });
  return (code: string) => names.of(code);
};

describe('the client’s languages, picked by name', () => {
  it('offers only tags the record stores as they are', () => {
    for (const code of [...COMMON_CLIENT_LANGUAGES, ...ALL_CLIENT_LANGUAGES]) {
      expect(canonicalLanguageTag(code), code).toBe(code);
    }
    expect(new Set(ALL_CLIENT_LANGUAGES).size).toBe(ALL_CLIENT_LANGUAGES.length);
  });

  it('names the common languages first, in their order, then every other by name in the UI’s language', () => {
    const en = languageChoices('en', namesIn('en'));
    expect(en.common.slice(0, 3)).toEqual([
      { code: 'en', name: 'English' },
      { code: 'ja', name: 'Japanese' },
      { code: 'zh-Hans', name: 'Simplified Chinese' },
    ]);
    expect(en.all.map((choice) => choice.code)).not.toContain('ja');
    const names = en.all.map((choice) => choice.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('en').compare));
    expect(en.all.find((choice) => choice.code === 'sw')?.name).toBe('Swahili');
    const ja = languageChoices('ja', namesIn('ja'));
    expect(ja.common[0]).toEqual({ code: 'en', name: '英語' });
    expect(ja.common[1]).toEqual({ code: 'ja', name: '日本語' });
  });

  it('keeps a code the runtime cannot name', () => {
    expect(languageChoices('en', () => undefined).common[0]).toEqual({ code: 'en', name: 'en' });
  });

  it('moves a language one place toward the first', () => {
    expect(movedUp(['en', 'ja', 'fr'], 'fr')).toEqual(['en', 'fr', 'ja']);
    expect(movedUp(['en', 'ja'], 'en')).toEqual(['en', 'ja']);
    expect(movedUp(['en'], 'de')).toEqual(['en']);
  });
});
