import {
  CLIENT_NAME_MAX_LENGTH,
  DATE_OF_BIRTH_MIN,
  LANGUAGE_TAG_MAX_LENGTH,
  LANGUAGE_TAG_PATTERN,
  LANGUAGES_MAX,
  type Client,
} from './client-schema';
import { countryField } from './client-fields';
import {
  calendarDateField,
  compact,
  FieldErrors,
  textField,
  tidyLine,
  type ValidationResult,
} from './validation';

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
