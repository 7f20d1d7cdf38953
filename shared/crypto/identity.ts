import { asciiBytes, checkBytes, checkText, fixedBytes, frame, toBase64Url } from './encoding';
import {
  openUnderPassphrase,
  rewrapPassphraseSealed,
  sealUnderPassphrase,
  type KdfParams,
  type PassphraseSealed,
} from './passphrase-kdf';
import { CryptoError, type Sodium } from './sodium';

/** A staff member's key pairs: X25519 to receive wrapped keys, Ed25519 to sign the wraps they grant. */
export interface StaffIdentity {
  staffId: string;
  boxPublicKey: Uint8Array;
  boxSecretKey: Uint8Array;
  signPublicKey: Uint8Array;
  /** libsodium's 64-byte form: seed | public key. */
  signSecretKey: Uint8Array;
}

/** Public keys in clear, private keys sealed under the staff member's passphrase: what the server stores. */
export interface SealedIdentityBundle {
  v: 1;
  staffId: string;
  /** base64url, 32 bytes. */
  boxPublicKey: string;
  /** base64url, 32 bytes. */
  signPublicKey: string;
  /** X25519 secret key (32 bytes) | Ed25519 seed (32 bytes), purpose identityPurpose(...). */
  sealedPrivateKeys: PassphraseSealed;
}

export const IDENTITY_BUNDLE_VERSION = 1;
const PUBLIC_KEY_BYTES = 32;
const SEED_BYTES = 32;

export function generateIdentity(sodium: Sodium, staffId: string): StaffIdentity {
  checkText(staffId, 'staffId', 'invalid-input');
  const box = sodium.crypto_box_keypair();
  const sign = sodium.crypto_sign_keypair();
  return {
    staffId,
    boxPublicKey: box.publicKey,
    boxSecretKey: box.privateKey,
    signPublicKey: sign.publicKey,
    signSecretKey: sign.privateKey,
  };
}

/**
 * The passphrase-sealed purpose of a bundle's private keys: binds staff id and both public keys, so private keys
 * cannot be moved to another staff member's bundle, nor the public keys beside them swapped.
 */
function identityPurpose(
  sodium: Sodium,
  staffId: string,
  boxPublicKey: Uint8Array,
  signPublicKey: Uint8Array,
) {
  return JSON.stringify([
    'lumina.identity.v1',
    staffId,
    toBase64Url(boxPublicKey),
    toBase64Url(signPublicKey),
  ]);
}

/** Seals the private keys under `passphrase` (one Argon2id derivation). `params` defaults to newKdfParams(). */
export function sealIdentity(
  sodium: Sodium,
  identity: StaffIdentity,
  passphrase: string,
  params?: KdfParams,
): SealedIdentityBundle {
  checkText(identity.staffId, 'staffId', 'invalid-input');
  checkBytes(identity.boxPublicKey, PUBLIC_KEY_BYTES, 'boxPublicKey');
  checkBytes(identity.boxSecretKey, 32, 'boxSecretKey');
  checkBytes(identity.signPublicKey, PUBLIC_KEY_BYTES, 'signPublicKey');
  checkBytes(identity.signSecretKey, 64, 'signSecretKey');
  const secret = new Uint8Array(32 + SEED_BYTES);
  const seed = sodium.crypto_sign_ed25519_sk_to_seed(identity.signSecretKey);
  secret.set(identity.boxSecretKey, 0);
  secret.set(seed, 32);
  sodium.memzero(seed);
  try {
    checkKeysMatch(sodium, secret, identity.boxPublicKey, identity.signPublicKey, 'invalid-input');
    return {
      v: IDENTITY_BUNDLE_VERSION,
      staffId: identity.staffId,
      boxPublicKey: toBase64Url(identity.boxPublicKey),
      signPublicKey: toBase64Url(identity.signPublicKey),
      sealedPrivateKeys: sealUnderPassphrase(
        sodium,
        passphrase,
        secret,
        params,
        identityPurpose(sodium, identity.staffId, identity.boxPublicKey, identity.signPublicKey),
      ),
    };
  } finally {
    sodium.memzero(secret);
  }
}

/** The bundle's public part, checked: what a key directory holds for this staff member. */
export function bundlePublicKeys(
  sodium: Sodium,
  bundle: SealedIdentityBundle,
): { staffId: string; boxPublicKey: Uint8Array; signPublicKey: Uint8Array } {
  if (typeof bundle !== 'object' || bundle === null) {
    throw new CryptoError('malformed', 'not an identity bundle');
  }
  if (bundle.v !== IDENTITY_BUNDLE_VERSION) {
    throw new CryptoError(
      'unsupported-version',
      `identity bundle version ${String(bundle.v)} is not supported`,
    );
  }
  return {
    staffId: checkText(bundle.staffId, 'staffId', 'malformed'),
    boxPublicKey: fixedBytes(bundle.boxPublicKey, PUBLIC_KEY_BYTES, 'boxPublicKey'),
    signPublicKey: fixedBytes(bundle.signPublicKey, PUBLIC_KEY_BYTES, 'signPublicKey'),
  };
}

/**
 * Opens a bundle with the staff member's passphrase (one Argon2id derivation) and checks that the private keys
 * produce the public keys beside them. 'wrong-key' for a wrong passphrase or altered bundle, 'kdf-too-weak' for
 * parameters edited below the floor.
 */
export function openIdentity(
  sodium: Sodium,
  bundle: SealedIdentityBundle,
  passphrase: string,
): StaffIdentity {
  const { staffId, boxPublicKey, signPublicKey } = bundlePublicKeys(sodium, bundle);
  const secret = openUnderPassphrase(
    sodium,
    passphrase,
    bundle.sealedPrivateKeys,
    identityPurpose(sodium, staffId, boxPublicKey, signPublicKey),
  );
  try {
    if (secret.length !== 32 + SEED_BYTES) {
      throw new CryptoError('malformed', 'sealed private keys are malformed');
    }
    checkKeysMatch(sodium, secret, boxPublicKey, signPublicKey, 'tampered');
    const sign = sodium.crypto_sign_seed_keypair(secret.subarray(32));
    return {
      staffId,
      boxPublicKey,
      boxSecretKey: secret.slice(0, 32),
      signPublicKey,
      signSecretKey: sign.privateKey,
    };
  } finally {
    sodium.memzero(secret);
  }
}

/** Re-seals the same private keys under a new passphrase (two Argon2id derivations); public keys unchanged. */
export function changeIdentityPassphrase(
  sodium: Sodium,
  bundle: SealedIdentityBundle,
  oldPassphrase: string,
  newPassphrase: string,
): SealedIdentityBundle {
  const { staffId, boxPublicKey, signPublicKey } = bundlePublicKeys(sodium, bundle);
  return {
    ...bundle,
    sealedPrivateKeys: rewrapPassphraseSealed(
      sodium,
      oldPassphrase,
      newPassphrase,
      bundle.sealedPrivateKeys,
      identityPurpose(sodium, staffId, boxPublicKey, signPublicKey),
    ),
  };
}

function checkKeysMatch(
  sodium: Sodium,
  secret: Uint8Array,
  boxPublicKey: Uint8Array,
  signPublicKey: Uint8Array,
  code: 'invalid-input' | 'tampered',
): void {
  const derivedBox = sodium.crypto_scalarmult_base(secret.subarray(0, 32));
  const derivedSign = sodium.crypto_sign_seed_keypair(secret.subarray(32));
  const match =
    sodium.memcmp(derivedBox, boxPublicKey) && sodium.memcmp(derivedSign.publicKey, signPublicKey);
  sodium.memzero(derivedSign.privateKey);
  if (!match) throw new CryptoError(code, 'the private keys do not match the public keys');
}

/** Zeroes both private keys in place; the identity is unusable afterwards. */
export function wipeIdentity(sodium: Sodium, identity: StaffIdentity): void {
  sodium.memzero(identity.boxSecretKey);
  sodium.memzero(identity.signSecretKey);
}

const FINGERPRINT_LABEL = asciiBytes('lumina.fingerprint.v1');

/**
 * What two people compare aloud to check a staff member's public keys: BLAKE2b-320 (crypto_generichash) of
 * F("lumina.fingerprint.v1", boxPublicKey, signPublicKey), read as 8 groups of 5 decimal digits (each group is
 * a 40-bit big-endian chunk mod 100000), e.g. "03125 88412 ...". About 133 bits.
 */
export function fingerprint(sodium: Sodium, boxPublicKey: Uint8Array, signPublicKey: Uint8Array): string {
  checkBytes(boxPublicKey, PUBLIC_KEY_BYTES, 'boxPublicKey');
  checkBytes(signPublicKey, PUBLIC_KEY_BYTES, 'signPublicKey');
  const hash = sodium.crypto_generichash(40, frame([FINGERPRINT_LABEL, boxPublicKey, signPublicKey]), null);
  const groups: string[] = [];
  for (let group = 0; group < 8; group++) {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + hash[group * 5 + i]!;
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}
