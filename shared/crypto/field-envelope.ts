import { aeadFor, AUTHENTICATION_FAILED } from './aead';
import {
  asciiBytes,
  checkText,
  frame,
  randomBytes,
  TEXT_MAX_LENGTH,
  utf8Decode,
  utf8Encode,
} from './encoding';
import {
  checkKey,
  envelopeHeader,
  NONCE_BYTES,
  openEnvelope,
  parseEnvelope,
  sealEnvelope,
  versionAndKeyId,
  type SymmetricKey,
} from './envelope';
import { CryptoError, type Sodium } from './sodium';

export type { SymmetricKey } from './envelope';

/** Where a sealed value lives. Bound into the associated data: an envelope opens only where it was sealed. */
export interface FieldContext {
  collection: string;
  documentId: string;
  fieldPath: string;
}

const FIELD_LABEL = asciiBytes('lumina.field.v1');

// The associated data is built for every seal and open, so its cost is paid per document read. Its first part
// (label, version, key id, collection) is the same for a whole collection: framed once and kept. The document id
// and field path are framed into one reusable buffer, which the AEAD copies out of at once.
const prefixes = new Map<string, Uint8Array>();
let scratch = new Uint8Array(4096);

function associatedDataPrefix(sodium: Sodium, keyId: string, collection: string): Uint8Array {
  // Key ids never contain a newline, so the first newline ends the key id.
  const cacheKey = `${keyId}\n${collection}`;
  let prefix = prefixes.get(cacheKey);
  if (prefix === undefined) {
    prefix = frame([
      FIELD_LABEL,
      ...versionAndKeyId(keyId),
      utf8Encode(sodium, checkText(collection, 'collection', 'invalid-input')),
    ]);
    if (prefixes.size >= 256) prefixes.clear();
    prefixes.set(cacheKey, prefix);
  }
  return prefix;
}

/** Writes F-framing of one part (4-byte big-endian length, then UTF-8) at `offset`; returns the new offset. */
function writeFramedText(
  sodium: Sodium,
  out: Uint8Array,
  offset: number,
  text: string,
  what: string,
): number {
  if (text.length === 0 || text.length > TEXT_MAX_LENGTH) checkText(text, what, 'invalid-input');
  let o = offset + 4;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) {
      // Not ASCII: check for lone surrogates (which UTF-8 cannot keep apart) and encode properly.
      const bytes = utf8Encode(sodium, checkText(text, what, 'invalid-input'));
      out.set(bytes, offset + 4);
      o = offset + 4 + bytes.length;
      break;
    }
    out[o++] = code;
  }
  const length = o - offset - 4;
  out[offset] = length >>> 24;
  out[offset + 1] = (length >>> 16) & 0xff;
  out[offset + 2] = (length >>> 8) & 0xff;
  out[offset + 3] = length & 0xff;
  return o;
}

/**
 * AD = F("lumina.field.v1", version, key id, collection, documentId, fieldPath), strings in UTF-8. The result is a
 * view of a shared buffer, valid until the next call: use it at once and do not keep it.
 */
function fieldAssociatedData(sodium: Sodium, keyId: string, context: FieldContext): Uint8Array {
  const prefix = associatedDataPrefix(sodium, keyId, context.collection);
  const { documentId, fieldPath } = context;
  if (typeof documentId !== 'string') checkText(documentId, 'documentId', 'invalid-input');
  if (typeof fieldPath !== 'string') checkText(fieldPath, 'fieldPath', 'invalid-input');
  // UTF-8 needs at most three bytes per UTF-16 code unit.
  const most = prefix.length + 8 + 3 * (documentId.length + fieldPath.length);
  if (scratch.length < most) scratch = new Uint8Array(most * 2);
  scratch.set(prefix, 0);
  let offset = writeFramedText(sodium, scratch, prefix.length, documentId, 'documentId');
  offset = writeFramedText(sodium, scratch, offset, fieldPath, 'fieldPath');
  return scratch.subarray(0, offset);
}

/**
 * Seals `plaintext` under `key` for one field of one document, with XChaCha20-Poly1305 (IETF) and a fresh random
 * 24-byte nonce. Returns "1.<key id>.<base64url(nonce | ciphertext and tag)>".
 */
export function sealField(
  sodium: Sodium,
  key: SymmetricKey,
  plaintext: Uint8Array,
  context: FieldContext,
): string {
  return sealFieldWithNonce(sodium, key, plaintext, context, randomBytes(sodium, NONCE_BYTES));
}

/**
 * Test-only, for the known-answer vectors: sealField with a chosen nonce. Reusing a nonce under one key breaks
 * confidentiality and authenticity, so application code must call sealField. Not exported from index.ts.
 * @internal
 */
export function sealFieldWithNonce(
  sodium: Sodium,
  key: SymmetricKey,
  plaintext: Uint8Array,
  context: FieldContext,
  nonce: Uint8Array,
): string {
  checkKey(key);
  if (!(plaintext instanceof Uint8Array)) throw new CryptoError('invalid-input', 'plaintext must be bytes');
  return sealEnvelope(sodium, key, plaintext, fieldAssociatedData(sodium, key.id, context), nonce);
}

/**
 * Opens a sealed field. Throws CryptoError: 'malformed' or 'unsupported-version' for garbage, 'wrong-key' when the
 * envelope names another key id, 'tampered' when authentication fails (a changed byte, or an envelope moved to
 * another collection, document or field: the AEAD cannot tell these apart). Never returns partial plaintext.
 */
export function openField(
  sodium: Sodium,
  key: SymmetricKey,
  envelope: string,
  context: FieldContext,
): Uint8Array {
  checkKey(key);
  const parsed = parseEnvelope(envelope);
  if (parsed.keyId !== key.id) throw wrongKey(parsed.keyId, key.id);
  const associatedData = fieldAssociatedData(sodium, parsed.keyId, context);
  return openEnvelope(sodium, key, parsed, associatedData, () => tampered(context));
}

function wrongKey(sealedUnder: string, given: string): CryptoError {
  return new CryptoError('wrong-key', `sealed under key ${sealedUnder}, not ${given}`);
}

function tampered(context: FieldContext): CryptoError {
  return new CryptoError(
    'tampered',
    `authentication failed for ${context.collection}/${context.documentId}/${context.fieldPath}: ` +
      'the envelope was altered, or sealed for another collection, document or field',
  );
}

/** The key id an envelope names, read without decrypting (to pick the key, or to find envelopes to rotate). */
export function envelopeKeyId(envelope: string): string {
  return envelopeHeader(envelope).keyId;
}

/** sealField over the UTF-8 of JSON.stringify(value). Refuses values JSON cannot represent (undefined, functions). */
export function sealJson(sodium: Sodium, key: SymmetricKey, value: unknown, context: FieldContext): string {
  const text: string | undefined = JSON.stringify(value);
  if (text === undefined) throw new CryptoError('invalid-input', 'the value has no JSON representation');
  const plaintext = utf8Encode(sodium, text);
  try {
    return sealField(sodium, key, plaintext, context);
  } finally {
    sodium.memzero(plaintext);
  }
}

const NOT_JSON = Symbol('not JSON');

/**
 * openField, then JSON.parse, straight from the decrypted bytes (which are wiped at once, never copied out). The
 * type parameter is the caller's claim; validate the result where it matters.
 */
export function openJson<T = unknown>(
  sodium: Sodium,
  key: SymmetricKey,
  envelope: string,
  context: FieldContext,
): T {
  checkKey(key);
  const parsed = parseEnvelope(envelope);
  if (parsed.keyId !== key.id) throw wrongKey(parsed.keyId, key.id);
  const result = aeadFor(sodium).decryptWith(
    key.bytes,
    parsed.nonce,
    fieldAssociatedData(sodium, parsed.keyId, context),
    parsed.ciphertext,
    (plaintext): unknown => {
      try {
        return JSON.parse(utf8Decode(sodium, plaintext));
      } catch {
        return NOT_JSON;
      }
    },
  );
  if (result === AUTHENTICATION_FAILED) throw tampered(context);
  if (result === NOT_JSON) throw new CryptoError('malformed', 'the sealed value is not UTF-8 JSON');
  return result as T;
}
