import { describe, expect, it } from 'vitest';
import { frame } from './encoding';
import { generatePartnerKeyPair } from './partner-key';
import { SIGN_LABEL } from './share-package-format';
import {
  checkSharePackage,
  openSharePackage,
  readSharePackageHeader,
  sealSharePackage,
  sealSharePackageWith,
  sharePackageHash,
  SharePackageError,
  SHARE_PACKAGE_MAX_DAYS,
  type SealShareInput,
  type SharePackageContent,
  type SharePackageErrorCode,
} from './share-package';
import { loadSodium } from './sodium';
import vectors from './vectors.json';

const sodium = await loadSodium();
const hex = (text: string) => sodium.from_hex(text);
const v = vectors.sharePackage;
const DAY = 24 * 60 * 60 * 1000;

const partner = sodium.crypto_box_seed_keypair(hex(v.partnerBoxSeedHex));
const partnerKey = { partnerPublicKey: partner.publicKey, partnerSecretKey: partner.privateKey };
const device = sodium.crypto_sign_seed_keypair(hex(v.deviceSignSeedHex));
const deviceBox = sodium.crypto_box_seed_keypair(hex(v.deviceBoxSeedHex));
const content = v.content as SharePackageContent;
const input: SealShareInput = {
  content,
  partnerPublicKey: partner.publicKey,
  signingSecretKey: device.privateKey,
  signingPublicKey: device.publicKey,
  senderBoxPublicKey: deviceBox.publicKey,
};
const randomness = {
  fileKey: hex(v.fileKeyHex),
  nonce: hex(v.nonceHex),
  ephemeralSeed: hex(v.ephemeralSeedHex),
};
const known = hex(v.packageHex);
const now = content.createdAt + DAY;

async function refusal(promise: Promise<unknown>): Promise<SharePackageErrorCode | 'opened'> {
  try {
    await promise;
    return 'opened';
  } catch (error) {
    if (error instanceof SharePackageError) return error.code;
    throw error;
  }
}

describe('share package vectors', () => {
  it('reproduces the known package byte for byte', () => {
    expect(sodium.to_hex(sealSharePackageWith(sodium, input, randomness))).toBe(v.packageHex);
  });

  it('opens it: content, sender key, device fingerprint, hash', async () => {
    const opened = await openSharePackage(known, partnerKey, now);
    expect(opened.content).toEqual(content);
    expect(sodium.to_hex(opened.senderPublicKey)).toBe(sodium.to_hex(device.publicKey));
    expect(opened.senderFingerprint).toBe(v.senderFingerprint);
    expect(opened.hash).toBe(v.sha256Hex);
    expect(await sharePackageHash(known)).toBe(v.sha256Hex);
  });

  it('checks signature, addressee and expiry without the secret key', async () => {
    const checked = await checkSharePackage(known, partner.publicKey, now);
    expect(checked).toEqual({
      packageId: 'pkg-0001',
      expiresAt: content.expiresAt,
      senderFingerprint: v.senderFingerprint,
    });
    const other = generatePartnerKeyPair(sodium);
    expect(await refusal(checkSharePackage(known, other.publicKey, now))).toBe('not-addressed-to-you');
    expect(await refusal(checkSharePackage(known, partner.publicKey, content.expiresAt))).toBe('expired');
  });

  it('reads the clear header', () => {
    const header = readSharePackageHeader(known);
    expect(header.packageId).toBe('pkg-0001');
    expect(header.expiresAt).toBe(content.expiresAt);
    expect(header.headerLength).toBe(v.headerLength);
    expect(sodium.to_hex(header.recipientPublicKey)).toBe(v.partnerPublicKeyHex);
  });

  it('seals with fresh randomness each time, and a fixed file key still opens', async () => {
    const a = await sealSharePackage(input);
    const b = await sealSharePackage(input, hex(v.fileKeyHex));
    expect(sodium.to_hex(a)).not.toBe(sodium.to_hex(b));
    expect((await openSharePackage(b, partnerKey, now)).content).toEqual(content);
  });
});

describe('share package refusals', () => {
  const headerEnd = v.headerLength;
  const sealedEnd = headerEnd + 80;
  const signatureStart = known.length - 64;
  const regions = [
    ['header', 0, headerEnd],
    ['sealed key', headerEnd, sealedEnd],
    ['nonce, length and ciphertext', sealedEnd, signatureStart],
    ['signature', signatureStart, known.length],
  ] as const;

  it.each(regions)('refuses every flipped byte of the %s', async (_name, start, end) => {
    for (let i = start; i < end; i++) {
      const flipped = known.slice();
      flipped[i]! ^= 0x01;
      expect(await refusal(openSharePackage(flipped, partnerKey, now)), `byte ${i}`).not.toBe('opened');
    }
  });

  it('names the refusal of flipped signature, ciphertext and sealed key bytes: tampered', async () => {
    for (const i of [headerEnd + 40, signatureStart - 1, signatureStart + 5, known.length - 1]) {
      const flipped = known.slice();
      flipped[i]! ^= 0x80;
      expect(await refusal(openSharePackage(flipped, partnerKey, now))).toBe('tampered');
    }
  });

  it('refuses a package for another key: not-addressed-to-you', async () => {
    const other = generatePartnerKeyPair(sodium);
    const code = await refusal(
      openSharePackage(known, { partnerPublicKey: other.publicKey, partnerSecretKey: other.secretKey }, now),
    );
    expect(code).toBe('not-addressed-to-you');
  });

  it('refuses a re-addressed package (header changed to another partner): tampered', async () => {
    const other = generatePartnerKeyPair(sodium);
    const readdressed = known.slice();
    readdressed.set(other.publicKey, headerEnd - 96);
    const key = { partnerPublicKey: other.publicKey, partnerSecretKey: other.secretKey };
    expect(await refusal(openSharePackage(readdressed, key, now))).toBe('tampered');
  });

  it('refuses at and after expiry, opens just before', async () => {
    expect(await refusal(openSharePackage(known, partnerKey, content.expiresAt))).toBe('expired');
    expect(await refusal(openSharePackage(known, partnerKey, content.expiresAt + DAY))).toBe('expired');
    expect(await refusal(openSharePackage(known, partnerKey, content.expiresAt - 1))).toBe('opened');
  });

  it('refuses a stripped or zeroed signature: unsigned', async () => {
    expect(await refusal(openSharePackage(known.slice(0, signatureStart), partnerKey, now))).toBe('unsigned');
    const zeroed = known.slice();
    zeroed.fill(0, signatureStart);
    expect(await refusal(openSharePackage(zeroed, partnerKey, now))).toBe('unsigned');
  });

  it('shows the fingerprint of whichever device signed (another key gives another fingerprint)', async () => {
    // Re-signing with another device key is possible for anyone: the fingerprint shown is what tells them apart.
    const other = sodium.crypto_sign_keypair();
    const opened = await openSharePackage(
      sealSharePackageWith(
        sodium,
        { ...input, signingSecretKey: other.privateKey, signingPublicKey: other.publicKey },
        randomness,
      ),
      partnerKey,
      now,
    );
    expect(opened.senderFingerprint).not.toBe(v.senderFingerprint);
  });

  it('refuses other versions, other magic, truncation and trailing bytes', async () => {
    const version = known.slice();
    version[12] = 2;
    expect(await refusal(openSharePackage(version, partnerKey, now))).toBe('unsupported-version');
    const magic = known.slice();
    magic[0] = 0x58;
    expect(await refusal(openSharePackage(magic, partnerKey, now))).toBe('malformed');
    expect(await refusal(openSharePackage(known.slice(0, 40), partnerKey, now))).toBe('malformed');
    const longer = new Uint8Array(known.length + 1);
    longer.set(known);
    expect(await refusal(openSharePackage(longer, partnerKey, now))).toBe('malformed');
  });

  it('refuses to seal an expiry beyond the maximum, at or before creation, or mismatched signing keys', async () => {
    const at = (expiresAt: number) => sealSharePackage({ ...input, content: { ...content, expiresAt } });
    const max = content.createdAt + SHARE_PACKAGE_MAX_DAYS * DAY;
    expect(await refusal(at(max + 1))).toBe('invalid-input');
    expect(await refusal(at(content.createdAt))).toBe('invalid-input');
    expect(await refusal(at(max))).toBe('opened');
    const other = sodium.crypto_sign_keypair();
    expect(await refusal(sealSharePackage({ ...input, signingPublicKey: other.publicKey }))).toBe(
      'invalid-input',
    );
  });

  it('without the sender X25519 key, shows a signing-key fingerprint in the same format', async () => {
    const bare: SealShareInput = { ...input, senderBoxPublicKey: undefined };
    const opened = await openSharePackage(await sealSharePackage(bare), partnerKey, now);
    expect(opened.senderFingerprint).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(opened.senderFingerprint).not.toBe(v.senderFingerprint);
  });
});

describe('the 31-day maximum when opening', () => {
  /** The known package with its header's expiry moved and signed again by its device: a builder that skipped it. */
  function resealedWithExpiry(expiresAt: number): Uint8Array {
    const bytes = known.slice();
    const idLength = bytes[13]!;
    new DataView(bytes.buffer).setBigUint64(14 + idLength + 8, BigInt(expiresAt));
    const bodyEnd = bytes.length - 64;
    const signature = sodium.crypto_sign_detached(
      frame([SIGN_LABEL, bytes.subarray(0, bodyEnd)]),
      device.privateKey,
    );
    bytes.set(signature, bodyEnd);
    return bytes;
  }

  it('refuses a signed package whose header says it stays open more than 31 days, checked or opened', async () => {
    const long = resealedWithExpiry(content.createdAt + (SHARE_PACKAGE_MAX_DAYS + 1) * DAY);
    expect(await refusal(checkSharePackage(long, partner.publicKey, now))).toBe('lifetime-too-long');
    expect(await refusal(openSharePackage(long, partnerKey, now))).toBe('lifetime-too-long');
    const backwards = resealedWithExpiry(content.createdAt - 1);
    expect(await refusal(checkSharePackage(backwards, partner.publicKey, now))).toBe('lifetime-too-long');
    // Exactly 31 days passes this check (the content, bound to the old header, then fails to authenticate).
    const longest = resealedWithExpiry(content.createdAt + SHARE_PACKAGE_MAX_DAYS * DAY);
    expect((await checkSharePackage(longest, partner.publicKey, now)).expiresAt).toBe(
      content.createdAt + SHARE_PACKAGE_MAX_DAYS * DAY,
    );
    expect(await refusal(openSharePackage(longest, partnerKey, now))).toBe('tampered');
  });
});
