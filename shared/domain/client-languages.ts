/**
 * The languages a client's record offers by name (issue 23: picked from a list, not typed as codes). Stored as
 * today: BCP 47 tags (shared/domain/client-profile.ts canonicalises them); the UI names them in its own language
 * through Intl.DisplayNames.
 */

/** The languages LUMINA's clients most often speak, offered first (the script and regional forms that matter). */
export const COMMON_CLIENT_LANGUAGES = [
  'en',
  'ja',
  'zh-Hans',
  'zh-Hant',
  'ko',
  'ar',
  'ru',
  'fr',
  'de',
  'es',
  'it',
  'pt',
  'th',
  'vi',
  'id',
  'hi',
] as const;

/** Every ISO 639-1 language (two-letter code; Tagalog as its canonical `fil`), for the rest of the list. */
export const ALL_CLIENT_LANGUAGES = (
  'aa ab af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en ' +
  'eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja ' +
  'jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb ' +
  'nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq ' +
  'sr ss st su sv sw ta te tg th ti tk fil tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

export interface LanguageChoice {
  code: string;
  name: string;
}

/**
 * The picker's two groups, named in `uiLanguage`: the common languages in their order, then every other language
 * sorted by name. `named` names a tag (Intl.DisplayNames in the renderer); a code it cannot name keeps the code.
 */
export function languageChoices(
  uiLanguage: string,
  named: (code: string) => string | undefined,
): { common: LanguageChoice[]; all: LanguageChoice[] } {
  const choice = (code: string) => ({ code, name: named(code) ?? code });
  const common = COMMON_CLIENT_LANGUAGES.map(choice);
  const taken = new Set<string>(COMMON_CLIENT_LANGUAGES);
  const collator = new Intl.Collator(uiLanguage);
  const all = ALL_CLIENT_LANGUAGES.filter((code) => !taken.has(code))
    .map(choice)
    .sort((a, b) => collator.compare(a.name, b.name));
  return { common, all };
}

/** A list with `code` moved one place up (toward first, most preferred). */
export function movedUp(list: readonly string[], code: string): string[] {
  const at = list.indexOf(code);
  if (at <= 0) return [...list];
  const next = [...list];
  [next[at - 1], next[at]] = [next[at]!, next[at - 1]!];
  return next;
}
