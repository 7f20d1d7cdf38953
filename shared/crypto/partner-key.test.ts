import { describe, expect, it } from 'vitest';
import {
  createPartnerKeyFile,
  generatePartnerKeyPair,
  parsePartnerPublicKeyText,
  partnerFingerprint,
  partnerKeyFilePublicKey,
  partnerPublicKeyText,
  PartnerKeyError,
  unlockPartnerKey,
  type PartnerKeyFile,
} from './partner-key';
import { KDF_FLOOR, newKdfParams, sealUnderPassphraseWithNonce, type KdfParams } from './passphrase-kdf';
import { loadSodium } from './sodium';
import vectors from './vectors.json';

// Two key files at the KDF floor: three Argon2id derivations to seal and open, about a second in all.
const sodium = await loadSodium();
const v = vectors.partnerKey;
const floor = () => newKdfParams(sodium, KDF_FLOOR);
const passphrase = 'lantern orbit 藤の花 quietly 42';

function code(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof PartnerKeyError) return error.code;
    throw error;
  }
}

describe('partner key vectors', () => {
  const pair = sodium.crypto_box_seed_keypair(sodium.from_hex(v.boxSeedHex));

  it('computes the known fingerprint and public-key text', () => {
    expect(sodium.to_hex(pair.publicKey)).toBe(v.publicKeyHex);
    expect(partnerFingerprint(sodium, pair.publicKey)).toBe(v.fingerprint);
    expect(partnerPublicKeyText(sodium, pair.publicKey)).toBe(v.publicKeyText);
    const parsed = parsePartnerPublicKeyText(
      sodium,
      `  ${v.publicKeyText.slice(0, 20)}\n${v.publicKeyText.slice(20)} `,
    );
    expect(sodium.to_hex(parsed.publicKey)).toBe(v.publicKeyHex);
    expect(parsed.fingerprint).toBe(v.fingerprint);
  });

  it('refuses a mistyped public-key text', () => {
    const text = v.publicKeyText;
    const last = text.at(-3) === 'A' ? 'B' : 'A';
    expect(code(() => parsePartnerPublicKeyText(sodium, text.slice(0, -3) + last + text.slice(-2)))).toBe(
      'malformed',
    );
    expect(code(() => parsePartnerPublicKeyText(sodium, text.slice(1)))).toBe('malformed');
    expect(code(() => parsePartnerPublicKeyText(sodium, text.slice(0, -4)))).toBe('malformed');
  });

  it('seals the secret key with the passphrase-sealed layout and the partner-key purpose', () => {
    const kdf = vectors.passphrase.kdf as KdfParams;
    const purpose = JSON.stringify(['lumina.partner-key.v1', sodium.to_base64(pair.publicKey, 7)]);
    const sealed = sealUnderPassphraseWithNonce(
      sodium,
      passphrase,
      pair.privateKey,
      kdf,
      purpose,
      new Uint8Array(24),
    );
    const file: PartnerKeyFile = {
      format: 'lumina-partner-key',
      v: 1,
      publicKey: sodium.to_base64(pair.publicKey, 7),
      fingerprint: v.fingerprint,
      createdAt: 0,
      sealedSecretKey: sealed,
    };
    const unlocked = unlockPartnerKey(sodium, JSON.stringify(file), passphrase);
    expect(sodium.to_hex(unlocked.secretKey)).toBe(sodium.to_hex(pair.privateKey));
  });
});

describe('partner key files', () => {
  const pair = generatePartnerKeyPair(sodium);
  const file = createPartnerKeyFile(sodium, pair, passphrase, 1796601600000, floor());

  it('holds the public key and fingerprint in clear and never the secret key', () => {
    const text = JSON.stringify(file);
    expect(text).not.toContain(sodium.to_base64(pair.secretKey, 7));
    const read = partnerKeyFilePublicKey(sodium, text);
    expect(read.fingerprint).toBe(pair.fingerprint);
    expect(file.fingerprint).toBe(pair.fingerprint);
    expect(file.sealedSecretKey.kdf.alg).toBe('argon2id13');
  });

  it('unlocks with the passphrase and refuses a wrong one clearly', () => {
    expect(sodium.to_hex(unlockPartnerKey(sodium, file, passphrase).secretKey)).toBe(
      sodium.to_hex(pair.secretKey),
    );
    expect(code(() => unlockPartnerKey(sodium, file, passphrase + ' '))).toBe('wrong-passphrase');
    expect(code(() => unlockPartnerKey(sodium, file, ''))).toBe('wrong-passphrase');
  });

  it('refuses a file whose public key was swapped, below the KDF floor, or not a key file', () => {
    const other = generatePartnerKeyPair(sodium);
    const swapped = { ...file, publicKey: sodium.to_base64(other.publicKey, 7) };
    expect(code(() => unlockPartnerKey(sodium, swapped, passphrase))).toBe('wrong-passphrase');
    const weak = {
      ...file,
      sealedSecretKey: { ...file.sealedSecretKey, kdf: { ...file.sealedSecretKey.kdf, opsLimit: 1 } },
    };
    expect(code(() => unlockPartnerKey(sodium, weak, passphrase))).toBe('malformed');
    expect(code(() => unlockPartnerKey(sodium, '{"format":"x"}', passphrase))).toBe('malformed');
    expect(code(() => unlockPartnerKey(sodium, 'not json', passphrase))).toBe('malformed');
    expect(code(() => unlockPartnerKey(sodium, { ...file, v: 2 }, passphrase))).toBe('unsupported-version');
  });

  it('refuses to create a file from mismatched keys or an empty passphrase', () => {
    const other = generatePartnerKeyPair(sodium);
    expect(
      code(() => createPartnerKeyFile(sodium, { ...pair, publicKey: other.publicKey }, passphrase, 0)),
    ).toBe('invalid-input');
    expect(code(() => createPartnerKeyFile(sodium, pair, '', 0))).toBe('invalid-input');
  });
});
