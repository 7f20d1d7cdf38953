import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type Sodium } from './index';
import { parseRecoveryCode, recoveryCodeGroups } from './recovery-code';

let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

const keyOf = (seed: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + seed) & 255);

describe('recovery code', () => {
  it('prints 11 groups of five characters from an alphabet without I, L, O, U or punctuation', () => {
    const groups = recoveryCodeGroups(sodium, keyOf(1));
    expect(groups).toHaveLength(11);
    expect(groups.join('')).toMatch(/^[0-9A-HJKMNP-TV-Z]{55}$/);
  });

  it('reads back the same key, whatever the case, spacing and hyphens', () => {
    for (let seed = 0; seed < 50; seed++) {
      const key = keyOf(seed);
      const groups = recoveryCodeGroups(sodium, key);
      for (const typed of [groups.join(' '), groups.join('-').toLowerCase(), ` ${groups.join('')} `]) {
        const parsed = parseRecoveryCode(sodium, typed);
        expect(parsed).toEqual({ ok: true, key });
      }
    }
  });

  it('reads O as zero and I or L as one, as people write them', () => {
    const key = keyOf(7);
    const code = recoveryCodeGroups(sodium, key).join('');
    const misread = code.replace(/0/g, 'O').replace(/1/g, (_, i: number) => (i % 2 ? 'I' : 'l'));
    expect(parseRecoveryCode(sodium, misread)).toEqual({ ok: true, key });
  });

  it('catches every single miscopied character with the checksum', () => {
    const key = keyOf(3);
    const code = recoveryCodeGroups(sodium, key).join('');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < code.length; i++) {
      const other = alphabet[(alphabet.indexOf(code[i]!) + 1 + (i % 30)) % 32]!;
      const parsed = parseRecoveryCode(sodium, code.slice(0, i) + other + code.slice(i + 1));
      tried++;
      if (!parsed.ok) caught++;
    }
    expect(caught).toBe(tried);
  });

  it('refuses a wrong length and characters outside the alphabet, with the reason', () => {
    const code = recoveryCodeGroups(sodium, keyOf(5)).join('');
    expect(parseRecoveryCode(sodium, code.slice(1))).toEqual({ ok: false, problem: 'length' });
    expect(parseRecoveryCode(sodium, `${code.slice(1)}U`)).toEqual({ ok: false, problem: 'character' });
    expect(parseRecoveryCode(sodium, '')).toEqual({ ok: false, problem: 'length' });
  });
});
