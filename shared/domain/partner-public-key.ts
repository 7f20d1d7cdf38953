import { asciiBytes, decodeBase64Url, frame, toBase64Url } from '../crypto/encoding';
import { PARTNER_PUBLIC_KEY_PREFIX, parsePartnerPublicKeyText } from '../crypto/partner-key';
import type { Sodium } from '../crypto/sodium';

/**
 * A partner's public key as staff paste it from what the partner sent: the opener's one line
 * (`lumina-partner-1:` and base64url of the key and 4 check bytes, shared/crypto/partner-key.ts), surrounding white
 * space and line breaks ignored; or, as the directory stores it, base64url of the 32-byte X25519 key. With `sodium`
 * the line's check bytes are verified (a mistyped line is refused); the fingerprint read by phone is the real check.
 */
export function parsePartnerPublicKey(text: string, sodium?: Sodium): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.startsWith(PARTNER_PUBLIC_KEY_PREFIX)) {
    if (sodium) {
      try {
        return parsePartnerPublicKeyText(sodium, compact).publicKey;
      } catch {
        return undefined;
      }
    }
    const bytes = decodeBase64Url(compact.slice(PARTNER_PUBLIC_KEY_PREFIX.length));
    return bytes && bytes.length === 36 ? bytes.slice(0, 32) : undefined;
  }
  const bytes = decodeBase64Url(compact);
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
