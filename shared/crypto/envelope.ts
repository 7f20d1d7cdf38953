import { aeadFor } from './aead';
import { asciiBytes, checkBytes, checkKeyId, fromBase64Url, toBase64Url } from './encoding';
import { CryptoError, type Sodium } from './sodium';

/**
 * Internal to shared/crypto: the AEAD envelope that sealed fields and passphrase-sealed secrets share, a string
 *
 *   "<version>.<key id>.<base64url(nonce (24 bytes) | ciphertext and tag (>= 16 bytes))>"
 *
 * The key id stays readable so a store can find what a key sealed (rotation) without decrypting. Version and key
 * id are also framed into every associated data, so changing either fails authentication.
 */

export const ENVELOPE_VERSION = 1;
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** A 256-bit XChaCha20-Poly1305 key and the short public id that envelopes carry to name it. */
export interface SymmetricKey {
  id: string;
  bytes: Uint8Array;
}

export interface ParsedEnvelope {
  version: number;
  keyId: string;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

export function checkKey(key: SymmetricKey): void {
  checkKeyId(key.id, 'invalid-input');
  checkBytes(key.bytes, KEY_BYTES, 'a symmetric key');
}

/** The first two items of every envelope's associated data: version (one byte) and key id (ASCII). */
export function versionAndKeyId(keyId: string): [Uint8Array, Uint8Array] {
  return [Uint8Array.of(ENVELOPE_VERSION), asciiBytes(keyId)];
}

/** Reads version and key id only; cheap, and needs no libsodium. */
export function envelopeHeader(envelope: unknown): { version: number; keyId: string; bodyStart: number } {
  if (typeof envelope !== 'string') throw new CryptoError('malformed', 'the envelope is not a string');
  const firstDot = envelope.indexOf('.');
  const secondDot = firstDot < 0 ? -1 : envelope.indexOf('.', firstDot + 1);
  const version = envelope.slice(0, firstDot);
  if (firstDot < 1 || secondDot < 0 || !/^[0-9]{1,3}$/.test(version)) {
    throw new CryptoError('malformed', 'not an envelope');
  }
  if (version !== String(ENVELOPE_VERSION)) {
    throw new CryptoError('unsupported-version', `envelope version ${version} is not supported`);
  }
  const keyId = checkKeyId(envelope.slice(firstDot + 1, secondDot), 'malformed');
  return { version: ENVELOPE_VERSION, keyId, bodyStart: secondDot + 1 };
}

export function parseEnvelope(envelope: unknown): ParsedEnvelope {
  const { version, keyId, bodyStart } = envelopeHeader(envelope);
  const body = fromBase64Url((envelope as string).slice(bodyStart), 'the envelope body');
  if (body.length < NONCE_BYTES + TAG_BYTES) throw new CryptoError('malformed', 'the envelope is too short');
  return {
    version,
    keyId,
    nonce: body.subarray(0, NONCE_BYTES),
    ciphertext: body.subarray(NONCE_BYTES),
  };
}

/** Seals with the given nonce; callers pass a fresh random one (only known-answer tests fix it). */
export function sealEnvelope(
  sodium: Sodium,
  key: SymmetricKey,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
  nonce: Uint8Array,
): string {
  checkBytes(nonce, NONCE_BYTES, 'a nonce');
  const ciphertext = aeadFor(sodium).encrypt(key.bytes, nonce, associatedData, plaintext);
  const body = new Uint8Array(NONCE_BYTES + ciphertext.length);
  body.set(nonce, 0);
  body.set(ciphertext, NONCE_BYTES);
  return `${ENVELOPE_VERSION}.${key.id}.${toBase64Url(body)}`;
}

export function openEnvelope(
  sodium: Sodium,
  key: SymmetricKey,
  envelope: ParsedEnvelope,
  associatedData: Uint8Array,
  failure: () => CryptoError,
): Uint8Array {
  const plaintext = aeadFor(sodium).decrypt(key.bytes, envelope.nonce, associatedData, envelope.ciphertext);
  if (!plaintext) throw failure();
  return plaintext;
}
