import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, frame, toBase64Url, unframe, utf8Decode, utf8Encode } from './encoding';
import { loadSodium } from './sodium';

const sodium = await loadSodium();
const URLSAFE = sodium.base64_variants.URLSAFE_NO_PADDING;

function libsodiumDecode(text: string): Uint8Array | null {
  try {
    return sodium.from_base64(text, URLSAFE);
  } catch {
    return null;
  }
}

describe('toBase64Url', () => {
  it("writes exactly libsodium's URLSAFE_NO_PADDING encoding, for short and long inputs", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(toBase64Url(bytes)).toBe(sodium.to_base64(bytes, URLSAFE));
      }),
      { numRuns: 500 },
    );
    // Longer than one chunk of character codes.
    const long = sodium.randombytes_buf(20_000);
    expect(toBase64Url(long)).toBe(sodium.to_base64(long, URLSAFE));
  });
});

describe('utf8Encode / utf8Decode', () => {
  it("agree with libsodium's from_string / to_string and refuse bytes that are not UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const bytes = utf8Encode(sodium, text);
        expect(bytes).toEqual(sodium.from_string(text));
        expect(utf8Decode(sodium, bytes)).toBe(text);
      }),
    );
    expect(() => utf8Decode(sodium, Uint8Array.of(0xc3, 0x28))).toThrow();
  });
});

describe('decodeBase64Url', () => {
  it("inverts libsodium's URLSAFE_NO_PADDING encoding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(decodeBase64Url(sodium.to_base64(bytes, URLSAFE))).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it("accepts and refuses exactly what libsodium's strict decoder does", () => {
    const char = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
      ...'AQgw-_=+/ \n.é\u00ff\u0100語',
    );
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 12 }), (text) => {
        expect(decodeBase64Url(text)).toEqual(libsodiumDecode(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses non-canonical trailing bits, padding and the standard alphabet', () => {
    expect(decodeBase64Url('AA')).toEqual(new Uint8Array([0]));
    expect(decodeBase64Url('AB')).toBeNull();
    expect(decodeBase64Url('AAB')).toBeNull();
    expect(decodeBase64Url('AA==')).toBeNull();
    expect(decodeBase64Url('+/8')).toBeNull();
    expect(decodeBase64Url('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(decodeBase64Url('A')).toBeNull();
    expect(decodeBase64Url('')).toEqual(new Uint8Array(0));
  });
});

describe('frame', () => {
  it('prefixes each part with its 4-byte big-endian length', () => {
    expect(Array.from(frame([Uint8Array.of(7), new Uint8Array(0), Uint8Array.of(1, 2)]))).toEqual([
      0, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0, 2, 1, 2,
    ]);
  });

  it('is undone by unframe, and distinguishes any two different lists of parts', () => {
    const parts = fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 4 });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        expect(unframe(frame(a), a.length)).toEqual(a);
        const same =
          a.length === b.length && a.every((part, i) => sodium.to_hex(part) === sodium.to_hex(b[i]!));
        expect(sodium.to_hex(frame(a)) === sodium.to_hex(frame(b))).toBe(same);
      }),
    );
    expect(unframe(Uint8Array.of(0, 0, 0, 2, 1), 1)).toBeNull();
    expect(unframe(Uint8Array.of(0, 0, 0, 0, 9), 1)).toBeNull();
  });
});
