import { asciiBytes } from './encoding';

/** The byte layout and content shape of "lumina-share/1" (docs/crypto-spec.md); share-package.ts seals and opens. */

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
  /** Opening: the header's expiry is more than SHARE_PACKAGE_MAX_DAYS after its creation (or not after it). */
  | 'lifetime-too-long'
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

export const DAY_MS = 24 * 60 * 60 * 1000;
export const KEY = 32;
export const NONCE = 24;
export const TAG = 16;
export const SEALED_KEY = 32 + KEY + TAG;
export const SIGNATURE = 64;
export const PACKAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const AD_LABEL = asciiBytes('lumina.share.v1');
export const SIGN_LABEL = asciiBytes('lumina.share.signature.v1');
export const SIGN_ONLY_FINGERPRINT_LABEL = 'lumina.fingerprint.sign.v1';
export const MAX_CONTENT_BYTES = 16 * 1024 * 1024;

export interface Header {
  bytes: Uint8Array;
  version: number;
  packageId: string;
  createdAt: number;
  expiresAt: number;
  recipient: Uint8Array;
  senderSign: Uint8Array;
  senderBox: Uint8Array;
}

export function fail(code: SharePackageErrorCode, message: string): never {
  throw new SharePackageError(code, message);
}

export function checkContent(content: SharePackageContent): void {
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
export function isContent(value: unknown): value is SharePackageContent {
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

export function encodeHeader(
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
export function parseHeader(bytes: Uint8Array): Header {
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
