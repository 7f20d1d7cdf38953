import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateIdentity } from './identity';
import {
  keyWrapSignedBytes,
  newDataKey,
  signKeyWrap,
  unwrapDataKey,
  verifyKeyWrap,
  wipeKey,
  wrapDataKey,
  type KeyWrap,
} from './key-wrap';
import { loadSodium } from './sodium';
import { thrown } from '../../tests/support/crypto-errors';

const sodium = await loadSodium();
const B64 = sodium.base64_variants.URLSAFE_NO_PADDING;

const granter = generateIdentity(sodium, 'staff-manager');
const recipient = generateIdentity(sodium, 'staff-concierge');
const outsider = generateIdentity(sodium, 'staff-outsider');
function unsignedOf(wrap: KeyWrap): Omit<KeyWrap, 'signature'> {
  const copy: Partial<KeyWrap> = { ...wrap };
  delete copy.signature;
  return copy as Omit<KeyWrap, 'signature'>;
}

const asRecipient = { id: recipient.staffId, boxPublicKey: recipient.boxPublicKey };

describe('wrapDataKey / unwrapDataKey', () => {
  it('round-trip random keys for any client id, Japanese included', () => {
    const clientIds = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      fc.constantFrom('client-0001', '顧客-山田花子', 'クライアント①'),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), clientIds, (bytes, clientId) => {
        const key = { id: sodium.to_hex(bytes.subarray(0, 8)), bytes };
        const wrap = wrapDataKey(sodium, key, clientId, asRecipient, granter);
        expect(wrap).toMatchObject({
          v: 1,
          keyId: key.id,
          clientId,
          recipientId: 'staff-concierge',
          granterId: 'staff-manager',
        });
        const opened = unwrapDataKey(sodium, wrap, recipient, granter.signPublicKey, {
          clientId,
          keyId: key.id,
        });
        expect(opened).toEqual(key);
      }),
      { numRuns: 50 },
    );
  });

  it('newDataKey makes random 32-byte keys with 16-hex-character ids, and wipeKey zeroes them', () => {
    const a = newDataKey(sodium);
    const b = newDataKey(sodium);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a.bytes).toHaveLength(32);
    expect(a.id).not.toBe(b.id);
    expect(a.bytes).not.toEqual(b.bytes);
    wipeKey(sodium, a);
    expect(a.bytes).toEqual(new Uint8Array(32));
  });
});

describe('unwrapDataKey refuses', () => {
  const dataKey = newDataKey(sodium);
  const wrap = wrapDataKey(sodium, dataKey, 'client-0001', asRecipient, granter);
  const sealed = sodium.from_base64(wrap.sealed, B64);
  const signature = sodium.from_base64(wrap.signature, B64);

  it('any single-byte change of the sealed key, as bad-signature', () => {
    for (let i = 0; i < sealed.length; i++) {
      const altered = sealed.slice();
      altered[i]! ^= 0x01;
      const tampered = { ...wrap, sealed: sodium.to_base64(altered, B64) };
      expect(thrown(() => unwrapDataKey(sodium, tampered, recipient, granter.signPublicKey)).code).toBe(
        'bad-signature',
      );
    }
    expect(sealed.length).toBe(48 + 4 + 11 + 4 + 16 + 4 + 32);
  });

  it('any single-byte change of the signature, as bad-signature', () => {
    for (let i = 0; i < signature.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const altered = signature.slice();
        altered[i]! ^= mask;
        const tampered = { ...wrap, signature: sodium.to_base64(altered, B64) };
        expect(thrown(() => unwrapDataKey(sodium, tampered, recipient, granter.signPublicKey)).code).toBe(
          'bad-signature',
        );
      }
    }
  });

  it('any changed label, as bad-signature (or wrong-key for the addressee)', () => {
    for (const [field, value, code] of [
      ['keyId', 'ffffffffffffffff', 'bad-signature'],
      ['clientId', 'client-0002', 'bad-signature'],
      ['granterId', 'staff-outsider', 'bad-signature'],
      ['recipientId', 'staff-outsider', 'wrong-key'],
    ] as const) {
      const relabelled = { ...wrap, [field]: value };
      expect(thrown(() => unwrapDataKey(sodium, relabelled, recipient, granter.signPublicKey)).code).toBe(
        code,
      );
    }
  });

  it('a signature by anyone but the expected granter', () => {
    expect(thrown(() => unwrapDataKey(sodium, wrap, recipient, outsider.signPublicKey)).code).toBe(
      'bad-signature',
    );
    const unsigned = unsignedOf(wrap);
    const forged = signKeyWrap(
      sodium,
      { ...unsigned, granterId: outsider.staffId },
      recipient.boxPublicKey,
      outsider,
    );
    expect(thrown(() => unwrapDataKey(sodium, forged, recipient, granter.signPublicKey)).code).toBe(
      'bad-signature',
    );
  });

  it('another recipient, even one who relabels the wrap to themselves', () => {
    expect(thrown(() => unwrapDataKey(sodium, wrap, outsider, granter.signPublicKey)).code).toBe('wrong-key');
    const relabelled = { ...wrap, recipientId: outsider.staffId };
    expect(thrown(() => unwrapDataKey(sodium, relabelled, outsider, granter.signPublicKey)).code).toBe(
      'bad-signature',
    );
  });

  it('a sealed key altered and then re-signed by the granter, as tampered', () => {
    const altered = sealed.slice();
    altered[60]! ^= 0x01;
    const unsigned = unsignedOf(wrap);
    const resigned = signKeyWrap(
      sodium,
      { ...unsigned, sealed: sodium.to_base64(altered, B64) },
      recipient.boxPublicKey,
      granter,
    );
    expect(thrown(() => unwrapDataKey(sodium, resigned, recipient, granter.signPublicKey)).code).toBe(
      'tampered',
    );
  });

  it('a sealed key relabelled as another client or key id and re-signed, as context-mismatch', () => {
    const unsigned = unsignedOf(wrap);
    for (const relabel of [{ clientId: 'client-0002' }, { keyId: '0000000000000000' }]) {
      const resigned = signKeyWrap(sodium, { ...unsigned, ...relabel }, recipient.boxPublicKey, granter);
      expect(thrown(() => unwrapDataKey(sodium, resigned, recipient, granter.signPublicKey)).code).toBe(
        'context-mismatch',
      );
    }
  });

  it('a wrap for another client or key than expected, as context-mismatch', () => {
    for (const expectation of [{ clientId: 'client-0002' }, { keyId: '0000000000000000' }]) {
      expect(
        thrown(() => unwrapDataKey(sodium, wrap, recipient, granter.signPublicKey, expectation)).code,
      ).toBe('context-mismatch');
    }
  });

  it('unknown versions and garbage', () => {
    expect(
      thrown(() => unwrapDataKey(sodium, { ...wrap, v: 2 }, recipient, granter.signPublicKey)).code,
    ).toBe('unsupported-version');
    for (const garbage of [
      { ...wrap, sealed: '***' },
      { ...wrap, signature: 'AAAA' },
      { ...wrap, keyId: 'a.b' },
    ]) {
      expect(thrown(() => unwrapDataKey(sodium, garbage, recipient, granter.signPublicKey)).code).toBe(
        'malformed',
      );
    }
    expect(
      thrown(() => unwrapDataKey(sodium, null as unknown as KeyWrap, recipient, granter.signPublicKey)).code,
    ).toBe('malformed');
  });
});

describe('verifyKeyWrap', () => {
  it('checks the signature without opening, for the recipient key it was sealed to', () => {
    const wrap = wrapDataKey(sodium, newDataKey(sodium), 'client-0001', asRecipient, granter);
    expect(verifyKeyWrap(sodium, wrap, recipient.boxPublicKey, granter.signPublicKey)).toBe(true);
    expect(verifyKeyWrap(sodium, wrap, outsider.boxPublicKey, granter.signPublicKey)).toBe(false);
    expect(verifyKeyWrap(sodium, wrap, recipient.boxPublicKey, outsider.signPublicKey)).toBe(false);
    expect(
      verifyKeyWrap(
        sodium,
        { ...wrap, clientId: 'client-0002' },
        recipient.boxPublicKey,
        granter.signPublicKey,
      ),
    ).toBe(false);
    expect(
      verifyKeyWrap(sodium, { ...wrap, signature: 'AAAA' }, recipient.boxPublicKey, granter.signPublicKey),
    ).toBe(false);
  });
});

describe('keyWrapSignedBytes', () => {
  it('binds the recipient public key: the same wrap verifies for no other key', () => {
    const wrap = wrapDataKey(sodium, newDataKey(sodium), 'client-0001', asRecipient, granter);
    const { signature, ...unsigned } = wrap;
    const signatureBytes = sodium.from_base64(signature, B64);
    const forRecipient = keyWrapSignedBytes(sodium, unsigned, recipient.boxPublicKey);
    const forOutsider = keyWrapSignedBytes(sodium, unsigned, outsider.boxPublicKey);
    expect(sodium.crypto_sign_verify_detached(signatureBytes, forRecipient, granter.signPublicKey)).toBe(
      true,
    );
    expect(sodium.crypto_sign_verify_detached(signatureBytes, forOutsider, granter.signPublicKey)).toBe(
      false,
    );
  });
});
