import { describe, expect, it } from 'vitest';
import { validatePassphraseChange } from './passphrase-change';

describe('a passphrase change', () => {
  const draft = {
    current: 'the old one is here',
    passphrase: 'a new long one',
    confirmation: 'a new long one',
  };

  it('is taken when the current one is given and the new one is strong and typed twice alike', () => {
    expect(validatePassphraseChange(draft, true)).toEqual({
      ok: true,
      value: { current: draft.current, passphrase: draft.passphrase },
    });
  });

  it('asks for the current one, a strong new one (not while measuring), and the same twice', () => {
    const result = validatePassphraseChange({ current: '', passphrase: 'x', confirmation: 'y' }, undefined);
    expect(result.ok ? [] : result.errors.map((error) => [error.path, error.code])).toEqual([
      ['current', 'required'],
      ['passphrase', 'too-weak'],
      ['confirmation', 'mismatch'],
    ]);
    expect(validatePassphraseChange(draft, false).ok).toBe(false);
  });
});
