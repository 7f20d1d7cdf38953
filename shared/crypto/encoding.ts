import { CryptoError, type CryptoErrorCode, type Sodium } from './sodium';

/** Internal to shared/crypto: byte encodings shared by every format (see docs/crypto-spec.md, "Conventions"). */

export function toBase64Url(sodium: Sodium, bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEXTETS = new Uint8Array(128).fill(0xff);
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? SEXTETS[code]! : 0xff;
}

/**
 * Strict base64url without padding, the inverse of libsodium's to_base64(URLSAFE_NO_PADDING): refuses padding,
 * white space, the '+/' alphabet and non-zero trailing bits, so each byte string has exactly one encoding (a test
 * checks it against libsodium's decoder). In JavaScript because libsodium.js's from_base64 costs several
 * microseconds per envelope in copies across the WebAssembly boundary, a third of an open. Only public bytes pass
 * through here (nonces, ciphertexts, salts, signatures, public keys), so it need not run in constant time; and a
 * decoding error could only make authentication fail, never yield other plaintext.
 */
export function decodeBase64Url(text: string): Uint8Array | null {
  const tail = text.length & 3;
  if (tail === 1) return null;
  const whole = text.length - tail;
  const out = new Uint8Array((whole / 4) * 3 + (tail === 0 ? 0 : tail - 1));
  let invalid = 0;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    const d = sextet(text, i + 3);
    invalid |= a | b | c | d;
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = (bits >>> 16) & 0xff;
    out[o++] = (bits >>> 8) & 0xff;
    out[o++] = bits & 0xff;
  }
  if (tail === 2) {
    const a = sextet(text, whole);
    const b = sextet(text, whole + 1);
    invalid |= a | b | ((b & 0x0f) === 0 ? 0 : 0xff);
    out[o] = ((a << 2) | (b >>> 4)) & 0xff;
  } else if (tail === 3) {
    const a = sextet(text, whole);
    const b = sextet(text, whole + 1);
    const c = sextet(text, whole + 2);
    invalid |= a | b | c | ((c & 0x03) === 0 ? 0 : 0xff);
    const bits = (a << 12) | (b << 6) | c;
    out[o++] = (bits >>> 10) & 0xff;
    out[o] = (bits >>> 2) & 0xff;
  }
  return (invalid & 0xc0) === 0 ? out : null;
}

export function fromBase64Url(text: unknown, what: string): Uint8Array {
  if (typeof text !== 'string') throw new CryptoError('malformed', `${what} is not a string`);
  const bytes = decodeBase64Url(text);
  if (bytes === null) throw new CryptoError('malformed', `${what} is not base64url`);
  return bytes;
}

/** Decodes base64url that must hold exactly `length` bytes. */
export function fixedBytes(text: unknown, length: number, what: string): Uint8Array {
  const bytes = fromBase64Url(text, what);
  if (bytes.length !== length) throw new CryptoError('malformed', `${what} must be ${length} bytes`);
  return bytes;
}

/** For labels and key ids, which are checked to be printable ASCII before they get here. */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * F(parts): each part as a 4-byte big-endian length followed by its bytes. Injective, so no two different lists
 * of parts give the same bytes: this is what keeps a document id from bleeding into a field path.
 */
export function frame(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += 4 + part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    const length = part.length;
    out[offset] = length >>> 24;
    out[offset + 1] = (length >>> 16) & 0xff;
    out[offset + 2] = (length >>> 8) & 0xff;
    out[offset + 3] = length & 0xff;
    out.set(part, offset + 4);
    offset += 4 + length;
  }
  return out;
}

/** The inverse of frame() for exactly `count` parts filling all of `bytes`; null when it does not parse. */
export function unframe(bytes: Uint8Array, count: number): Uint8Array[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (offset + 4 > bytes.length) return null;
    const length = view.getUint32(offset);
    offset += 4;
    if (offset + length > bytes.length) return null;
    parts.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return offset === bytes.length ? parts : null;
}

// UTF-8 turns every lone surrogate into U+FFFD, so two different strings would give the same bytes.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_MAX_LENGTH = 1024;

/** A non-empty, well-formed (UTF-8-encodable without loss) string of at most TEXT_MAX_LENGTH code units. */
export function checkText(value: unknown, what: string, code: CryptoErrorCode): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > TEXT_MAX_LENGTH) {
    throw new CryptoError(
      code,
      `${what} must be a non-empty string of at most ${TEXT_MAX_LENGTH} characters`,
    );
  }
  if (LONE_SURROGATE.test(value)) throw new CryptoError(code, `${what} contains a lone surrogate`);
  return value;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Key ids are 1 to 64 characters of [A-Za-z0-9_-], so one byte per character and a one-byte length. */
export function checkKeyId(value: unknown, code: CryptoErrorCode): string {
  if (typeof value !== 'string' || !KEY_ID.test(value)) {
    throw new CryptoError(code, 'a key id must be 1 to 64 characters of A-Z a-z 0-9 _ -');
  }
  return value;
}

export function checkBytes(value: unknown, length: number, what: string): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new CryptoError('invalid-input', `${what} must be ${length} bytes`);
  }
  return value;
}

interface RandomSource {
  getRandomValues(array: Uint8Array): Uint8Array;
}

/**
 * Random bytes for nonces, from crypto.getRandomValues: the same CSPRNG that libsodium.js draws from (its ESM
 * build refuses to load without it), called once per nonce. libsodium.js's randombytes_buf reaches it through one
 * JavaScript callback per byte, about 180 µs per 24-byte nonce: 1.8 s of every 10,000 seals.
 */
export function randomBytes(sodium: Sodium, length: number): Uint8Array {
  const source = (globalThis as { crypto?: RandomSource }).crypto;
  if (typeof source?.getRandomValues !== 'function') return sodium.randombytes_buf(length);
  const out = new Uint8Array(length);
  source.getRandomValues(out);
  return out;
}
