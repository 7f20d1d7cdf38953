import { describe, expect, it } from 'vitest';
import { sealFieldWithNonce } from './field-envelope';
import { fingerprint } from './identity';
import { keyWrapSignedBytes, signKeyWrap, unwrapDataKey, type KeyWrap } from './key-wrap';
import {
  deriveKey,
  openUnderPassphrase,
  sealUnderPassphraseWithNonce,
  type KdfParams,
} from './passphrase-kdf';
import { partnerFingerprint } from './partner-key';
import { openSharePackage, sealSharePackageWith, type SharePackageContent } from './share-package';
import { loadSodium } from './sodium';
import { openField } from './field-envelope';
import vectors from './vectors.json';

// Known answers, generated once from docs/crypto-spec.md with raw libsodium calls (not this code): any change to
// a byte layout, an associated data or a derivation breaks them. Three Argon2id derivations in this file.

const sodium = await loadSodium();
const hex = (text: string) => sodium.from_hex(text);

function identityFromSeeds(v: (typeof vectors.identities)['granter']) {
  const sign = sodium.crypto_sign_seed_keypair(hex(v.signSeedHex));
  const box = sodium.crypto_box_seed_keypair(hex(v.boxSeedHex));
  return {
    staffId: v.staffId,
    boxPublicKey: box.publicKey,
    boxSecretKey: box.privateKey,
    signPublicKey: sign.publicKey,
    signSecretKey: sign.privateKey,
  };
}

describe('field envelope vectors', () => {
  it.each(vectors.fieldEnvelopes)('reproduces $envelope byte for byte and opens it', (v) => {
    const key = { id: v.keyId, bytes: hex(v.keyHex) };
    const plaintext = sodium.from_string(v.plaintextUtf8);
    expect(sealFieldWithNonce(sodium, key, plaintext, v.context, hex(v.nonceHex))).toBe(v.envelope);
    expect(sodium.to_string(openField(sodium, key, v.envelope, v.context))).toBe(v.plaintextUtf8);
  });
});

describe('passphrase vectors (floor parameters)', () => {
  const v = vectors.passphrase;
  const kdf = v.kdf as KdfParams;

  it('derives the known Argon2id key and key id from a fixed salt', () => {
    const key = deriveKey(sodium, v.passphrase, kdf);
    expect(sodium.to_hex(key.bytes)).toBe(v.keyHex);
    expect(key.id).toBe(v.keyId);
  });

  it('reproduces the known passphrase-sealed secret', () => {
    const sealed = sealUnderPassphraseWithNonce(
      sodium,
      v.passphrase,
      hex(v.sealed.secretHex),
      kdf,
      v.sealed.purpose,
      hex(v.sealed.nonceHex),
    );
    expect(sealed).toEqual(v.sealed.value);
  });

  it('opens it with the passphrase typed in decomposed form (NFD), which is normalised to NFC', () => {
    const decomposed = v.passphrase.normalize('NFD');
    expect(decomposed).not.toBe(v.passphrase);
    const secret = openUnderPassphrase(
      sodium,
      decomposed,
      v.sealed.value as { v: 1; kdf: KdfParams; envelope: string },
      v.sealed.purpose,
    );
    expect(sodium.to_hex(secret)).toBe(v.sealed.secretHex);
  });
});

describe('identity and key-wrap vectors', () => {
  const granter = identityFromSeeds(vectors.identities.granter);
  const recipient = identityFromSeeds(vectors.identities.recipient);
  const wrap = vectors.keyWrap.wrap as KeyWrap;

  it('derives the known public keys from the seeds', () => {
    expect(sodium.to_hex(granter.signPublicKey)).toBe(vectors.identities.granter.signPublicKeyHex);
    expect(sodium.to_hex(recipient.boxPublicKey)).toBe(vectors.identities.recipient.boxPublicKeyHex);
  });

  it('computes the known fingerprints', () => {
    for (const [identity, v] of [
      [granter, vectors.identities.granter],
      [recipient, vectors.identities.recipient],
    ] as const) {
      expect(fingerprint(sodium, identity.boxPublicKey, identity.signPublicKey)).toBe(v.fingerprint);
    }
    expect(vectors.identities.granter.fingerprint).toBe('30167 95541 48590 50452 49583 50469 83005 52710');
  });

  it('builds the known signed bytes and the known Ed25519 signature over a wrap', () => {
    const { signature, ...unsigned } = wrap;
    expect(sodium.to_hex(keyWrapSignedBytes(sodium, unsigned, recipient.boxPublicKey))).toBe(
      vectors.keyWrap.signedBytesHex,
    );
    expect(signKeyWrap(sodium, unsigned, recipient.boxPublicKey, granter).signature).toBe(signature);
  });

  it('unwraps the known sealed data key', () => {
    const key = unwrapDataKey(sodium, wrap, recipient, granter.signPublicKey);
    expect(key.id).toBe(wrap.keyId);
    expect(sodium.to_hex(key.bytes)).toBe(vectors.keyWrap.dataKeyHex);
  });
});

describe('share package and partner key vectors (more in share-package.test.ts, partner-key.test.ts)', () => {
  const v = vectors.sharePackage;

  it('reproduces the known package and opens it with the partner key', async () => {
    const partner = sodium.crypto_box_seed_keypair(hex(v.partnerBoxSeedHex));
    const device = sodium.crypto_sign_seed_keypair(hex(v.deviceSignSeedHex));
    const input = {
      content: v.content as SharePackageContent,
      partnerPublicKey: partner.publicKey,
      signingSecretKey: device.privateKey,
      signingPublicKey: device.publicKey,
      senderBoxPublicKey: sodium.crypto_box_seed_keypair(hex(v.deviceBoxSeedHex)).publicKey,
    };
    const random = {
      fileKey: hex(v.fileKeyHex),
      nonce: hex(v.nonceHex),
      ephemeralSeed: hex(v.ephemeralSeedHex),
    };
    expect(sodium.to_hex(sealSharePackageWith(sodium, input, random))).toBe(v.packageHex);
    const key = { partnerPublicKey: partner.publicKey, partnerSecretKey: partner.privateKey };
    const opened = await openSharePackage(hex(v.packageHex), key, v.content.createdAt);
    expect(opened.senderFingerprint).toBe(v.senderFingerprint);
    expect(partnerFingerprint(sodium, partner.publicKey)).toBe(vectors.partnerKey.fingerprint);
  });
});
