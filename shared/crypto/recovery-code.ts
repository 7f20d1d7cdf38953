import type { Sodium } from './sodium';

/**
 * The recovery key as people copy it from paper: Crockford's base32 (digits and upper-case letters without I, L, O
 * and U), so that 0/O and 1/I/l cannot be confused and no punctuation can be misread, in groups of five, with a
 * checksum, so that a miscopied character is caught when the sheet is typed back instead of silently producing a
 * wrong key. The code is the 32 key bytes followed by 2 check bytes (BLAKE2b-16 of the key, keyed by a label), 34
 * bytes in 55 characters, 11 groups.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_BYTES = 2;
const CHECK_LABEL = 'lumina.recovery-code.v1';
export const RECOVERY_KEY_BYTES = 32;
const CODE_LENGTH = Math.ceil(((RECOVERY_KEY_BYTES + CHECK_BYTES) * 8) / 5);
const GROUP = 5;

function checkBytes(sodium: Sodium, key: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(16, key, sodium.from_string(CHECK_LABEL)).subarray(0, CHECK_BYTES);
}

function encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The key as printed: groups of five characters. */
export function recoveryCodeGroups(sodium: Sodium, key: Uint8Array): string[] {
  if (key.length !== RECOVERY_KEY_BYTES) throw new RangeError('a recovery key is 32 bytes');
  const bytes = new Uint8Array(RECOVERY_KEY_BYTES + CHECK_BYTES);
  bytes.set(key);
  bytes.set(checkBytes(sodium, key), RECOVERY_KEY_BYTES);
  return encode(bytes).match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? [];
}

export type RecoveryCodeProblem = 'length' | 'character' | 'checksum';

/**
 * The key from a code typed back: case, spaces and hyphens do not matter; O reads as 0 and I or L as 1, as
 * Crockford's base32 says. A wrong length, a character outside the alphabet or a failed checksum is refused with
 * the reason (nothing is guessed).
 */
export function parseRecoveryCode(
  sodium: Sodium,
  typed: string,
): { ok: true; key: Uint8Array } | { ok: false; problem: RecoveryCodeProblem } {
  const text = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (text.length !== CODE_LENGTH) return { ok: false, problem: 'length' };
  const bytes = new Uint8Array(RECOVERY_KEY_BYTES + CHECK_BYTES);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const character of text) {
    const value = ALPHABET.indexOf(character);
    if (value < 0) {
      sodium.memzero(bytes);
      return { ok: false, problem: 'character' };
    }
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      if (index < bytes.length) bytes[index++] = (buffer >>> (bits - 8)) & 255;
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  const key = bytes.slice(0, RECOVERY_KEY_BYTES);
  const check = checkBytes(sodium, key);
  const ok = check.every((byte, i) => byte === bytes[RECOVERY_KEY_BYTES + i]) && buffer === 0;
  // A miscopied code is nearly the key: neither copy is left behind.
  sodium.memzero(bytes);
  if (ok) return { ok: true, key };
  sodium.memzero(key);
  return { ok: false, problem: 'checksum' };
}
