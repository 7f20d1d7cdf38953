import type { Sodium } from './sodium';

/** libsodium's own WebAssembly exports, which libsodium.js exposes as `libsodium`. */
interface RawLibsodium {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  // 64-bit lengths are passed as (low, high) pairs of 32-bit numbers.
  _crypto_aead_xchacha20poly1305_ietf_encrypt(...args: number[]): number;
  _crypto_aead_xchacha20poly1305_ietf_decrypt(...args: number[]): number;
}

const KEY = 32;
const NONCE = 24;
const TAG = 16;

/** What {@link Aead.decryptWith} returns when authentication fails. */
export const AUTHENTICATION_FAILED: unique symbol = Symbol('authentication failed');

export interface Aead {
  encrypt(key: Uint8Array, nonce: Uint8Array, associatedData: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** The plaintext, or null when authentication fails. */
  decrypt(
    key: Uint8Array,
    nonce: Uint8Array,
    associatedData: Uint8Array,
    ciphertext: Uint8Array,
  ): Uint8Array | null;
  /**
   * Decrypts and hands the plaintext to `use` without copying it out: the view is valid only during the call and
   * is wiped right after, so `use` must not keep it. For callers that turn the bytes into something else at once
   * (text, JSON), this saves a copy and a wipe per message.
   */
  decryptWith<T>(
    key: Uint8Array,
    nonce: Uint8Array,
    associatedData: Uint8Array,
    ciphertext: Uint8Array,
    use: (plaintext: Uint8Array) => T,
  ): T | typeof AUTHENTICATION_FAILED;
}

/**
 * XChaCha20-Poly1305 (IETF) through libsodium's WebAssembly functions with one reusable buffer in its heap.
 *
 * Why: libsodium.js's wrappers allocate, copy and free every argument on each call, which for fields of a few
 * hundred bytes costs many times the cipher itself (measured in Chromium: about 40 µs per open through the
 * wrappers, against about 3 µs for the call itself), and that cost is paid for every document the store reads.
 * The buffer is wiped after every call, key and plaintext included (the wrappers free theirs without wiping).
 * Same function, same bytes: the known-answer vectors and tamper tests run through this path.
 */
class ArenaAead implements Aead {
  private base = 0;
  private capacity = 0;

  constructor(private readonly lib: RawLibsodium) {}

  private reserve(size: number): number {
    if (size > this.capacity) {
      if (this.base) {
        this.lib.HEAPU8.fill(0, this.base, this.base + this.capacity);
        this.lib._free(this.base);
      }
      this.capacity = Math.max(size, this.capacity * 2, 4096);
      this.base = this.lib._malloc(this.capacity);
      if (!this.base) throw new Error('libsodium could not allocate memory');
    }
    return this.base;
  }

  encrypt(key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    const k = this.reserve(KEY + NONCE + ad.length + plaintext.length * 2 + TAG);
    const n = k + KEY;
    const a = n + NONCE;
    const m = a + ad.length;
    const c = m + plaintext.length;
    const length = plaintext.length + TAG;
    const heap = this.lib.HEAPU8;
    heap.set(key, k);
    heap.set(nonce, n);
    heap.set(ad, a);
    heap.set(plaintext, m);
    try {
      const rc = this.lib._crypto_aead_xchacha20poly1305_ietf_encrypt(
        c,
        0,
        m,
        plaintext.length,
        0,
        a,
        ad.length,
        0,
        0,
        n,
        k,
      );
      if (rc !== 0) throw new Error('libsodium refused to encrypt');
      return this.lib.HEAPU8.slice(c, c + length);
    } finally {
      this.lib.HEAPU8.fill(0, k, c + length);
    }
  }

  decrypt(key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
    const result = this.decryptWith(key, nonce, ad, ciphertext, (plaintext) => plaintext.slice());
    return result === AUTHENTICATION_FAILED ? null : result;
  }

  decryptWith<T>(
    key: Uint8Array,
    nonce: Uint8Array,
    ad: Uint8Array,
    ciphertext: Uint8Array,
    use: (plaintext: Uint8Array) => T,
  ): T | typeof AUTHENTICATION_FAILED {
    if (ciphertext.length < TAG) return AUTHENTICATION_FAILED;
    const k = this.reserve(KEY + NONCE + ad.length + ciphertext.length * 2);
    const n = k + KEY;
    const a = n + NONCE;
    const c = a + ad.length;
    const m = c + ciphertext.length;
    const length = ciphertext.length - TAG;
    const heap = this.lib.HEAPU8;
    heap.set(key, k);
    heap.set(nonce, n);
    heap.set(ad, a);
    heap.set(ciphertext, c);
    try {
      const rc = this.lib._crypto_aead_xchacha20poly1305_ietf_decrypt(
        m,
        0,
        0,
        c,
        ciphertext.length,
        0,
        a,
        ad.length,
        0,
        n,
        k,
      );
      // HEAPU8 is read again: a call into the module may have grown its memory and replaced the view.
      return rc === 0 ? use(this.lib.HEAPU8.subarray(m, m + length)) : AUTHENTICATION_FAILED;
    } finally {
      this.lib.HEAPU8.fill(0, k, m + length);
    }
  }
}

/** Where libsodium.js does not expose its module, the wrappers, which give the same bytes more slowly. */
class WrapperAead implements Aead {
  constructor(private readonly sodium: Sodium) {}

  encrypt(key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    return this.sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
  }

  decrypt(key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
    try {
      return this.sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
    } catch {
      return null;
    }
  }

  decryptWith<T>(
    key: Uint8Array,
    nonce: Uint8Array,
    ad: Uint8Array,
    ciphertext: Uint8Array,
    use: (plaintext: Uint8Array) => T,
  ): T | typeof AUTHENTICATION_FAILED {
    const plaintext = this.decrypt(key, nonce, ad, ciphertext);
    if (!plaintext) return AUTHENTICATION_FAILED;
    try {
      return use(plaintext);
    } finally {
      this.sodium.memzero(plaintext);
    }
  }
}

const instances = new WeakMap<Sodium, Aead>();

export function aeadFor(sodium: Sodium): Aead {
  let aead = instances.get(sodium);
  if (!aead) {
    const lib = (sodium as unknown as { libsodium?: Partial<RawLibsodium> }).libsodium;
    aead =
      lib?.HEAPU8 && lib._malloc && lib._crypto_aead_xchacha20poly1305_ietf_decrypt
        ? new ArenaAead(lib as RawLibsodium)
        : new WrapperAead(sodium);
    instances.set(sodium, aead);
  }
  return aead;
}
