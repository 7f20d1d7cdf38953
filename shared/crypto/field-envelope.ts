import { asciiBytes, checkText, frame, randomBytes } from './encoding';
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

// Collection names and field paths are schema names, few and not secret: keeping their UTF-8 saves two of the
// three string encodings of every open. Document ids are encoded each time.
const schemaNames = new Map<string, Uint8Array>();

function schemaName(sodium: Sodium, text: string, what: string): Uint8Array {
  let bytes = schemaNames.get(text);
  if (bytes === undefined) {
    bytes = sodium.from_string(checkText(text, what, 'invalid-input'));
    if (schemaNames.size >= 512) schemaNames.clear();
    schemaNames.set(text, bytes);
  }
  return bytes;
}

/** AD = F("lumina.field.v1", version, key id, collection, documentId, fieldPath), strings in UTF-8. */
function fieldAssociatedData(sodium: Sodium, keyId: string, context: FieldContext): Uint8Array {
  return frame([
    FIELD_LABEL,
    ...versionAndKeyId(keyId),
    schemaName(sodium, context.collection, 'collection'),
    sodium.from_string(checkText(context.documentId, 'documentId', 'invalid-input')),
    schemaName(sodium, context.fieldPath, 'fieldPath'),
  ]);
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
  if (parsed.keyId !== key.id) {
    throw new CryptoError('wrong-key', `sealed under key ${parsed.keyId}, not ${key.id}`);
  }
  const associatedData = fieldAssociatedData(sodium, parsed.keyId, context);
  return openEnvelope(
    sodium,
    key,
    parsed,
    associatedData,
    () =>
      new CryptoError(
        'tampered',
        `authentication failed for ${context.collection}/${context.documentId}/${context.fieldPath}: ` +
          'the envelope was altered, or sealed for another collection, document or field',
      ),
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
  const plaintext = sodium.from_string(text);
  try {
    return sealField(sodium, key, plaintext, context);
  } finally {
    sodium.memzero(plaintext);
  }
}

/** openField, then JSON.parse. The type parameter is the caller's claim; validate the result where it matters. */
export function openJson<T = unknown>(
  sodium: Sodium,
  key: SymmetricKey,
  envelope: string,
  context: FieldContext,
): T {
  const plaintext = openField(sodium, key, envelope, context);
  try {
    return JSON.parse(sodium.to_string(plaintext)) as T;
  } catch {
    throw new CryptoError('malformed', 'the sealed value is not UTF-8 JSON');
  } finally {
    sodium.memzero(plaintext);
  }
}
