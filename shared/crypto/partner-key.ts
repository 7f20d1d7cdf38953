import { asciiBytes, checkBytes, fixedBytes, frame, fromBase64Url, toBase64Url } from './encoding';
import {
  openUnderPassphrase,
  sealUnderPassphrase,
  type KdfParams,
  type PassphraseSealed,
} from './passphrase-kdf';
import { CryptoError, type Sodium } from './sodium';

/**
 * A partner institution's X25519 key pair (docs/crypto-spec.md, "Share packages and partner keys"): made by the
 * opener on the partner's own machine, the secret key kept in a passphrase-sealed key file (Argon2id at the
 * project's KDF parameters), the public key sent to LUMINA as text and confirmed by fingerprint over the phone.
 */

export const PARTNER_KEY_FILE_FORMAT = 'lumina-partner-key';
export const PARTNER_KEY_FILE_VERSION = 1;
/** The prefix of a public key as text: "lumina-partner-1:" + base64url(public key | 4 check bytes). */
export const PARTNER_PUBLIC_KEY_PREFIX = 'lumina-partner-1:';

export interface PartnerKeyFile {
  format: typeof PARTNER_KEY_FILE_FORMAT;
  v: 1;
  /** base64url, 32 bytes. */
  publicKey: string;
  /** Informative only: unlockPartnerKey recomputes it from the public key. */
  fingerprint: string;
  createdAt: number;
  /** The X25519 secret key (32 bytes), purpose partnerKeyPurpose(publicKey). */
  sealedSecretKey: PassphraseSealed;
}

export interface PartnerKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  fingerprint: string;
}

export type PartnerKeyErrorCode = 'malformed' | 'unsupported-version' | 'wrong-passphrase' | 'invalid-input';

export class PartnerKeyError extends Error {
  override readonly name = 'PartnerKeyError';
  constructor(
    readonly code: PartnerKeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const FINGERPRINT_LABEL = 'lumina.partner-fingerprint.v1';
const CHECK_LABEL = asciiBytes('lumina.partner-key-text.v1');

/**
 * The device fingerprint's format (identity.ts): BLAKE2b-320 of F(label, public key), read as 8 groups of
 * 5 decimal digits (each a 40-bit big-endian chunk mod 100000). A label of its own, so a partner key's
 * fingerprint can never equal a device's.
 */
export function partnerFingerprint(
  sodium: Sodium,
  publicKey: Uint8Array,
  label: string = FINGERPRINT_LABEL,
): string {
  checkBytes(publicKey, 32, 'publicKey');
  const hash = sodium.crypto_generichash(40, frame([asciiBytes(label), publicKey]), null);
  const groups: string[] = [];
  for (let group = 0; group < 8; group++) {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + hash[group * 5 + i]!;
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

function partnerKeyPurpose(publicKey: Uint8Array): string {
  return JSON.stringify(['lumina.partner-key.v1', toBase64Url(publicKey)]);
}

export function generatePartnerKeyPair(sodium: Sodium): PartnerKeyPair {
  const pair = sodium.crypto_box_keypair();
  return {
    publicKey: pair.publicKey,
    secretKey: pair.privateKey,
    fingerprint: partnerFingerprint(sodium, pair.publicKey),
  };
}

/** Seals the secret key under `passphrase` (one Argon2id derivation; `params` defaults to fresh KDF_DEFAULT). */
export function createPartnerKeyFile(
  sodium: Sodium,
  pair: { publicKey: Uint8Array; secretKey: Uint8Array },
  passphrase: string,
  createdAt: number,
  params?: KdfParams,
): PartnerKeyFile {
  checkBytes(pair.publicKey, 32, 'publicKey');
  checkBytes(pair.secretKey, 32, 'secretKey');
  if (!sodium.memcmp(sodium.crypto_scalarmult_base(pair.secretKey), pair.publicKey)) {
    throw new PartnerKeyError('invalid-input', 'the secret key does not match the public key');
  }
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new PartnerKeyError('invalid-input', 'the passphrase is empty');
  }
  return {
    format: PARTNER_KEY_FILE_FORMAT,
    v: PARTNER_KEY_FILE_VERSION,
    publicKey: toBase64Url(pair.publicKey),
    fingerprint: partnerFingerprint(sodium, pair.publicKey),
    createdAt,
    sealedSecretKey: sealUnderPassphrase(
      sodium,
      passphrase,
      pair.secretKey,
      params,
      partnerKeyPurpose(pair.publicKey),
    ),
  };
}

/** Parses a key file's text or object without the passphrase: its public key and fingerprint. */
export function partnerKeyFilePublicKey(
  sodium: Sodium,
  file: unknown,
): { publicKey: Uint8Array; fingerprint: string; file: PartnerKeyFile } {
  let parsed = file;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      throw new PartnerKeyError('malformed', 'the key file is not JSON');
    }
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw new PartnerKeyError('malformed', 'not a partner key file');
  }
  const record = parsed as Record<string, unknown>;
  if (record.format !== PARTNER_KEY_FILE_FORMAT) {
    throw new PartnerKeyError('malformed', 'not a partner key file');
  }
  if (record.v !== PARTNER_KEY_FILE_VERSION) {
    throw new PartnerKeyError('unsupported-version', `key file version ${String(record.v)} is not supported`);
  }
  let publicKey: Uint8Array;
  try {
    publicKey = fixedBytes(record.publicKey, 32, 'publicKey');
  } catch {
    throw new PartnerKeyError('malformed', 'the key file public key is malformed');
  }
  return { publicKey, fingerprint: partnerFingerprint(sodium, publicKey), file: parsed as PartnerKeyFile };
}

/**
 * Opens the key file (one Argon2id derivation). 'wrong-passphrase' when the passphrase is wrong or the file was
 * altered (the two cannot be told apart); 'malformed' for parameters below the project's floor.
 */
export function unlockPartnerKey(sodium: Sodium, file: unknown, passphrase: string): PartnerKeyPair {
  const { publicKey, fingerprint, file: keyFile } = partnerKeyFilePublicKey(sodium, file);
  let secretKey: Uint8Array;
  try {
    secretKey = openUnderPassphrase(
      sodium,
      passphrase,
      keyFile.sealedSecretKey,
      partnerKeyPurpose(publicKey),
    );
  } catch (error) {
    if (error instanceof CryptoError && (error.code === 'wrong-key' || error.code === 'invalid-input')) {
      throw new PartnerKeyError('wrong-passphrase', 'wrong passphrase, or the key file was altered');
    }
    const reason = error instanceof CryptoError ? error.code : 'unknown';
    throw new PartnerKeyError('malformed', `the key file cannot be used (${reason})`);
  }
  if (secretKey.length !== 32 || !sodium.memcmp(sodium.crypto_scalarmult_base(secretKey), publicKey)) {
    sodium.memzero(secretKey);
    throw new PartnerKeyError('wrong-passphrase', 'the key file was altered');
  }
  return { publicKey, secretKey, fingerprint };
}

function checkBytesOf(sodium: Sodium, publicKey: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(16, frame([CHECK_LABEL, publicKey]), null).subarray(0, 4);
}

/** The public key as one line of text to send to LUMINA: prefix, then base64url(public key | 4 check bytes). */
export function partnerPublicKeyText(sodium: Sodium, publicKey: Uint8Array): string {
  checkBytes(publicKey, 32, 'publicKey');
  const out = new Uint8Array(36);
  out.set(publicKey, 0);
  out.set(checkBytesOf(sodium, publicKey), 32);
  return PARTNER_PUBLIC_KEY_PREFIX + toBase64Url(out);
}

/** Reads pasted public-key text (white space and line breaks ignored); 'malformed' when the check bytes differ. */
export function parsePartnerPublicKeyText(
  sodium: Sodium,
  text: string,
): { publicKey: Uint8Array; fingerprint: string } {
  const compact = typeof text === 'string' ? text.replace(/\s+/g, '') : '';
  if (!compact.startsWith(PARTNER_PUBLIC_KEY_PREFIX)) {
    throw new PartnerKeyError('malformed', `a partner public key starts with ${PARTNER_PUBLIC_KEY_PREFIX}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(compact.slice(PARTNER_PUBLIC_KEY_PREFIX.length), 'the public key');
  } catch {
    throw new PartnerKeyError('malformed', 'the public key text is not base64url');
  }
  if (bytes.length !== 36) throw new PartnerKeyError('malformed', 'the public key text has the wrong length');
  const publicKey = bytes.slice(0, 32);
  if (!sodium.memcmp(checkBytesOf(sodium, publicKey), bytes.subarray(32))) {
    throw new PartnerKeyError('malformed', 'the public key text was mistyped (check bytes differ)');
  }
  return { publicKey, fingerprint: partnerFingerprint(sodium, publicKey) };
}
