import { aeadFor } from './aead';
import { asciiBytes, checkBytes, frame, randomBytes, utf8Decode, utf8Encode } from './encoding';
import { fingerprint } from './identity';
import { partnerFingerprint } from './partner-key';
import { loadSodium, type Sodium } from './sodium';

/**
 * Sealed share packages, "lumina-share/1" (docs/crypto-spec.md, "Share packages and partner keys"): what a partner
 * institution receives and opens with the opener. Header in clear (addressee and expiry readable before any
 * decryption), file key sealed to the partner's X25519 key, content under XChaCha20-Poly1305 with the header as
 * associated data, everything signed by the building device's Ed25519 key.
 */

export const SHARE_PACKAGE_FORMAT = 'lumina-share/1';
export const SHARE_PACKAGE_MAX_DAYS = 31;
export const SHARE_PACKAGE_DEFAULT_DAYS = 7;
export const SHARE_PACKAGE_VERSION = 1;
/** The first 12 bytes of every package file. */
export const SHARE_PACKAGE_MAGIC = 'LUMINA-SHARE';

export interface SharePackageItem {
  key: string;
  label: { en: string; ja: string };
  value: string;
  medical: boolean;
}

export interface SharePackageContent {
  format: typeof SHARE_PACKAGE_FORMAT;
  packageId: string;
  subjectRef: string;
  partnerId: string;
  partnerName: string;
  purpose: string;
  createdAt: number;
  expiresAt: number;
  sender: { organisation: string; staffName: string; deviceId: string };
  items: SharePackageItem[];
}

export interface SealShareInput {
  content: SharePackageContent;
  /** X25519, 32 bytes. */
  partnerPublicKey: Uint8Array;
  /** The building device's Ed25519 secret key, 64 bytes. */
  signingSecretKey: Uint8Array;
  signingPublicKey: Uint8Array;
  /**
   * The building device's X25519 public key. With it, the opener shows the device fingerprint exactly as the staff
   * directory and device approval show it (identity.ts fingerprint()); without it, a fingerprint of the signing
   * key alone, in the same digit format but matching no directory entry. Pass it.
   */
  senderBoxPublicKey?: Uint8Array;
}

export interface OpenedSharePackage {
  content: SharePackageContent;
  senderPublicKey: Uint8Array;
  senderFingerprint: string;
  /** SHA-256 hex of the file, as sharePackageHash(). */
  hash: string;
}

export type SharePackageErrorCode =
  | 'malformed'
  | 'tampered'
  | 'not-addressed-to-you'
  | 'unsigned'
  | 'expired'
  | 'unsupported-version'
  /** Sealing only: content or keys unusable (expiry beyond SHARE_PACKAGE_MAX_DAYS, wrong key length...). */
  | 'invalid-input';

/** Messages never contain content or key bytes. */
export class SharePackageError extends Error {
  override readonly name = 'SharePackageError';
  constructor(
    readonly code: SharePackageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const KEY = 32;
const NONCE = 24;
const TAG = 16;
const SEALED_KEY = 32 + KEY + TAG;
const SIGNATURE = 64;
const PACKAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const AD_LABEL = asciiBytes('lumina.share.v1');
const SIGN_LABEL = asciiBytes('lumina.share.signature.v1');
const SIGN_ONLY_FINGERPRINT_LABEL = 'lumina.fingerprint.sign.v1';
const MAX_CONTENT_BYTES = 16 * 1024 * 1024;

interface Header {
  bytes: Uint8Array;
  version: number;
  packageId: string;
  createdAt: number;
  expiresAt: number;
  recipient: Uint8Array;
  senderSign: Uint8Array;
  senderBox: Uint8Array;
}

function fail(code: SharePackageErrorCode, message: string): never {
  throw new SharePackageError(code, message);
}

function checkContent(content: SharePackageContent): void {
  if (content.format !== SHARE_PACKAGE_FORMAT) fail('invalid-input', 'content.format must be lumina-share/1');
  if (!PACKAGE_ID.test(content.packageId)) fail('invalid-input', 'packageId must be 1-64 of A-Z a-z 0-9 _ -');
  const { createdAt, expiresAt } = content;
  if (!Number.isSafeInteger(createdAt) || !Number.isSafeInteger(expiresAt) || createdAt < 0) {
    fail('invalid-input', 'createdAt and expiresAt must be millisecond timestamps');
  }
  if (expiresAt <= createdAt) fail('invalid-input', 'the package must expire after it is created');
  if (expiresAt - createdAt > SHARE_PACKAGE_MAX_DAYS * DAY_MS) {
    fail('invalid-input', `a package expires at most ${SHARE_PACKAGE_MAX_DAYS} days after it is created`);
  }
  if (!isContent(content)) fail('invalid-input', 'the content is not a share package content');
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

/** Shape check of decrypted (or to-be-sealed) content; everything the opener displays must be plain text. */
function isContent(value: unknown): value is SharePackageContent {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  const sender = c.sender as Record<string, unknown> | null;
  return (
    c.format === SHARE_PACKAGE_FORMAT &&
    [c.packageId, c.subjectRef, c.partnerId, c.partnerName, c.purpose].every(isText) &&
    Number.isSafeInteger(c.createdAt) &&
    Number.isSafeInteger(c.expiresAt) &&
    typeof sender === 'object' &&
    sender !== null &&
    [sender.organisation, sender.staffName, sender.deviceId].every(isText) &&
    Array.isArray(c.items) &&
    c.items.every((item: unknown) => {
      if (typeof item !== 'object' || item === null) return false;
      const i = item as Record<string, unknown>;
      const label = i.label as Record<string, unknown> | null;
      return (
        isText(i.key) &&
        isText(i.value) &&
        typeof i.medical === 'boolean' &&
        typeof label === 'object' &&
        label !== null &&
        isText(label.en) &&
        isText(label.ja)
      );
    })
  );
}

function writeUint64(out: Uint8Array, offset: number, value: number): void {
  new DataView(out.buffer, out.byteOffset, out.byteLength).setBigUint64(offset, BigInt(value));
}

function encodeHeader(
  packageId: string,
  createdAt: number,
  expiresAt: number,
  recipient: Uint8Array,
  senderSign: Uint8Array,
  senderBox: Uint8Array,
): Uint8Array {
  const id = asciiBytes(packageId);
  const out = new Uint8Array(12 + 1 + 1 + id.length + 8 + 8 + 32 * 3);
  let o = 0;
  out.set(asciiBytes(SHARE_PACKAGE_MAGIC), o);
  o += 12;
  out[o++] = SHARE_PACKAGE_VERSION;
  out[o++] = id.length;
  out.set(id, o);
  o += id.length;
  writeUint64(out, o, createdAt);
  writeUint64(out, o + 8, expiresAt);
  o += 16;
  for (const key of [recipient, senderSign, senderBox]) {
    out.set(key, o);
    o += 32;
  }
  return out;
}

/** Parses the clear header; 'malformed' or 'unsupported-version' before anything else is read. */
function parseHeader(bytes: Uint8Array): Header {
  if (bytes.length < 14 || String.fromCharCode(...bytes.subarray(0, 12)) !== SHARE_PACKAGE_MAGIC) {
    fail('malformed', 'not a LUMINA share package');
  }
  if (bytes[12] !== SHARE_PACKAGE_VERSION) {
    fail('unsupported-version', `share package version ${bytes[12]} is not supported`);
  }
  const idLength = bytes[13]!;
  const end = 14 + idLength + 16 + 96;
  if (bytes.length < end) fail('malformed', 'the package header is truncated');
  const packageId = String.fromCharCode(...bytes.subarray(14, 14 + idLength));
  if (!PACKAGE_ID.test(packageId)) fail('malformed', 'the package id is malformed');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const createdAt = view.getBigUint64(14 + idLength);
  const expiresAt = view.getBigUint64(14 + idLength + 8);
  if (createdAt > BigInt(Number.MAX_SAFE_INTEGER) || expiresAt > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail('malformed', 'the package dates are malformed');
  }
  const keys = 14 + idLength + 16;
  return {
    bytes: bytes.subarray(0, end),
    version: SHARE_PACKAGE_VERSION,
    packageId,
    createdAt: Number(createdAt),
    expiresAt: Number(expiresAt),
    recipient: bytes.subarray(keys, keys + 32),
    senderSign: bytes.subarray(keys + 32, keys + 64),
    senderBox: bytes.subarray(keys + 64, keys + 96),
  };
}

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

/**
 * Opens a package with the partner's key pair, in this order: header ('malformed', 'unsupported-version'),
 * signature over everything ('unsigned' when absent or zero, 'tampered' when wrong), addressee
 * ('not-addressed-to-you'), expiry against `now` ('expired'), then the file key and the whole content ('tampered').
 * Nothing is returned unless every step passed.
 */
export async function openSharePackage(
  bytes: Uint8Array,
  key: { partnerPublicKey: Uint8Array; partnerSecretKey: Uint8Array },
  now: number,
): Promise<OpenedSharePackage> {
  const sodium = await loadSodium();
  if (!(bytes instanceof Uint8Array)) fail('malformed', 'the package is not bytes');
  const header = parseHeader(bytes);
  const afterHeader = header.bytes.length;
  const lengthAt = afterHeader + SEALED_KEY + NONCE;
  if (bytes.length < lengthAt + 4 + TAG) fail('malformed', 'the package is truncated');
  const ciphertextLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(lengthAt);
  const bodyEnd = lengthAt + 4 + ciphertextLength;
  if (ciphertextLength < TAG || ciphertextLength > MAX_CONTENT_BYTES || bytes.length < bodyEnd) {
    fail('malformed', 'the package is truncated');
  }
  if (bytes.length === bodyEnd) fail('unsigned', 'the package carries no signature');
  if (bytes.length !== bodyEnd + SIGNATURE) fail('malformed', 'the package has trailing bytes');
  const body = bytes.subarray(0, bodyEnd);
  const signature = bytes.subarray(bodyEnd);
  if (signature.every((byte) => byte === 0)) fail('unsigned', 'the package signature is empty');
  if (!sodium.crypto_sign_verify_detached(signature, frame([SIGN_LABEL, body]), header.senderSign)) {
    fail('tampered', 'the signature does not verify: the package was altered');
  }
  checkBytes(key.partnerPublicKey, 32, 'partnerPublicKey');
  checkBytes(key.partnerSecretKey, 32, 'partnerSecretKey');
  if (!sodium.memcmp(header.recipient, key.partnerPublicKey)) {
    fail('not-addressed-to-you', 'the package is addressed to another key');
  }
  if (now >= header.expiresAt) fail('expired', 'the package has expired');
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

/** Header fields readable without any key (for the opener's early checks and for tests). */
export function readSharePackageHeader(bytes: Uint8Array): {
  packageId: string;
  createdAt: number;
  expiresAt: number;
  recipientPublicKey: Uint8Array;
  headerLength: number;
} {
  const header = parseHeader(bytes);
  return {
    packageId: header.packageId,
    createdAt: header.createdAt,
    expiresAt: header.expiresAt,
    recipientPublicKey: header.recipient.slice(),
    headerLength: header.bytes.length,
  };
}
