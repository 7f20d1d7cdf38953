import { recoveryKeyFingerprint, type Sodium } from '../../../shared/crypto/index';
import { recoveryCodeGroups } from '../../../shared/crypto/recovery-code';

/**
 * The organisation recovery key: an X25519 key pair made on the first admin's device at setup. Every client data
 * key is wrapped to its public half (served to all devices by GET /organisation); the private half is shown once
 * on a recovery sheet to print and keep offline, and the app never stores it anywhere.
 */
export interface RecoveryKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
  /** When it was made (milliseconds since the epoch), printed on the sheet. */
  createdAt: number;
}

export function newRecoveryKeyPair(sodium: Sodium, now: number): RecoveryKeyPair {
  const pair = sodium.crypto_box_keypair();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey, createdAt: now };
}

/**
 * The private key as printed, to copy back by hand if ever needed: Crockford base32 with a checksum, in groups of
 * five (shared/crypto/recovery-code.ts), so that a character misread from paper is caught, not used.
 */
export function recoveryKeyGroups(sodium: Sodium, privateKey: Uint8Array): string[] {
  return recoveryCodeGroups(sodium, privateKey);
}

/**
 * What identifies the key pair on paper and on screen without revealing it: the first 16 bytes of BLAKE2b of the
 * public key, in hex groups of four. Anyone can compare it with the organisation's public key later.
 */
export function recoveryFingerprint(sodium: Sodium, publicKey: Uint8Array): string {
  return recoveryKeyFingerprint(sodium, publicKey);
}

/** Zeroes the private key in place, once the sheet has been printed (or the setup failed). */
export function wipeRecoveryKey(sodium: Sodium, pair: RecoveryKeyPair): void {
  sodium.memzero(pair.privateKey);
}
