import { describe, expect, it } from 'vitest';
import { en } from './en';
import { catalogues, initialLanguage } from './index';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('UI catalogues', () => {
  const english = leaves(en as Tree);

  it.each(Object.entries(catalogues))(
    '%s has every English key, non-empty, with the same placeholders',
    (_, messages) => {
      const other = leaves(messages as Tree);
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of other) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(english.get(key)!));
      }
    },
  );
});

describe('initialLanguage', () => {
  it('prefers the saved choice, then the system languages, then English', () => {
    expect(initialLanguage('ja', ['en-US'])).toBe('ja');
    expect(initialLanguage(null, ['fr-FR', 'ja-JP'])).toBe('ja');
    expect(initialLanguage('klingon', ['fr-FR'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });
});
