import { describe, expect, it } from 'vitest';
import { signAuthChallenge, verifyAuthChallenge } from './device-auth';
import { toBase64Url } from './encoding';
import { loadSodium } from './sodium';

const sodium = await loadSodium();

describe('device challenge signatures', () => {
  const device = sodium.crypto_sign_keypair();
  const publicKey = toBase64Url(device.publicKey);
  const challenge = toBase64Url(sodium.randombytes_buf(32));
  const deviceId = '6f1c7a52-3c1e-4a8e-9f59-0d3b3f0c2a11';
  const signature = signAuthChallenge(sodium, device.privateKey, challenge, deviceId);

  it('verifies the signature of the device over its challenge', () => {
    expect(verifyAuthChallenge(sodium, publicKey, challenge, deviceId, signature)).toBe(true);
  });

  it('refuses another challenge, another device id, another key, a changed or garbage signature', () => {
    const other = toBase64Url(sodium.randombytes_buf(32));
    expect(verifyAuthChallenge(sodium, publicKey, other, deviceId, signature)).toBe(false);
    expect(verifyAuthChallenge(sodium, publicKey, challenge, deviceId.replace('6', '7'), signature)).toBe(
      false,
    );
    const stranger = toBase64Url(sodium.crypto_sign_keypair().publicKey);
    expect(verifyAuthChallenge(sodium, stranger, challenge, deviceId, signature)).toBe(false);
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(verifyAuthChallenge(sodium, publicKey, challenge, deviceId, flipped)).toBe(false);
    expect(verifyAuthChallenge(sodium, publicKey, challenge, deviceId, 'not base64!')).toBe(false);
    expect(verifyAuthChallenge(sodium, 'short', challenge, deviceId, signature)).toBe(false);
  });
});
