import { describe, expect, it } from 'vitest';
import { catalogues } from './index';

/**
 * Every UI text key the renderer's code names exists in every catalogue (English and Japanese, and any language
 * added to `catalogues`). Read from the source as text, so it sees keys wherever they are written: in t('...'),
 * in tables of keys, in message modules. A key is a string literal whose first segment is one of the catalogues'
 * top-level namespaces ('sync.pending', 'clientRecord.errors.required'); a key built at run time from a template
 * literal (t(`trips.kind.${kind}`)) is checked as far as it is written: its namespace must hold such keys.
 */
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

type Tree = { [key: string]: string | Tree };

/** Every key of a catalogue, leaves and the namespaces above them. */
function keysOf(tree: Tree, prefix = '', out = new Map<string, 'leaf' | 'namespace'>()) {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, 'leaf');
    else {
      out.set(prefix + key, 'namespace');
      keysOf(value, `${prefix}${key}.`, out);
    }
  }
  return out;
}

/** i18next's plural forms: a key used with a count lives as `key_one`, `key_other`... */
const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'];
const KEY = /^[A-Za-z]\w*(?:\.\w+)+$/;

const languages = Object.entries(catalogues).map(([language, messages]) => ({
  language,
  keys: keysOf(messages as unknown as Tree),
}));
const namespaces = new Set(
  languages.flatMap(({ keys }) => [...keys.keys()].filter((key) => !key.includes('.'))),
);

interface Use {
  file: string;
  key: string;
  /** Built at run time: only the written prefix is known. */
  partial: boolean;
}

function usesIn(file: string, source: string): Use[] {
  const uses: Use[] = [];
  for (const match of source.matchAll(/(Prefix=)?(['"])((?:(?!\2)[^\\\n])+)\2/g)) {
    const key = match[3]!;
    // A form's errorPrefix names the namespace its error codes are looked up in: a group of keys, not one.
    const partial = match[1] !== undefined;
    if (KEY.test(key) && namespaces.has(key.split('.')[0]!)) uses.push({ file, key, partial });
  }
  for (const match of source.matchAll(/\bt\(\s*`([^`]*)`/g)) {
    const prefix = match[1]!.split('${')[0]!;
    const written = prefix.endsWith('.') ? prefix.slice(0, -1) : prefix;
    const complete = !match[1]!.includes('${');
    if (KEY.test(written) || namespaces.has(written)) uses.push({ file, key: written, partial: !complete });
  }
  return uses;
}

const uses = Object.entries(sources).flatMap(([file, source]) => usesIn(file, source));

function missingIn(keys: Map<string, 'leaf' | 'namespace'>, use: Use): boolean {
  if (use.partial) return keys.get(use.key) !== 'namespace';
  if (keys.get(use.key) === 'leaf') return false;
  return !PLURAL_SUFFIXES.some((suffix) => keys.get(`${use.key}_${suffix}`) === 'leaf');
}

describe('UI text keys used by the renderer', () => {
  it('finds the keys the code uses (the scan itself works)', () => {
    const found = new Set(uses.map((use) => use.key));
    expect(languages.map(({ language }) => language).sort()).toEqual(['en', 'ja']);
    expect(found).toContain('sync.pending');
    expect(found).toContain('clientRecord.heading');
    expect(uses).toContainEqual(expect.objectContaining({ key: 'trips.kind', partial: true }));
    expect(uses).toContainEqual(expect.objectContaining({ key: 'trips.problem', partial: true }));
    expect(uses.length).toBeGreaterThan(200);
  });

  it.each(languages)('$language has every key the renderer uses', ({ keys }) => {
    const missing = uses.filter((use) => missingIn(keys, use)).map((use) => `${use.file}: ${use.key}`);
    expect(missing).toEqual([]);
  });

  it('flags a key missing from a catalogue', () => {
    const keys = new Map<string, 'leaf' | 'namespace'>([
      ['sync', 'namespace'],
      ['sync.pending_one', 'leaf'],
      ['sync.pending_other', 'leaf'],
      ['sync.syncing', 'leaf'],
    ]);
    expect(missingIn(keys, { file: 'x', key: 'sync.pending', partial: false })).toBe(false);
    expect(missingIn(keys, { file: 'x', key: 'sync.syncing', partial: false })).toBe(false);
    expect(missingIn(keys, { file: 'x', key: 'sync.gone', partial: false })).toBe(true);
    expect(missingIn(keys, { file: 'x', key: 'sync', partial: true })).toBe(false);
    expect(missingIn(keys, { file: 'x', key: 'sync.cause', partial: true })).toBe(true);
  });
});
