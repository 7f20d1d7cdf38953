import { asciiBytes, checkKeyId, checkText, fixedBytes, frame, randomBytes, toBase64Url } from './encoding';
import {
  KEY_BYTES,
  NONCE_BYTES,
  openEnvelope,
  parseEnvelope,
  sealEnvelope,
  versionAndKeyId,
  type SymmetricKey,
} from './envelope';
import { CryptoError, type Sodium } from './sodium';

/** Argon2id parameters, stored beside what they protect so another device can derive the same key. */
export interface KdfParams {
  alg: 'argon2id13';
  opsLimit: number;
  memLimitBytes: number;
  /** 16 random bytes, base64url without padding. */
  salt: string;
}

export interface KdfCost {
  opsLimit: number;
  memLimitBytes: number;
}

const MiB = 1024 * 1024;

/** The enforced minimum (libsodium's INTERACTIVE level). Anything below is refused as a downgrade. */
export const KDF_FLOOR: Readonly<KdfCost> = Object.freeze({ opsLimit: 2, memLimitBytes: 64 * MiB });
/** What new secrets are sealed with: RFC 9106's second recommended option (t=3, m=64 MiB), on one lane. */
export const KDF_DEFAULT: Readonly<KdfCost> = Object.freeze({ opsLimit: 3, memLimitBytes: 64 * MiB });
/** The most a stored parameter set may ask for: a record edited upwards must not hang or exhaust the device. */
export const KDF_CEILING: Readonly<KdfCost> = Object.freeze({ opsLimit: 16, memLimitBytes: 1024 * MiB });

export const KDF_SALT_BYTES = 16;

/** Fresh parameters with a random salt, at KDF_DEFAULT unless overridden (never below KDF_FLOOR). */
export function newKdfParams(sodium: Sodium, overrides?: Partial<KdfCost>): KdfParams {
  return checkKdfParams({
    alg: 'argon2id13',
    opsLimit: overrides?.opsLimit ?? KDF_DEFAULT.opsLimit,
    memLimitBytes: overrides?.memLimitBytes ?? KDF_DEFAULT.memLimitBytes,
    salt: toBase64Url(sodium.randombytes_buf(KDF_SALT_BYTES)),
  });
}

/**
 * Checks parameters that may come from storage: 'kdf-too-weak' for anything but Argon2id or below KDF_FLOOR,
 * 'malformed' for anything else unusable (above KDF_CEILING, bad salt). Returns a clean copy.
 */
export function checkKdfParams(params: unknown): KdfParams {
  if (typeof params !== 'object' || params === null) {
    throw new CryptoError('malformed', 'KDF parameters missing');
  }
  const { alg, opsLimit, memLimitBytes, salt } = params as Record<string, unknown>;
  if (alg !== 'argon2id13') throw new CryptoError('kdf-too-weak', 'only Argon2id (argon2id13) is accepted');
  if (!Number.isSafeInteger(opsLimit) || !Number.isSafeInteger(memLimitBytes)) {
    throw new CryptoError('malformed', 'KDF limits must be integers');
  }
  const ops = opsLimit as number;
  const mem = memLimitBytes as number;
  if (ops < KDF_FLOOR.opsLimit || mem < KDF_FLOOR.memLimitBytes) {
    throw new CryptoError(
      'kdf-too-weak',
      `KDF cost below the floor (opsLimit >= ${KDF_FLOOR.opsLimit}, memLimitBytes >= ${KDF_FLOOR.memLimitBytes})`,
    );
  }
  if (ops > KDF_CEILING.opsLimit || mem > KDF_CEILING.memLimitBytes) {
    throw new CryptoError('malformed', 'KDF cost above the ceiling this app accepts');
  }
  fixedBytes(salt, KDF_SALT_BYTES, 'the KDF salt');
  return { alg: 'argon2id13', opsLimit: ops, memLimitBytes: mem, salt: salt as string };
}

/** The default key id of a passphrase-derived key: public, from the salt only, so it tells nothing of the key. */
function saltKeyId(sodium: Sodium, salt: Uint8Array): string {
  return 'pw' + sodium.to_hex(sodium.crypto_generichash(16, salt, null).subarray(0, 7));
}

/**
 * Argon2id (crypto_pwhash, argon2id13) of the passphrase, NFC-normalised so that the same passphrase typed on
 * different systems gives the same key. Refuses parameters below the floor ('kdf-too-weak') before any work.
 * The key id defaults to one derived from the salt.
 */
export function deriveKey(
  sodium: Sodium,
  passphrase: string,
  params: KdfParams,
  keyId?: string,
): SymmetricKey {
  const checked = checkKdfParams(params);
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new CryptoError('invalid-input', 'the passphrase is empty');
  }
  if (keyId !== undefined) checkKeyId(keyId, 'invalid-input');
  const salt = fixedBytes(checked.salt, KDF_SALT_BYTES, 'the KDF salt');
  const password = sodium.from_string(passphrase.normalize('NFC'));
  try {
    return {
      id: keyId ?? saltKeyId(sodium, salt),
      bytes: sodium.crypto_pwhash(
        KEY_BYTES,
        password,
        salt,
        checked.opsLimit,
        checked.memLimitBytes,
        sodium.crypto_pwhash_ALG_ARGON2ID13,
      ),
    };
  } finally {
    sodium.memzero(password);
  }
}

export const PASSPHRASE_SEALED_VERSION = 1;

/** A secret sealed under a passphrase; plain JSON, safe to store on the server. */
export interface PassphraseSealed {
  v: 1;
  kdf: KdfParams;
  /** "1.<key id>.<base64url(nonce | ciphertext and tag)>", the field-envelope layout. */
  envelope: string;
}

/** What a passphrase-sealed secret is for, bound into its associated data; openers must name the same purpose. */
export const DEFAULT_PASSPHRASE_PURPOSE = 'secret';

const PASSPHRASE_LABEL = asciiBytes('lumina.passphrase-sealed.v1');

/** AD = F(label, version, key id, [v], alg, decimal opsLimit, decimal memLimitBytes, salt bytes, purpose). */
function passphraseAssociatedData(
  sodium: Sodium,
  keyId: string,
  kdf: KdfParams,
  purpose: string,
): Uint8Array {
  return frame([
    PASSPHRASE_LABEL,
    ...versionAndKeyId(keyId),
    Uint8Array.of(PASSPHRASE_SEALED_VERSION),
    asciiBytes(kdf.alg),
    asciiBytes(String(kdf.opsLimit)),
    asciiBytes(String(kdf.memLimitBytes)),
    fixedBytes(kdf.salt, KDF_SALT_BYTES, 'the KDF salt'),
    sodium.from_string(checkText(purpose, 'purpose', 'invalid-input')),
  ]);
}

/**
 * Seals `secret` (a vault key, private keys) under a key derived from `passphrase`. `params` defaults to fresh
 * newKdfParams(); pass your own only with a fresh salt. Costs one Argon2id derivation.
 */
export function sealUnderPassphrase(
  sodium: Sodium,
  passphrase: string,
  secret: Uint8Array,
  params?: KdfParams,
  purpose: string = DEFAULT_PASSPHRASE_PURPOSE,
): PassphraseSealed {
  return sealUnderPassphraseWithNonce(
    sodium,
    passphrase,
    secret,
    params ?? newKdfParams(sodium),
    purpose,
    randomBytes(sodium, NONCE_BYTES),
  );
}

/**
 * Test-only, for the known-answer vectors: sealUnderPassphrase with a chosen nonce. Not exported from index.ts.
 * @internal
 */
export function sealUnderPassphraseWithNonce(
  sodium: Sodium,
  passphrase: string,
  secret: Uint8Array,
  params: KdfParams,
  purpose: string,
  nonce: Uint8Array,
): PassphraseSealed {
  if (!(secret instanceof Uint8Array)) throw new CryptoError('invalid-input', 'the secret must be bytes');
  checkText(purpose, 'purpose', 'invalid-input');
  const kdf = checkKdfParams(params);
  const key = deriveKey(sodium, passphrase, kdf);
  try {
    const envelope = sealEnvelope(
      sodium,
      key,
      secret,
      passphraseAssociatedData(sodium, key.id, kdf, purpose),
      nonce,
    );
    return { v: PASSPHRASE_SEALED_VERSION, kdf, envelope };
  } finally {
    sodium.memzero(key.bytes);
  }
}

/**
 * Opens a passphrase-sealed secret. Checks the stored parameters first, so a record edited below the floor is
 * refused ('kdf-too-weak') without deriving anything. 'wrong-key' when authentication fails: a wrong passphrase
 * and an altered record look the same. Costs one Argon2id derivation.
 */
export function openUnderPassphrase(
  sodium: Sodium,
  passphrase: string,
  sealed: PassphraseSealed,
  purpose: string = DEFAULT_PASSPHRASE_PURPOSE,
): Uint8Array {
  if (typeof sealed !== 'object' || sealed === null) {
    throw new CryptoError('malformed', 'not a sealed secret');
  }
  if (sealed.v !== PASSPHRASE_SEALED_VERSION) {
    throw new CryptoError(
      'unsupported-version',
      `sealed-secret version ${String(sealed.v)} is not supported`,
    );
  }
  const kdf = checkKdfParams(sealed.kdf);
  checkText(purpose, 'purpose', 'invalid-input');
  const parsed = parseEnvelope(sealed.envelope);
  const expectedKeyId = saltKeyId(sodium, fixedBytes(kdf.salt, KDF_SALT_BYTES, 'the KDF salt'));
  if (parsed.keyId !== expectedKeyId) {
    throw new CryptoError('tampered', 'the envelope does not belong to these KDF parameters');
  }
  const key = deriveKey(sodium, passphrase, kdf);
  try {
    return openEnvelope(
      sodium,
      key,
      parsed,
      passphraseAssociatedData(sodium, key.id, kdf, purpose),
      () => new CryptoError('wrong-key', 'wrong passphrase, or the sealed secret was altered'),
    );
  } finally {
    sodium.memzero(key.bytes);
  }
}

/**
 * Changes the passphrase: opens with the old one and seals the same secret under the new one, with a fresh salt
 * and the stored cost raised to at least KDF_DEFAULT. What the secret protects needs no re-encryption.
 * Costs two Argon2id derivations.
 */
export function rewrapPassphraseSealed(
  sodium: Sodium,
  oldPassphrase: string,
  newPassphrase: string,
  sealed: PassphraseSealed,
  purpose: string = DEFAULT_PASSPHRASE_PURPOSE,
): PassphraseSealed {
  const secret = openUnderPassphrase(sodium, oldPassphrase, sealed, purpose);
  try {
    const params = newKdfParams(sodium, {
      opsLimit: Math.max(sealed.kdf.opsLimit, KDF_DEFAULT.opsLimit),
      memLimitBytes: Math.max(sealed.kdf.memLimitBytes, KDF_DEFAULT.memLimitBytes),
    });
    return sealUnderPassphrase(sodium, newPassphrase, secret, params, purpose);
  } finally {
    sodium.memzero(secret);
  }
}
