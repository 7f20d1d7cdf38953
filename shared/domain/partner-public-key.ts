import { asciiBytes, decodeBase64Url, frame, toBase64Url } from '../crypto/encoding';
import type { Sodium } from '../crypto/sodium';

/**
 * A partner's public key as staff paste it from what the partner sent. Until the opener's key file format
 * (shared/crypto/partner-key*.ts, issue 15's package work) is merged, the accepted text is one base64url string
 * (no padding) of a 32-byte X25519 public key, surrounding white space ignored. This is the one function to swap.
 */
export function parsePartnerPublicKey(text: string): Uint8Array | undefined {
  const bytes = decodeBase64Url(text.trim());
  return bytes && bytes.length === 32 ? bytes : undefined;
}

export const partnerKeyText = (key: Uint8Array) => toBase64Url(key);

const LABEL = asciiBytes('lumina.partner-fingerprint.v1');

/**
 * What staff and the partner read to each other by phone: BLAKE2b-320 of F("lumina.partner-fingerprint.v1", key)
 * as 8 groups of 5 decimal digits, the device fingerprint's format (shared/crypto/identity.ts).
 */
export function partnerFingerprint(sodium: Sodium, publicKey: Uint8Array): string {
  const hash = sodium.crypto_generichash(40, frame([LABEL, publicKey]), null);
  const groups: string[] = [];
  for (let group = 0; group < 8; group++) {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + hash[group * 5 + i]!;
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}
