import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  envelopeKeyId,
  openField,
  openJson,
  sealField,
  sealJson,
  type FieldContext,
  type SymmetricKey,
} from './field-envelope';
import { newDataKey } from './key-wrap';
import { loadSodium, type CryptoErrorCode } from './sodium';
import { thrown } from '../../tests/support/crypto-errors';

const sodium = await loadSodium();
const B64 = sodium.base64_variants.URLSAFE_NO_PADDING;

const key: SymmetricKey = { id: '0123456789abcdef', bytes: sodium.from_hex('11'.repeat(32)) };
const context: FieldContext = { collection: 'medical', documentId: 'client-0001', fieldPath: 'history' };

/** The error a call throws, or a failure if it returns: callers assert on the code. */

const japaneseChar = fc
  .oneof(
    fc.integer({ min: 0x3041, max: 0x3096 }),
    fc.integer({ min: 0x30a1, max: 0x30fa }),
    fc.integer({ min: 0x4e00, max: 0x9fff }),
    fc.integer({ min: 0xff01, max: 0xff5e }),
    fc.integer({ min: 0x1f300, max: 0x1f64f }),
  )
  .map((codePoint) => String.fromCodePoint(codePoint));
const japanese = fc.string({ unit: japaneseChar, maxLength: 120 });
/** Any UTF-16 code unit, surrogates often: strings that are not well-formed Unicode. */
const codeUnit = fc
  .oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff }))
  .map((unit) => String.fromCharCode(unit));
const anyText = fc.oneof(japanese, fc.string({ unit: 'grapheme', maxLength: 60 }));
const contextText = fc.oneof(
  fc.string({ unit: japaneseChar, minLength: 1, maxLength: 20 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
);
const contexts = fc.record({ collection: contextText, documentId: contextText, fieldPath: contextText });
const medicalRecord = fc.record({
  name: anyText,
  passport: fc.stringMatching(/^[A-Z]{2}[0-9]{7}$/),
  allergies: fc.array(japanese, { maxLength: 5 }),
  history: fc.array(fc.record({ year: fc.integer({ min: 1900, max: 2100 }), note: anyText }), {
    maxLength: 4,
  }),
  weightKg: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
});

describe('sealJson / openJson', () => {
  it('round-trips any JSON value, including Japanese text, in any context', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), medicalRecord, japanese), contexts, (value, where) => {
        const envelope = sealJson(sodium, key, value, where);
        expect(openJson(sodium, key, envelope, where)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips strings with lone surrogates exactly (JSON escapes them)', () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 40 }), (text) => {
        expect(openJson(sodium, key, sealJson(sodium, key, text, context), context)).toBe(text);
      }),
    );
    expect(openJson(sodium, key, sealJson(sodium, key, '\uD800a\uDFFF', context), context)).toBe(
      '\uD800a\uDFFF',
    );
  });

  it('round-trips the exact bytes through sealField / openField', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), contexts, (bytes, where) => {
        expect(openField(sodium, key, sealField(sodium, key, bytes, where), where)).toEqual(bytes);
      }),
    );
  });

  it('refuses a value JSON cannot represent', () => {
    expect(thrown(() => sealJson(sodium, key, undefined, context)).code).toBe('invalid-input');
  });
});

describe('sealField', () => {
  it('writes "1.<key id>.<base64url of nonce | ciphertext>" with a fresh nonce each time', () => {
    const plaintext = sodium.from_string('ペニシリン');
    const a = sealField(sodium, key, plaintext, context);
    const b = sealField(sodium, key, plaintext, context);
    expect(a).toMatch(/^1\.0123456789abcdef\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    const body = sodium.from_base64(a.split('.')[2]!, B64);
    expect(body.length).toBe(24 + plaintext.length + 16);
    expect(body.subarray(0, 24)).not.toEqual(sodium.from_base64(b.split('.')[2]!, B64).subarray(0, 24));
    expect(envelopeKeyId(a)).toBe('0123456789abcdef');
  });

  it('refuses unusable keys and contexts', () => {
    const bytes = new Uint8Array(1);
    expect(thrown(() => sealField(sodium, { id: 'k', bytes: new Uint8Array(31) }, bytes, context)).code).toBe(
      'invalid-input',
    );
    expect(thrown(() => sealField(sodium, { ...key, id: 'has.dot' }, bytes, context)).code).toBe(
      'invalid-input',
    );
    expect(thrown(() => sealField(sodium, key, bytes, { ...context, documentId: '' })).code).toBe(
      'invalid-input',
    );
    expect(thrown(() => sealField(sodium, key, bytes, { ...context, fieldPath: 'a\uD800' })).code).toBe(
      'invalid-input',
    );
  });
});

describe('openField refuses', () => {
  const secret = '{"diagnosis":"2型糖尿病"}';
  const envelope = sealJson(sodium, key, JSON.parse(secret), context);
  const [, , body64] = envelope.split('.') as [string, string, string];
  const body = sodium.from_base64(body64, B64);
  const prefix = envelope.slice(0, envelope.length - body64.length);

  it('a flip of any single bit pattern at any byte of the body, as tampered', () => {
    let checked = 0;
    for (let i = 0; i < body.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const altered = body.slice();
        altered[i]! ^= mask;
        const error = thrown(() => openField(sodium, key, prefix + sodium.to_base64(altered, B64), context));
        expect(error.code).toBe('tampered');
        expect(error.message).not.toContain('糖尿病');
        checked++;
      }
    }
    expect(checked).toBe(3 * (24 + sodium.from_string(secret).length + 16));
  });

  it('a change to any byte of the version and key-id prefix', () => {
    const allowed: CryptoErrorCode[] = ['malformed', 'unsupported-version', 'wrong-key'];
    for (let i = 0; i < prefix.length; i++) {
      const altered =
        prefix.slice(0, i) + String.fromCharCode(prefix.charCodeAt(i) ^ 0x01) + prefix.slice(i + 1);
      expect(allowed).toContain(thrown(() => openField(sodium, key, altered + body64, context)).code);
    }
    expect(thrown(() => openField(sodium, key, '2' + envelope.slice(1), context)).code).toBe(
      'unsupported-version',
    );
  });

  it('every truncation', () => {
    for (let length = 0; length < envelope.length; length++) {
      const code = thrown(() => openField(sodium, key, envelope.slice(0, length), context)).code;
      expect(['malformed', 'tampered']).toContain(code);
    }
  });

  it('an envelope moved to another document, field or collection', () => {
    for (const moved of [
      { ...context, documentId: 'client-0002' },
      { ...context, fieldPath: 'medications' },
      { ...context, collection: 'clients' },
    ]) {
      const error = thrown(() => openField(sodium, key, envelope, moved));
      expect(error.code).toBe('tampered');
      expect(error.message).toContain('another collection, document or field');
    }
  });

  it('moves that keep the concatenated text the same (the parts are length-prefixed)', () => {
    const sealed = sealField(sodium, key, new Uint8Array([1]), {
      collection: 'a',
      documentId: 'bc',
      fieldPath: 'd',
    });
    expect(
      thrown(() => openField(sodium, key, sealed, { collection: 'ab', documentId: 'c', fieldPath: 'd' }))
        .code,
    ).toBe('tampered');
    expect(
      thrown(() => openField(sodium, key, sealed, { collection: 'a', documentId: 'b', fieldPath: 'cd' }))
        .code,
    ).toBe('tampered');
  });

  it('any move between two different random contexts', () => {
    fc.assert(
      fc.property(contexts, contexts, (from, to) => {
        fc.pre(JSON.stringify(from) !== JSON.stringify(to));
        const sealed = sealField(sodium, key, new Uint8Array([42]), from);
        expect(thrown(() => openField(sodium, key, sealed, to)).code).toBe('tampered');
      }),
    );
  });

  it('another key id as wrong-key, and another key under the same id as tampered', () => {
    const other = newDataKey(sodium);
    expect(thrown(() => openField(sodium, other, envelope, context)).code).toBe('wrong-key');
    expect(thrown(() => openField(sodium, { id: key.id, bytes: other.bytes }, envelope, context)).code).toBe(
      'tampered',
    );
  });

  it('garbage', () => {
    for (const garbage of [
      '',
      '.',
      '1..',
      '1.k.',
      '1.k.!!!!',
      'x.k.AAAA',
      '1.k.AAAA',
      `1.${key.id}.${'A'.repeat(52)}`,
    ]) {
      expect(['malformed', 'unsupported-version', 'tampered']).toContain(
        thrown(() => openField(sodium, key, garbage, context)).code,
      );
    }
    expect(thrown(() => envelopeKeyId('not an envelope')).code).toBe('malformed');
    expect(thrown(() => openField(sodium, key, `${envelope}=`, context)).code).toBe('malformed');
  });
});
