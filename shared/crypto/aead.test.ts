import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { aeadFor } from './aead';
import { loadSodium, type Sodium } from './sodium';

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (
    let i = haystack.indexOf(needle[0]!);
    i >= 0 && i <= haystack.length - needle.length;
    i = haystack.indexOf(needle[0]!, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('aeadFor (libsodium through one wiped heap buffer)', () => {
  let sodium: Sodium;
  beforeAll(async () => {
    sodium = await loadSodium();
  });

  it('gives exactly the bytes of libsodium.js’s own wrappers, and opens what they seal', () => {
    const aead = aeadFor(sodium);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 20_000 }),
        fc.uint8Array({ maxLength: 300 }),
        (plaintext, ad) => {
          const key = sodium.randombytes_buf(32);
          const nonce = sodium.randombytes_buf(24);
          const ours = aead.encrypt(key, nonce, ad, plaintext);
          const theirs = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
          expect(sodium.to_hex(ours)).toBe(sodium.to_hex(theirs));
          expect(sodium.to_hex(aead.decrypt(key, nonce, ad, theirs)!)).toBe(sodium.to_hex(plaintext));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('returns null, not plaintext, for a flipped byte, another AD, a short ciphertext or another key', () => {
    const aead = aeadFor(sodium);
    const key = sodium.randombytes_buf(32);
    const nonce = sodium.randombytes_buf(24);
    const ad = sodium.from_string('clients/c-1/_sealed');
    const sealed = aead.encrypt(key, nonce, ad, sodium.from_string('Penicillin allergy'));
    for (let i = 0; i < sealed.length; i++) {
      const flipped = sealed.slice();
      flipped[i]! ^= 0x01;
      expect(aead.decrypt(key, nonce, ad, flipped)).toBeNull();
    }
    expect(aead.decrypt(key, nonce, sodium.from_string('clients/c-2/_sealed'), sealed)).toBeNull();
    expect(aead.decrypt(key, nonce, ad, sealed.slice(0, 15))).toBeNull();
    expect(aead.decrypt(sodium.randombytes_buf(32), nonce, ad, sealed)).toBeNull();
  });

  it('leaves no copy of the key in libsodium’s heap', () => {
    const aead = aeadFor(sodium);
    // Made outside libsodium: its own randombytes_buf leaves an unwiped copy in the heap, which is not ours to find.
    const key = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const nonce = globalThis.crypto.getRandomValues(new Uint8Array(24));
    const secret = sodium.from_string('medical history: penicillin allergy');
    const sealed = aead.encrypt(key, nonce, new Uint8Array(0), secret);
    aead.decrypt(key, nonce, new Uint8Array(0), sealed);
    const heap = (sodium as unknown as { libsodium: { HEAPU8: Uint8Array } }).libsodium.HEAPU8;
    expect(indexOfBytes(heap, key)).toBe(-1);
    // Not asserted for the plaintext: libsodium's ChaCha20 passes a message's last partial 64-byte block through a
    // buffer on its own stack and does not wipe it, with or without this buffer. It stays in the renderer's memory.
  });
});
