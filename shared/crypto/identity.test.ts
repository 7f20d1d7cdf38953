import { describe, expect, it } from 'vitest';
import {
  bundlePublicKeys,
  fingerprint,
  generateIdentity,
  openIdentity,
  sealIdentity,
  wipeIdentity,
  type SealedIdentityBundle,
} from './identity';
import { KDF_FLOOR, newKdfParams } from './passphrase-kdf';
import { loadSodium } from './sodium';
import { thrown } from '../../tests/support/crypto-errors';

// Three Argon2id derivations in this file.

const sodium = await loadSodium();

describe('generateIdentity', () => {
  it('makes X25519 and Ed25519 key pairs that work together', () => {
    const identity = generateIdentity(sodium, 'staff-aiko');
    expect(identity.staffId).toBe('staff-aiko');
    expect(identity.boxPublicKey).toHaveLength(32);
    expect(identity.boxSecretKey).toHaveLength(32);
    expect(identity.signPublicKey).toHaveLength(32);
    expect(identity.signSecretKey).toHaveLength(64);
    expect(sodium.crypto_scalarmult_base(identity.boxSecretKey)).toEqual(identity.boxPublicKey);
    const signature = sodium.crypto_sign_detached('hello', identity.signSecretKey);
    expect(sodium.crypto_sign_verify_detached(signature, 'hello', identity.signPublicKey)).toBe(true);
    expect(generateIdentity(sodium, 'staff-aiko').boxPublicKey).not.toEqual(identity.boxPublicKey);
  });

  it('refuses an empty staff id', () => {
    expect(thrown(() => generateIdentity(sodium, '')).code).toBe('invalid-input');
  });
});

describe('fingerprint', () => {
  const box = sodium.crypto_box_seed_keypair(new Uint8Array(32).fill(7)).publicKey;
  const sign = sodium.crypto_sign_seed_keypair(new Uint8Array(32).fill(9)).publicKey;

  it('is 8 groups of 5 digits, deterministic, and changes with either key', () => {
    const value = fingerprint(sodium, box, sign);
    expect(value).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(fingerprint(sodium, box.slice(), sign.slice())).toBe(value);
    const otherBox = box.slice();
    otherBox[0]! ^= 1;
    expect(fingerprint(sodium, otherBox, sign)).not.toBe(value);
    expect(fingerprint(sodium, sign, box)).not.toBe(value);
  });

  it('refuses keys of the wrong length', () => {
    expect(thrown(() => fingerprint(sodium, box.subarray(1), sign)).code).toBe('invalid-input');
  });
});

describe('sealed identity bundles', () => {
  const identity = generateIdentity(sodium, 'staff-aiko');
  const passphrase = 'さくら sakura 2026';
  const bundle = sealIdentity(sodium, identity, passphrase, newKdfParams(sodium, KDF_FLOOR));

  it('keep public keys in clear and nothing private in clear', () => {
    const json = JSON.stringify(bundle);
    expect(bundle.staffId).toBe('staff-aiko');
    expect(bundlePublicKeys(sodium, bundle)).toEqual({
      staffId: 'staff-aiko',
      boxPublicKey: identity.boxPublicKey,
      signPublicKey: identity.signPublicKey,
    });
    const b64 = (bytes: Uint8Array) => sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
    expect(json).not.toContain(b64(identity.boxSecretKey));
    expect(json).not.toContain(b64(identity.signSecretKey.subarray(0, 32)));
    expect(json).not.toContain(sodium.to_hex(identity.boxSecretKey));
  });

  it('open with the passphrase to the same identity (1 derivation)', () => {
    const opened = openIdentity(
      sodium,
      JSON.parse(JSON.stringify(bundle)) as SealedIdentityBundle,
      passphrase,
    );
    expect(opened).toEqual(identity);
  });

  it('refuse a bundle whose public key was swapped for another (1 derivation)', () => {
    const attacker = generateIdentity(sodium, 'staff-mallory');
    const swapped = {
      ...bundle,
      boxPublicKey: sodium.to_base64(attacker.boxPublicKey, sodium.base64_variants.URLSAFE_NO_PADDING),
    };
    expect(thrown(() => openIdentity(sodium, swapped, passphrase)).code).toBe('wrong-key');
  });

  it('refuse parameters edited below the floor and unknown versions, without deriving', () => {
    const weak = {
      ...bundle,
      sealedPrivateKeys: {
        ...bundle.sealedPrivateKeys,
        kdf: { ...bundle.sealedPrivateKeys.kdf, opsLimit: 1 },
      },
    };
    expect(thrown(() => openIdentity(sodium, weak, passphrase)).code).toBe('kdf-too-weak');
    expect(thrown(() => openIdentity(sodium, { ...bundle, v: 2 as 1 }, passphrase)).code).toBe(
      'unsupported-version',
    );
    expect(thrown(() => openIdentity(sodium, { ...bundle, signPublicKey: 'AAAA' }, passphrase)).code).toBe(
      'malformed',
    );
  });

  it('wipeIdentity zeroes both private keys', () => {
    const copy = generateIdentity(sodium, 'staff-temp');
    wipeIdentity(sodium, copy);
    expect(copy.boxSecretKey.every((b) => b === 0)).toBe(true);
    expect(copy.signSecretKey.every((b) => b === 0)).toBe(true);
  });
});
