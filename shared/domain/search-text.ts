/**
 * Text folding for search as you type: what a person types and what is stored are folded the same way, so that
 * `zoe` finds Zoë, `ｱﾒﾘｱ` and `あめりあ` find アメリア, and `ＡＢ１２` finds AB12.
 *
 * fold(text):
 *  1. NFKC: full-width Latin and digits become ASCII, half-width katakana become full-width (ｶﾞ → ガ);
 *  2. lower case;
 *  3. Latin diacritics removed (NFD, then the combining marks U+0300–U+036F dropped, then NFC, which recomposes
 *     the kana voicing marks that step left alone: ガ stays ガ, not カ);
 *  4. the Latin letters NFD does not decompose spelled out: ß → ss, æ → ae, œ → oe, ø → o, ł → l, đ/ð → d,
 *     þ → th, ı → i; curly apostrophes become ';
 *  5. katakana to hiragana (ア → あ), so either script finds the other;
 *  6. runs of white space to one space.
 *
 * Kanji are left as they are (step 1 maps compatibility ideographs to their unified forms on both sides, which
 * only helps matching).
 */

const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  '’': "'",
  '‘': "'",
  ʼ: "'",
};
const SPECIAL_LETTERS = /[ßæœøłđðþı’‘ʼ]/g;

/** Katakana letters and iteration marks to the hiragana ones (same order, 0x60 apart). */
function katakanaToHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6\u30fd\u30fe]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

export function foldForSearch(text: string): string {
  let folded = text.normalize('NFKC').toLowerCase();
  // Only text with non-ASCII characters needs the expensive steps.
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007f]/.test(folded)) {
    folded = folded
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC')
      .replace(SPECIAL_LETTERS, (c) => LETTERS[c] ?? c);
    folded = katakanaToHiragana(folded);
  }
  return folded.replace(/\s+/g, ' ');
}

/** Characters that separate words in names and e-mail addresses (besides white space). */
const WORD_SEPARATORS = /[\s\-'.,・()/_@+=]+/u;

/** The words of a folded text, for word-prefix ranking. */
export function wordsOf(folded: string): string[] {
  return folded.split(WORD_SEPARATORS).filter((word) => word.length > 0);
}

/** Letters and digits only (any script): `mary-jane o'neil` → `maryjaneoneil`, `x 1234-567` → `x1234567`. */
export function lettersAndDigits(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}]+/gu, '');
}
