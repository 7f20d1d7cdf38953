import { describe, expect, it, vi } from 'vitest';
import {
  deriveKey,
  KDF_DEFAULT,
  KDF_FLOOR,
  newKdfParams,
  openUnderPassphrase,
  rewrapPassphraseSealed,
  sealUnderPassphrase,
  type KdfParams,
  type PassphraseSealed,
} from './passphrase-kdf';
import { loadSodium } from './sodium';
import { thrown } from '../../tests/support/crypto-errors';

// Argon2id at the floor costs ~0.3-0.5 s per derivation: this file runs seven. Refusals happen before deriving.

const sodium = await loadSodium();

const floor = (): KdfParams => newKdfParams(sodium, KDF_FLOOR);
const vaultKey = sodium.from_hex('a5'.repeat(32));
const passphrase = '東京 tower at dawn, 2026!';

describe('KDF parameters', () => {
  it('default to Argon2id, opsLimit 3, 64 MiB, and a fresh 16-byte salt', () => {
    const a = newKdfParams(sodium);
    const b = newKdfParams(sodium);
    expect(a).toMatchObject({ alg: 'argon2id13', opsLimit: 3, memLimitBytes: 64 * 1024 * 1024 });
    expect(KDF_DEFAULT).toEqual({ opsLimit: 3, memLimitBytes: 67108864 });
    expect(KDF_FLOOR).toEqual({ opsLimit: 2, memLimitBytes: 67108864 });
    expect(sodium.from_base64(a.salt, sodium.base64_variants.URLSAFE_NO_PADDING)).toHaveLength(16);
    expect(a.salt).not.toBe(b.salt);
  });

  it('below the floor, or not Argon2id, are refused as kdf-too-weak before any derivation', () => {
    const params = floor();
    const weak: unknown[] = [
      { ...params, opsLimit: 1 },
      { ...params, memLimitBytes: 32 * 1024 * 1024 },
      { ...params, memLimitBytes: 64 * 1024 * 1024 - 1024 },
      { ...params, alg: 'argon2i13' },
      { ...params, alg: 'scrypt' },
    ];
    // Refused before any derivation: Argon2id is never called (a count, not a stopwatch).
    const argon2 = vi.spyOn(sodium, 'crypto_pwhash');
    try {
      for (const candidate of weak) {
        expect(thrown(() => deriveKey(sodium, passphrase, candidate as KdfParams)).code).toBe('kdf-too-weak');
      }
      expect(argon2).not.toHaveBeenCalled();
    } finally {
      argon2.mockRestore();
    }
    expect(thrown(() => newKdfParams(sodium, { opsLimit: 1 })).code).toBe('kdf-too-weak');
    expect(thrown(() => newKdfParams(sodium, { memLimitBytes: 32 * 1024 * 1024 })).code).toBe('kdf-too-weak');
  });

  it('above the ceiling or with a bad salt are refused as malformed', () => {
    const params = floor();
    for (const candidate of [
      { ...params, opsLimit: 17 },
      { ...params, memLimitBytes: 2 * 1024 * 1024 * 1024 },
      { ...params, opsLimit: 2.5 },
      { ...params, salt: 'AAAA' },
      { ...params, salt: 'not base64!' },
    ]) {
      expect(thrown(() => deriveKey(sodium, passphrase, candidate)).code).toBe('malformed');
    }
  });
});

describe('passphrase-sealed secrets', () => {
  // 1 derivation.
  const sealed = sealUnderPassphrase(sodium, passphrase, vaultKey, floor(), 'device-vault-key');

  it('are plain JSON with the parameters beside the envelope (1 derivation)', () => {
    const copy = JSON.parse(JSON.stringify(sealed)) as PassphraseSealed;
    expect(copy).toEqual(sealed);
    expect(copy.v).toBe(1);
    expect(copy.kdf).toMatchObject({ alg: 'argon2id13', opsLimit: 2, memLimitBytes: 67108864 });
    expect(copy.envelope).toMatch(/^1\.pw[0-9a-f]{14}\.[A-Za-z0-9_-]+$/);
    expect(sodium.to_hex(openUnderPassphrase(sodium, passphrase, copy, 'device-vault-key'))).toBe(
      'a5'.repeat(32),
    );
  });

  it('refuses stored parameters edited below the floor, without deriving', () => {
    for (const kdf of [
      { ...sealed.kdf, opsLimit: 1 },
      { ...sealed.kdf, memLimitBytes: 32 * 1024 * 1024 },
      { ...sealed.kdf, alg: 'argon2i13' },
    ]) {
      const edited = { ...sealed, kdf } as PassphraseSealed;
      expect(thrown(() => openUnderPassphrase(sodium, passphrase, edited, 'device-vault-key')).code).toBe(
        'kdf-too-weak',
      );
    }
  });

  it('refuses an edited salt or a swapped envelope as tampered, without deriving', () => {
    const otherSalt = { ...sealed, kdf: { ...sealed.kdf, salt: floor().salt } };
    expect(thrown(() => openUnderPassphrase(sodium, passphrase, otherSalt, 'device-vault-key')).code).toBe(
      'tampered',
    );
  });

  it('refuses unknown versions and garbage', () => {
    expect(thrown(() => openUnderPassphrase(sodium, passphrase, { ...sealed, v: 2 as 1 })).code).toBe(
      'unsupported-version',
    );
    expect(
      thrown(() => openUnderPassphrase(sodium, passphrase, null as unknown as PassphraseSealed)).code,
    ).toBe('malformed');
    expect(
      thrown(() => openUnderPassphrase(sodium, passphrase, { ...sealed, envelope: '1.x.AAAA' })).code,
    ).toBe('malformed');
  });

  it('open only for the purpose they were sealed for (1 derivation)', () => {
    expect(thrown(() => openUnderPassphrase(sodium, passphrase, sealed, 'staff-identity')).code).toBe(
      'wrong-key',
    );
  });

  it('re-wrap under a new passphrase: same secret, fresh salt, cost raised to the default (4 derivations)', () => {
    const rewrapped = rewrapPassphraseSealed(
      sodium,
      passphrase,
      'a new passphrase',
      sealed,
      'device-vault-key',
    );
    expect(rewrapped.kdf.salt).not.toBe(sealed.kdf.salt);
    expect(rewrapped.kdf).toMatchObject({ opsLimit: 3, memLimitBytes: 67108864 });
    expect(
      sodium.to_hex(openUnderPassphrase(sodium, 'a new passphrase', rewrapped, 'device-vault-key')),
    ).toBe('a5'.repeat(32));
    const error = thrown(() => openUnderPassphrase(sodium, passphrase, rewrapped, 'device-vault-key'));
    expect(error.code).toBe('wrong-key');
    expect(error.message).not.toContain(passphrase);
  });

  it('refuse an empty passphrase', () => {
    expect(thrown(() => sealUnderPassphrase(sodium, '', vaultKey, floor())).code).toBe('invalid-input');
  });
});
