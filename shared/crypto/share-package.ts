import { aeadFor } from './aead';
import { checkBytes, frame, randomBytes, utf8Decode, utf8Encode } from './encoding';
import { fingerprint } from './identity';
import { partnerFingerprint } from './partner-key';
import {
  AD_LABEL,
  checkContent,
  DAY_MS,
  encodeHeader,
  fail,
  isContent,
  KEY,
  MAX_CONTENT_BYTES,
  NONCE,
  parseHeader,
  SEALED_KEY,
  SHARE_PACKAGE_MAX_DAYS,
  SIGN_LABEL,
  SIGN_ONLY_FINGERPRINT_LABEL,
  SIGNATURE,
  TAG,
  type Header,
  type OpenedSharePackage,
  type SealShareInput,
} from './share-package-format';
import { loadSodium, type Sodium } from './sodium';

export {
  SHARE_PACKAGE_FORMAT,
  SHARE_PACKAGE_MAX_DAYS,
  SHARE_PACKAGE_DEFAULT_DAYS,
  SHARE_PACKAGE_VERSION,
  SHARE_PACKAGE_MAGIC,
  SharePackageError,
  readSharePackageHeader,
  type SharePackageItem,
  type SharePackageContent,
  type SealShareInput,
  type OpenedSharePackage,
  type SharePackageErrorCode,
} from './share-package-format';

/**
 * Sealed share packages, "lumina-share/1" (docs/crypto-spec.md, "Share packages and partner keys"): what a partner
 * institution receives and opens with the opener. Header in clear (addressee and expiry readable before any
 * decryption), file key sealed to the partner's X25519 key, content under XChaCha20-Poly1305 with the header as
 * associated data, everything signed by the building device's Ed25519 key.
 */

/** The randomness of one package; only the known-answer vectors fix it. */
export interface SealRandomness {
  fileKey: Uint8Array;
  nonce: Uint8Array;
  /** Seed of crypto_box_seal's ephemeral X25519 key pair. */
  ephemeralSeed: Uint8Array;
}

/**
 * crypto_box_seal, spelt out so that vectors can fix the ephemeral key: nonce = BLAKE2b-192(epk | pk),
 * output epk | crypto_box_easy(message). crypto_box_seal_open opens it.
 */
function boxSeal(sodium: Sodium, message: Uint8Array, recipient: Uint8Array, seed: Uint8Array): Uint8Array {
  const ephemeral = sodium.crypto_box_seed_keypair(seed);
  const nonceInput = new Uint8Array(64);
  nonceInput.set(ephemeral.publicKey, 0);
  nonceInput.set(recipient, 32);
  const nonce = sodium.crypto_generichash(24, nonceInput, null);
  const boxed = sodium.crypto_box_easy(message, nonce, recipient, ephemeral.privateKey);
  sodium.memzero(ephemeral.privateKey);
  const out = new Uint8Array(32 + boxed.length);
  out.set(ephemeral.publicKey, 0);
  out.set(boxed, 32);
  return out;
}

/**
 * Test-only, for the known-answer vectors: sealSharePackage with chosen randomness. Not for application code.
 * @internal
 */
export function sealSharePackageWith(
  sodium: Sodium,
  input: SealShareInput,
  random: SealRandomness,
): Uint8Array {
  const { content, partnerPublicKey, signingSecretKey, signingPublicKey } = input;
  try {
    checkBytes(partnerPublicKey, 32, 'partnerPublicKey');
    checkBytes(signingSecretKey, 64, 'signingSecretKey');
    checkBytes(signingPublicKey, 32, 'signingPublicKey');
    if (input.senderBoxPublicKey !== undefined)
      checkBytes(input.senderBoxPublicKey, 32, 'senderBoxPublicKey');
    checkBytes(random.fileKey, KEY, 'the file key');
    checkBytes(random.nonce, NONCE, 'the nonce');
    checkBytes(random.ephemeralSeed, 32, 'the ephemeral seed');
  } catch (error) {
    fail('invalid-input', (error as Error).message);
  }
  checkContent(content);
  const derived = sodium.crypto_sign_ed25519_sk_to_pk(signingSecretKey);
  if (!sodium.memcmp(derived, signingPublicKey)) fail('invalid-input', 'the signing keys do not match');
  const header = encodeHeader(
    content.packageId,
    content.createdAt,
    content.expiresAt,
    partnerPublicKey,
    signingPublicKey,
    input.senderBoxPublicKey ?? new Uint8Array(32),
  );
  const sealedKey = boxSeal(sodium, random.fileKey, partnerPublicKey, random.ephemeralSeed);
  const plaintext = utf8Encode(sodium, JSON.stringify(content));
  const ciphertext = aeadFor(sodium).encrypt(
    random.fileKey,
    random.nonce,
    frame([AD_LABEL, header]),
    plaintext,
  );
  sodium.memzero(plaintext);
  const body = new Uint8Array(header.length + SEALED_KEY + NONCE + 4 + ciphertext.length);
  let o = 0;
  for (const part of [header, sealedKey, random.nonce]) {
    body.set(part, o);
    o += part.length;
  }
  new DataView(body.buffer).setUint32(o, ciphertext.length);
  body.set(ciphertext, o + 4);
  const signature = sodium.crypto_sign_detached(frame([SIGN_LABEL, body]), signingSecretKey);
  const out = new Uint8Array(body.length + SIGNATURE);
  out.set(body, 0);
  out.set(signature, body.length);
  return out;
}

/** Builds a package; a fresh random file key, nonce and ephemeral key unless `randomFileKey` fixes the first. */
export async function sealSharePackage(
  input: SealShareInput,
  randomFileKey?: Uint8Array,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const fileKey = randomFileKey ?? randomBytes(sodium, KEY);
  const ephemeralSeed = randomBytes(sodium, 32);
  try {
    return sealSharePackageWith(sodium, input, { fileKey, nonce: randomBytes(sodium, NONCE), ephemeralSeed });
  } finally {
    if (!randomFileKey) sodium.memzero(fileKey);
    sodium.memzero(ephemeralSeed);
  }
}

/** The fingerprint the opener shows for the sender: the device fingerprint when the package names its X25519 key. */
export function senderFingerprintOf(sodium: Sodium, senderSign: Uint8Array, senderBox: Uint8Array): string {
  if (senderBox.some((byte) => byte !== 0)) return fingerprint(sodium, senderBox, senderSign);
  return partnerFingerprint(sodium, senderSign, SIGN_ONLY_FINGERPRINT_LABEL);
}

interface CheckedPackage {
  header: Header;
  bodyEnd: number;
}

/** Everything that needs no secret: header, signature, addressee, expiry, in that order. */
function checkOuter(
  sodium: Sodium,
  bytes: Uint8Array,
  partnerPublicKey: Uint8Array,
  now: number,
): CheckedPackage {
  if (!(bytes instanceof Uint8Array)) fail('malformed', 'the package is not bytes');
  const header = parseHeader(bytes);
  const lengthAt = header.bytes.length + SEALED_KEY + NONCE;
  if (bytes.length < lengthAt + 4 + TAG) fail('malformed', 'the package is truncated');
  const ciphertextLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(lengthAt);
  const bodyEnd = lengthAt + 4 + ciphertextLength;
  if (ciphertextLength < TAG || ciphertextLength > MAX_CONTENT_BYTES || bytes.length < bodyEnd) {
    fail('malformed', 'the package is truncated');
  }
  if (bytes.length === bodyEnd) fail('unsigned', 'the package carries no signature');
  if (bytes.length !== bodyEnd + SIGNATURE) fail('malformed', 'the package has trailing bytes');
  const signature = bytes.subarray(bodyEnd);
  if (signature.every((byte) => byte === 0)) fail('unsigned', 'the package signature is empty');
  const signed = frame([SIGN_LABEL, bytes.subarray(0, bodyEnd)]);
  if (!sodium.crypto_sign_verify_detached(signature, signed, header.senderSign)) {
    fail('tampered', 'the signature does not verify: the package was altered');
  }
  if (!(partnerPublicKey instanceof Uint8Array) || partnerPublicKey.length !== 32) {
    fail('invalid-input', 'partnerPublicKey must be 32 bytes');
  }
  if (!sodium.memcmp(header.recipient, partnerPublicKey)) {
    fail('not-addressed-to-you', 'the package is addressed to another key');
  }
  // A signed package whose builder skipped the 31-day maximum still does not open past it (nor at all).
  const lifetime = header.expiresAt - header.createdAt;
  if (lifetime <= 0 || lifetime > SHARE_PACKAGE_MAX_DAYS * DAY_MS) {
    fail('lifetime-too-long', `the package claims to stay open more than ${SHARE_PACKAGE_MAX_DAYS} days`);
  }
  if (!Number.isFinite(now) || now >= header.expiresAt) fail('expired', 'the package has expired');
  return { header, bodyEnd };
}

/**
 * The checks that need no secret key (so no passphrase): format, signature, addressee, expiry. The opener runs it
 * before asking Argon2id to unlock the key file. Throws as openSharePackage does.
 */
export async function checkSharePackage(
  bytes: Uint8Array,
  partnerPublicKey: Uint8Array,
  now: number,
): Promise<{ packageId: string; expiresAt: number; senderFingerprint: string }> {
  const sodium = await loadSodium();
  const { header } = checkOuter(sodium, bytes, partnerPublicKey, now);
  return {
    packageId: header.packageId,
    expiresAt: header.expiresAt,
    senderFingerprint: senderFingerprintOf(sodium, header.senderSign, header.senderBox),
  };
}

/**
 * Opens a package with the partner's key pair, in this order: header ('malformed', 'unsupported-version'),
 * signature over everything ('unsigned' when absent or zero, 'tampered' when wrong), addressee
 * ('not-addressed-to-you'), lifetime at most SHARE_PACKAGE_MAX_DAYS ('lifetime-too-long'), expiry against `now`
 * ('expired'), then the file key and the whole content ('tampered').
 * Nothing is returned unless every step passed.
 */
export async function openSharePackage(
  bytes: Uint8Array,
  key: { partnerPublicKey: Uint8Array; partnerSecretKey: Uint8Array },
  now: number,
): Promise<OpenedSharePackage> {
  const sodium = await loadSodium();
  const { header, bodyEnd } = checkOuter(sodium, bytes, key.partnerPublicKey, now);
  if (!(key.partnerSecretKey instanceof Uint8Array) || key.partnerSecretKey.length !== 32) {
    fail('invalid-input', 'partnerSecretKey must be 32 bytes');
  }
  const afterHeader = header.bytes.length;
  const lengthAt = afterHeader + SEALED_KEY + NONCE;
  const sealedKey = bytes.subarray(afterHeader, afterHeader + SEALED_KEY);
  let fileKey: Uint8Array;
  try {
    fileKey = sodium.crypto_box_seal_open(sealedKey, key.partnerPublicKey, key.partnerSecretKey);
  } catch {
    fail('tampered', 'the file key does not open with this key');
  }
  const plaintext = aeadFor(sodium).decrypt(
    fileKey,
    bytes.subarray(afterHeader + SEALED_KEY, lengthAt),
    frame([AD_LABEL, header.bytes]),
    bytes.subarray(lengthAt + 4, bodyEnd),
  );
  sodium.memzero(fileKey);
  if (!plaintext) fail('tampered', 'the content does not authenticate');
  let content: unknown;
  try {
    content = JSON.parse(utf8Decode(sodium, plaintext));
  } catch {
    fail('malformed', 'the content is not JSON');
  } finally {
    sodium.memzero(plaintext);
  }
  if (
    !isContent(content) ||
    content.packageId !== header.packageId ||
    content.createdAt !== header.createdAt ||
    content.expiresAt !== header.expiresAt
  ) {
    fail('malformed', 'the content disagrees with its header');
  }
  return {
    content,
    senderPublicKey: header.senderSign.slice(),
    senderFingerprint: senderFingerprintOf(sodium, header.senderSign, header.senderBox),
    hash: sodium.to_hex(sodium.crypto_hash_sha256(bytes)),
  };
}

/** SHA-256 hex of the file, for the provision record. */
export async function sharePackageHash(bytes: Uint8Array): Promise<string> {
  const sodium = await loadSodium();
  return sodium.to_hex(sodium.crypto_hash_sha256(bytes));
}
