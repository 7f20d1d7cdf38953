import { asciiBytes, checkBytes, fixedBytes, frame, toBase64Url, utf8Encode } from './encoding';
import { CryptoError, type Sodium } from './sodium';

const AUTH_LABEL = asciiBytes('lumina.auth.v1');

/**
 * What a device signs to prove it holds its Ed25519 key: F("lumina.auth.v1", challenge, deviceId). The label
 * keeps this signature from being valid as any other signed object (key wraps use their own label).
 */
export function authChallengeMessage(sodium: Sodium, challenge: string, deviceId: string): Uint8Array {
  return frame([AUTH_LABEL, fixedBytes(challenge, 32, 'the challenge'), utf8Encode(sodium, deviceId)]);
}

export function signAuthChallenge(
  sodium: Sodium,
  signSecretKey: Uint8Array,
  challenge: string,
  deviceId: string,
): string {
  checkBytes(signSecretKey, 64, 'an Ed25519 secret key');
  return toBase64Url(
    sodium.crypto_sign_detached(authChallengeMessage(sodium, challenge, deviceId), signSecretKey),
  );
}

/** True when `signature` is the device's signature over this challenge; false for anything else. */
export function verifyAuthChallenge(
  sodium: Sodium,
  signPublicKey: string,
  challenge: string,
  deviceId: string,
  signature: string,
): boolean {
  try {
    return sodium.crypto_sign_verify_detached(
      fixedBytes(signature, 64, 'the signature'),
      authChallengeMessage(sodium, challenge, deviceId),
      fixedBytes(signPublicKey, 32, 'the public key'),
    );
  } catch (error) {
    if (error instanceof CryptoError) return false;
    throw error;
  }
}
