import { CryptoError, type CryptoErrorCode, type Sodium } from './sodium';

/** Internal to shared/crypto: byte encodings shared by every format (see docs/crypto-spec.md, "Conventions"). */

/**
 * The runtime's own base64 (Uint8Array.fromBase64 / toBase64, in Chromium and so in Electron), where it has it:
 * native code, several times faster than any JavaScript loop over an envelope.
 */
interface NativeBase64 {
  fromBase64?: (text: string, options: { alphabet: 'base64url'; lastChunkHandling: 'strict' }) => Uint8Array;
  toBase64?: (this: Uint8Array, options: { alphabet: 'base64url'; omitPadding: true }) => string;
}
const native: NativeBase64 = {
  fromBase64: (Uint8Array as unknown as NativeBase64).fromBase64?.bind(Uint8Array),
  toBase64: (Uint8Array.prototype as unknown as NativeBase64).toBase64,
};

const ALPHABET_CODES = new Uint8Array(64);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEXTETS = new Uint8Array(128).fill(0xff);
for (let i = 0; i < ALPHABET.length; i++) {
  SEXTETS[ALPHABET.charCodeAt(i)] = i;
  ALPHABET_CODES[i] = ALPHABET.charCodeAt(i);
}

/**
 * base64url without padding. In JavaScript rather than libsodium.js's to_base64, which copies the bytes into and
 * out of the WebAssembly heap on every call (every seal pays it). Only public bytes are encoded here.
 */
export function toBase64Url(bytes: Uint8Array): string {
  if (native.toBase64) return native.toBase64.call(bytes, { alphabet: 'base64url', omitPadding: true });
  return toBase64UrlInJs(bytes);
}

/** @internal exported for tests, which compare both paths with libsodium */
export function toBase64UrlInJs(bytes: Uint8Array): string {
  const whole = bytes.length - (bytes.length % 3);
  let out = '';
  let i = 0;
  // Built in chunks: String.fromCharCode takes the codes as arguments, and arguments have a limit.
  const chunk = new Array<number>(4096);
  let c = 0;
  const flush = () => {
    out += String.fromCharCode.apply(null, chunk.slice(0, c));
    c = 0;
  };
  for (; i < whole; i += 3) {
    const bits = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk[c++] = ALPHABET_CODES[bits >>> 18]!;
    chunk[c++] = ALPHABET_CODES[(bits >>> 12) & 63]!;
    chunk[c++] = ALPHABET_CODES[(bits >>> 6) & 63]!;
    chunk[c++] = ALPHABET_CODES[bits & 63]!;
    if (c >= 4092) flush();
  }
  const rest = bytes.length - whole;
  if (rest === 1) {
    const bits = bytes[i]! << 16;
    chunk[c++] = ALPHABET_CODES[bits >>> 18]!;
    chunk[c++] = ALPHABET_CODES[(bits >>> 12) & 63]!;
  } else if (rest === 2) {
    const bits = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    chunk[c++] = ALPHABET_CODES[bits >>> 18]!;
    chunk[c++] = ALPHABET_CODES[(bits >>> 12) & 63]!;
    chunk[c++] = ALPHABET_CODES[(bits >>> 6) & 63]!;
  }
  flush();
  return out;
}

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
  return native.fromBase64 ? decodeBase64UrlNatively(text, native.fromBase64) : decodeBase64UrlInJs(text);
}

/**
 * The runtime's decoder, held to the same strictness. With lastChunkHandling 'strict' it refuses the '+/'
 * alphabet and non-zero trailing bits, but needs the padding (added here) and skips ASCII white space; padding or
 * white space in the input would leave fewer bytes than the text's length implies, so the length check refuses
 * both.
 * @internal exported for tests
 */
export function decodeBase64UrlNatively(
  text: string,
  fromBase64: NonNullable<NativeBase64['fromBase64']>,
): Uint8Array | null {
  const tail = text.length & 3;
  if (tail === 1) return null;
  const expected = ((text.length - tail) / 4) * 3 + (tail === 0 ? 0 : tail - 1);
  try {
    const padded = tail === 0 ? text : tail === 2 ? `${text}==` : `${text}=`;
    const out = fromBase64(padded, { alphabet: 'base64url', lastChunkHandling: 'strict' });
    return out.length === expected ? out : null;
  } catch {
    return null;
  }
}

/** @internal exported for tests */
export function decodeBase64UrlInJs(text: string): Uint8Array | null {
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

interface Utf8Codec {
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

interface TextCodecs {
  TextEncoder?: new () => { encode(text: string): Uint8Array };
  TextDecoder?: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
}

let codec: Utf8Codec | undefined;

/**
 * UTF-8 through one TextEncoder and one fatal TextDecoder for the life of the page. libsodium.js's from_string and
 * to_string construct a new one on every call, which costs more than the cipher for a short field. Falls back to
 * them where the runtime has no text codecs.
 */
function utf8(sodium: Sodium): Utf8Codec {
  if (codec) return codec;
  const { TextEncoder: Encoder, TextDecoder: Decoder } = globalThis as TextCodecs;
  if (Encoder && Decoder) {
    const encoder = new Encoder();
    const decoder = new Decoder('utf-8', { fatal: true });
    codec = { encode: (text) => encoder.encode(text), decode: (bytes) => decoder.decode(bytes) };
    return codec;
  }
  return { encode: (text) => sodium.from_string(text), decode: (bytes) => sodium.to_string(bytes) };
}

export function utf8Encode(sodium: Sodium, text: string): Uint8Array {
  return utf8(sodium).encode(text);
}

/** Throws (a TypeError) on bytes that are not UTF-8. */
export function utf8Decode(sodium: Sodium, bytes: Uint8Array): string {
  return utf8(sodium).decode(bytes);
}
