import {
  asciiBytes,
  checkBytes,
  checkKeyId,
  checkText,
  fixedBytes,
  frame,
  fromBase64Url,
  toBase64Url,
  unframe,
} from './encoding';
import { checkKey, KEY_BYTES, type SymmetricKey } from './envelope';
import type { StaffIdentity } from './identity';
import { CryptoError, type Sodium } from './sodium';

/** The organisation recovery key (kept offline) is one more recipient, under this id. */
export const RECOVERY_RECIPIENT_ID = 'org-recovery';

export const KEY_WRAP_VERSION = 1;

/** A client's data key sealed to one recipient, signed by the staff member who granted it. Plain JSON. */
export interface KeyWrap {
  v: number;
  keyId: string;
  clientId: string;
  recipientId: string;
  granterId: string;
  /** base64url of crypto_box_seal(F(clientId, keyId, key bytes), recipient's X25519 public key). */
  sealed: string;
  /** base64url of the granter's Ed25519 detached signature over keyWrapSignedBytes(wrap, recipient public key). */
  signature: string;
}

export interface WrapRecipient {
  id: string;
  boxPublicKey: Uint8Array;
}

/** A random 256-bit data key with a random 16-hex-character id. */
export function newDataKey(sodium: Sodium): SymmetricKey {
  return {
    id: sodium.to_hex(sodium.randombytes_buf(8)),
    bytes: sodium.crypto_aead_xchacha20poly1305_ietf_keygen(),
  };
}

/** Zeroes the key bytes in place; the key is unusable afterwards. */
export function wipeKey(sodium: Sodium, key: SymmetricKey): void {
  sodium.memzero(key.bytes);
}

const SIGNED_LABEL = asciiBytes('lumina.key-wrap.v1');

/**
 * The bytes a granter signs: F("lumina.key-wrap.v1", [v], keyId, clientId, recipientId, granterId, sealed bytes,
 * recipient X25519 public key), strings in UTF-8. Binding the recipient's public key means a wrap verifies only for
 * the key it was sealed to.
 */
export function keyWrapSignedBytes(
  sodium: Sodium,
  wrap: Omit<KeyWrap, 'signature'>,
  recipientBoxPublicKey: Uint8Array,
): Uint8Array {
  return frame([
    SIGNED_LABEL,
    Uint8Array.of(wrap.v),
    asciiBytes(checkKeyId(wrap.keyId, 'malformed')),
    sodium.from_string(checkText(wrap.clientId, 'clientId', 'malformed')),
    sodium.from_string(checkText(wrap.recipientId, 'recipientId', 'malformed')),
    sodium.from_string(checkText(wrap.granterId, 'granterId', 'malformed')),
    fromBase64Url(wrap.sealed, 'the sealed key'),
    checkBytes(recipientBoxPublicKey, 32, 'the recipient public key'),
  ]);
}

/** Signs an unsigned wrap as `granter` (Ed25519, deterministic). wrapDataKey does this; exported for vectors. */
export function signKeyWrap(
  sodium: Sodium,
  unsigned: Omit<KeyWrap, 'signature'>,
  recipientBoxPublicKey: Uint8Array,
  granter: StaffIdentity,
): KeyWrap {
  if (unsigned.granterId !== granter.staffId) {
    throw new CryptoError('invalid-input', 'the granter id must be the signer');
  }
  const signature = sodium.crypto_sign_detached(
    keyWrapSignedBytes(sodium, unsigned, recipientBoxPublicKey),
    checkBytes(granter.signSecretKey, 64, 'the granter signing key'),
  );
  return { ...unsigned, signature: toBase64Url(signature) };
}

/**
 * Wraps a client's data key to a recipient: crypto_box_seal of F(clientId, keyId, key) to their X25519 public key,
 * signed by the granter (who must hold the key; client-keys.ts checks that).
 */
export function wrapDataKey(
  sodium: Sodium,
  dataKey: SymmetricKey,
  clientId: string,
  recipient: WrapRecipient,
  granter: StaffIdentity,
): KeyWrap {
  checkKey(dataKey);
  checkText(clientId, 'clientId', 'invalid-input');
  checkText(recipient.id, 'recipient id', 'invalid-input');
  checkBytes(recipient.boxPublicKey, 32, 'the recipient public key');
  const payload = frame([sodium.from_string(clientId), asciiBytes(dataKey.id), dataKey.bytes]);
  try {
    const sealed = sodium.crypto_box_seal(payload, recipient.boxPublicKey);
    return signKeyWrap(
      sodium,
      {
        v: KEY_WRAP_VERSION,
        keyId: dataKey.id,
        clientId,
        recipientId: recipient.id,
        granterId: granter.staffId,
        sealed: toBase64Url(sealed),
      },
      recipient.boxPublicKey,
      granter,
    );
  } finally {
    sodium.memzero(payload);
  }
}

/**
 * Whether a wrap's signature verifies, without opening it: for anyone holding public keys (the server on push, a
 * rotation deciding whom to re-grant). False for anything malformed.
 */
export function verifyKeyWrap(
  sodium: Sodium,
  wrap: KeyWrap,
  recipientBoxPublicKey: Uint8Array,
  granterSignPublicKey: Uint8Array,
): boolean {
  try {
    if (wrap.v !== KEY_WRAP_VERSION || granterSignPublicKey.length !== 32) return false;
    return sodium.crypto_sign_verify_detached(
      fixedBytes(wrap.signature, 64, 'the signature'),
      keyWrapSignedBytes(sodium, wrap, recipientBoxPublicKey),
      granterSignPublicKey,
    );
  } catch {
    return false;
  }
}

/** What the caller expects a wrap to be for; a difference is 'context-mismatch'. */
export interface WrapExpectation {
  clientId?: string;
  keyId?: string;
}

/**
 * Unwraps a data key. In order: format ('malformed', 'unsupported-version'), addressee ('wrong-key' when the wrap
 * is for someone else), the granter's signature ('bad-signature'; the caller looks the granter's key up by
 * wrap.granterId in a trusted directory), opening ('tampered'), then the labels against the sealed contents and
 * `expect` ('context-mismatch').
 */
export function unwrapDataKey(
  sodium: Sodium,
  wrap: KeyWrap,
  recipient: StaffIdentity,
  granterSignPublicKey: Uint8Array,
  expect: WrapExpectation = {},
): SymmetricKey {
  if (typeof wrap !== 'object' || wrap === null) throw new CryptoError('malformed', 'not a key wrap');
  if (wrap.v !== KEY_WRAP_VERSION) {
    throw new CryptoError('unsupported-version', `key wrap version ${String(wrap.v)} is not supported`);
  }
  if (wrap.recipientId !== recipient.staffId) {
    throw new CryptoError(
      'wrong-key',
      `the wrap is for ${String(wrap.recipientId)}, not ${recipient.staffId}`,
    );
  }
  const signedBytes = keyWrapSignedBytes(sodium, wrap, recipient.boxPublicKey);
  const signature = fixedBytes(wrap.signature, 64, 'the signature');
  checkBytes(granterSignPublicKey, 32, 'the granter public key');
  if (!sodium.crypto_sign_verify_detached(signature, signedBytes, granterSignPublicKey)) {
    throw new CryptoError('bad-signature', `the wrap's signature by ${wrap.granterId} does not verify`);
  }
  let payload: Uint8Array;
  try {
    payload = sodium.crypto_box_seal_open(
      fromBase64Url(wrap.sealed, 'the sealed key'),
      recipient.boxPublicKey,
      recipient.boxSecretKey,
    );
  } catch {
    throw new CryptoError('tampered', 'the sealed key does not open with the recipient key');
  }
  try {
    const parts = unframe(payload, 3);
    if (parts === null || parts[2]!.length !== KEY_BYTES) {
      throw new CryptoError('malformed', 'the sealed key payload is malformed');
    }
    const [clientId, keyId, bytes] = parts as [Uint8Array, Uint8Array, Uint8Array];
    if (utf8(sodium, clientId) !== wrap.clientId || utf8(sodium, keyId) !== wrap.keyId) {
      throw new CryptoError(
        'context-mismatch',
        'the sealed key is for another client or key id than labelled',
      );
    }
    if (expect.clientId !== undefined && expect.clientId !== wrap.clientId) {
      throw new CryptoError(
        'context-mismatch',
        `the wrap is for client ${wrap.clientId}, not ${expect.clientId}`,
      );
    }
    if (expect.keyId !== undefined && expect.keyId !== wrap.keyId) {
      throw new CryptoError('context-mismatch', `the wrap is for key ${wrap.keyId}, not ${expect.keyId}`);
    }
    return { id: wrap.keyId, bytes: bytes.slice() };
  } finally {
    sodium.memzero(payload);
  }
}

function utf8(sodium: Sodium, bytes: Uint8Array): string | null {
  try {
    return sodium.to_string(bytes);
  } catch {
    return null;
  }
}
