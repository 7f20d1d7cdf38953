import {
  CryptoError,
  openField,
  sealField,
  type Sodium,
  type StaffIdentity,
  type SymmetricKey,
} from '../../../shared/crypto/index';
import { fixedBytes, toBase64Url } from '../../../shared/crypto/encoding';

/**
 * The device's key pairs (X25519 + Ed25519, made by generateIdentity) as this device stores them: public keys in
 * clear, private keys sealed under the device vault key. The vault key is what the passphrase (one Argon2id
 * derivation) or the OS keychain (quick unlock) opens, so one unlock opens both the store and the keys that
 * authenticate the device, and a passphrase change (which re-wraps the vault key) carries the keys along.
 */
export interface SealedDeviceKeys {
  v: 1;
  /** base64url, 32 bytes. */
  boxPublicKey: string;
  /** base64url, 32 bytes. */
  signPublicKey: string;
  /** Field envelope of X25519 secret key (32 bytes) | Ed25519 seed (32 bytes), bound to both public keys. */
  sealedPrivateKeys: string;
}

function context(boxPublicKey: string, signPublicKey: string) {
  return {
    collection: 'lumina.device-keys',
    documentId: `${boxPublicKey}.${signPublicKey}`,
    fieldPath: 'privateKeys',
  };
}

export function sealDeviceKeys(
  sodium: Sodium,
  keys: StaffIdentity,
  vaultKey: SymmetricKey,
): SealedDeviceKeys {
  const boxPublicKey = toBase64Url(keys.boxPublicKey);
  const signPublicKey = toBase64Url(keys.signPublicKey);
  const seed = sodium.crypto_sign_ed25519_sk_to_seed(keys.signSecretKey);
  const secret = new Uint8Array(64);
  secret.set(keys.boxSecretKey, 0);
  secret.set(seed, 32);
  try {
    return {
      v: 1,
      boxPublicKey,
      signPublicKey,
      sealedPrivateKeys: sealField(sodium, vaultKey, secret, context(boxPublicKey, signPublicKey)),
    };
  } finally {
    sodium.memzero(seed);
    sodium.memzero(secret);
  }
}

/**
 * Opens the device keys with the vault key, and checks that the private keys produce the public keys beside them
 * (the envelope's associated data binds the public keys too, so an edited record fails one way or the other).
 */
export function openDeviceKeys(
  sodium: Sodium,
  sealed: SealedDeviceKeys,
  vaultKey: SymmetricKey,
  staffId: string,
): StaffIdentity {
  if (sealed?.v !== 1) throw new CryptoError('unsupported-version', 'device keys of an unknown version');
  const boxPublicKey = fixedBytes(sealed.boxPublicKey, 32, 'boxPublicKey');
  const signPublicKey = fixedBytes(sealed.signPublicKey, 32, 'signPublicKey');
  const secret = openField(
    sodium,
    vaultKey,
    sealed.sealedPrivateKeys,
    context(sealed.boxPublicKey, sealed.signPublicKey),
  );
  try {
    if (secret.length !== 64) throw new CryptoError('malformed', 'sealed device keys are malformed');
    const derivedBox = sodium.crypto_scalarmult_base(secret.subarray(0, 32));
    const sign = sodium.crypto_sign_seed_keypair(secret.subarray(32));
    if (!sodium.memcmp(derivedBox, boxPublicKey) || !sodium.memcmp(sign.publicKey, signPublicKey)) {
      sodium.memzero(sign.privateKey);
      throw new CryptoError('tampered', 'the device keys do not match their public keys');
    }
    return {
      staffId,
      boxPublicKey,
      boxSecretKey: secret.slice(0, 32),
      signPublicKey,
      signSecretKey: sign.privateKey,
    };
  } finally {
    sodium.memzero(secret);
  }
}
