import { describe, expect, it } from 'vitest';
import { en } from './en';
import { CLIENT_FACING_SECTIONS, GLOSSARY, JARGON, STATUS_CODE_JARGON, type GlossaryTerm } from './glossary';
import { ja } from './ja';

/** Every text of a catalogue by its dotted key. */
function texts(
  catalogue: unknown,
  path: string[] = [],
  out = new Map<string, string>(),
): Map<string, string> {
  if (typeof catalogue === 'string') out.set(path.join('.'), catalogue);
  else if (catalogue && typeof catalogue === 'object') {
    for (const [key, value] of Object.entries(catalogue)) texts(value, [...path, key], out);
  }
  return out;
}

/** The words a person reads: interpolations ({{partner}}, {{time, datetime(…)}}) and the product's name are not. */
const words = (text: string) => text.replace(/\{\{[^}]*\}\}/g, ' ').replace(/Lumina Concierge/gi, ' ');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const excepted = (term: GlossaryTerm, key: string) =>
  Object.keys(term.except ?? {}).some((at) => (at.endsWith('.') ? key.startsWith(at) : key === at));

const english = texts(en);
const japanese = texts(ja);

describe('one vocabulary in two languages (glossary.ts)', () => {
  it.each(GLOSSARY.map((term) => [term.en, term] as const))(
    'a Japanese text whose English says “%s” uses its Japanese word',
    (_, term) => {
      const pattern = new RegExp(`\\b${escape(term.en)}s?\\b`, 'i');
      const astray = [...english]
        .filter(([key, text]) => pattern.test(words(text)) && !excepted(term, key))
        .filter(([key]) => !term.ja.some((word) => words(japanese.get(key) ?? '').includes(word)))
        .map(([key, text]) => `${key}: “${text}” → “${japanese.get(key)}”`);
      expect(astray).toEqual([]);
    },
  );

  it('no Japanese text uses an avoided word', () => {
    const found: string[] = [];
    for (const term of GLOSSARY) {
      for (const avoided of term.avoidJa ?? []) {
        for (const [key, text] of japanese) {
          if (words(text).includes(avoided) && !excepted(term, key))
            found.push(`${key}: ${avoided} (say ${term.ja[0]})`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('お客様 (addressing the client) only where the client reads the text', () => {
    const sections = Object.keys(CLIENT_FACING_SECTIONS);
    const found = [...japanese]
      .filter(([key, text]) => words(text).includes('お客様') && !sections.some((at) => key.startsWith(at)))
      .map(([key, text]) => `${key}: ${text}`);
    expect(found).toEqual([]);
  });

  it('no protocol or cryptography jargon in either language', () => {
    const found = [...english, ...japanese]
      .filter(([, text]) => JARGON.some((word) => words(text).includes(word)))
      .map(([key, text]) => `${key}: ${text}`);
    expect(found).toEqual([]);
  });

  it('no protocol status numbers ("code 403", "code {{status}}") in either language', () => {
    expect(STATUS_CODE_JARGON.test('the server refused it (code 403)')).toBe(true);
    expect(STATUS_CODE_JARGON.test('サーバーが拒否しました（コード {{status}}）')).toBe(true);
    expect(STATUS_CODE_JARGON.test('Recovery code: {{code}}')).toBe(false);
    const found = [...english, ...japanese]
      .filter(([, text]) => STATUS_CODE_JARGON.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(found).toEqual([]);
  });

  it('Japanese punctuation is full-width: （）, ：, no ASCII brackets or colons between words', () => {
    const found = [...japanese]
      .filter(([, text]) => /[()]|[^\d\s]:(?!\d)|:\s/.test(words(text).replace(/https?:\/\/\S+/g, '')))
      .map(([key, text]) => `${key}: ${text}`);
    expect(found).toEqual([]);
  });
});
