// Run: node scripts/generate-crypto-vectors.mjs > shared/crypto/vectors.json (then review the diff: vectors never change silently).
// crypto_box_seal uses a fresh ephemeral key, so keyWrap.wrap.sealed and its signature differ on every run; the test
// opens and verifies that vector instead of comparing bytes. Every other value must reproduce exactly.
// Independent generator: builds the vectors from docs/crypto-spec.md with raw libsodium calls, not the app code.
import sodium from 'libsodium-wrappers-sumo';
await sodium.ready;
const V = sodium.base64_variants.URLSAFE_NO_PADDING;
const b64 = (b) => sodium.to_base64(b, V);
const hex = sodium.to_hex;
const seq = (start, n) => Uint8Array.from({ length: n }, (_, i) => (start + i) & 255);
const utf8 = (s) => new TextEncoder().encode(s);
function F(...parts) {
  const total = parts.reduce((a, p) => a + 4 + p.length, 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  let o = 0;
  for (const p of parts) {
    dv.setUint32(o, p.length);
    out.set(p, o + 4);
    o += 4 + p.length;
  }
  return out;
}
const ascii = (s) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

function field(key, keyId, nonce, ctx, plaintextText) {
  const ad = F(
    ascii('lumina.field.v1'),
    Uint8Array.of(1),
    ascii(keyId),
    utf8(ctx.collection),
    utf8(ctx.documentId),
    utf8(ctx.fieldPath),
  );
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(utf8(plaintextText), ad, null, nonce, key);
  const body = new Uint8Array(24 + ct.length);
  body.set(nonce);
  body.set(ct, 24);
  return {
    keyHex: hex(key),
    keyId,
    nonceHex: hex(nonce),
    context: ctx,
    plaintextUtf8: plaintextText,
    adHex: hex(ad),
    envelope: `1.${keyId}.${b64(body)}`,
  };
}
const fields = [
  field(
    seq(0, 32),
    '0123456789abcdef',
    seq(0x40, 24),
    { collection: 'medical', documentId: 'client-0001', fieldPath: 'history' },
    '{"allergies":["ペニシリン"],"notes":"Penicillin: rash (2019). 高血圧の既往あり。"}',
  ),
  field(
    seq(0x80, 32),
    'k_2-Z',
    seq(0xa0, 24),
    { collection: 'clients', documentId: '顧客-42', fieldPath: 'passport.number' },
    '"TK1234567"',
  ),
];

// Passphrase derivation at the floor.
const passphrase = 'correct horse 電池 がんばって staple';
const salt = seq(0x10, 16);
const kdf = { alg: 'argon2id13', opsLimit: 2, memLimitBytes: 64 * 1024 * 1024, salt: b64(salt) };
const pwKey = sodium.crypto_pwhash(
  32,
  utf8(passphrase.normalize('NFC')),
  salt,
  2,
  64 * 1024 * 1024,
  sodium.crypto_pwhash_ALG_ARGON2ID13,
);
const pwKeyId = 'pw' + hex(sodium.crypto_generichash(16, salt, null).subarray(0, 7));
// Passphrase-sealed secret with a fixed nonce, same key.
const secret = seq(0xc0, 32);
const purpose = 'device-vault-key';
const pNonce = seq(0x20, 24);
const pAd = F(
  ascii('lumina.passphrase-sealed.v1'),
  Uint8Array.of(1),
  ascii(pwKeyId),
  Uint8Array.of(1),
  ascii('argon2id13'),
  ascii('2'),
  ascii(String(64 * 1024 * 1024)),
  salt,
  utf8(purpose),
);
const pCt = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secret, pAd, null, pNonce, pwKey);
const pBody = new Uint8Array(24 + pCt.length);
pBody.set(pNonce);
pBody.set(pCt, 24);

// Identities from seeds.
const granterSign = sodium.crypto_sign_seed_keypair(seq(0x01, 32));
const granterBox = sodium.crypto_box_seed_keypair(seq(0x21, 32));
const recipientSign = sodium.crypto_sign_seed_keypair(seq(0x41, 32));
const recipientBox = sodium.crypto_box_seed_keypair(seq(0x61, 32));
function fp(boxPk, signPk) {
  const h = sodium.crypto_generichash(40, F(ascii('lumina.fingerprint.v1'), boxPk, signPk), null);
  const g = [];
  for (let i = 0; i < 8; i++) {
    let v = 0;
    for (let j = 0; j < 5; j++) v = v * 256 + h[i * 5 + j];
    g.push(String(v % 100000).padStart(5, '0'));
  }
  return g.join(' ');
}

// Key wrap.
const dataKey = seq(0xe0, 32);
const dataKeyId = 'fedcba9876543210';
const clientId = 'client-0001';
const payload = F(utf8(clientId), ascii(dataKeyId), dataKey);
const sealed = sodium.crypto_box_seal(payload, recipientBox.publicKey);
const wrap = {
  v: 1,
  keyId: dataKeyId,
  clientId,
  recipientId: 'staff-recipient',
  granterId: 'staff-granter',
  sealed: b64(sealed),
};
const signed = F(
  ascii('lumina.key-wrap.v1'),
  Uint8Array.of(1),
  ascii(wrap.keyId),
  utf8(wrap.clientId),
  utf8(wrap.recipientId),
  utf8(wrap.granterId),
  sealed,
  recipientBox.publicKey,
);
wrap.signature = b64(sodium.crypto_sign_detached(signed, granterSign.privateKey));

const out = {
  description:
    'Known-answer vectors for shared/crypto, built from docs/crypto-spec.md with raw libsodium calls. Hex unless named otherwise; never use these keys.',
  fieldEnvelopes: fields,
  passphrase: {
    passphrase,
    kdf,
    keyHex: hex(pwKey),
    keyId: pwKeyId,
    sealed: {
      secretHex: hex(secret),
      purpose,
      nonceHex: hex(pNonce),
      value: { v: 1, kdf, envelope: `1.${pwKeyId}.${b64(pBody)}` },
    },
  },
  identities: {
    granter: {
      staffId: 'staff-granter',
      signSeedHex: hex(seq(0x01, 32)),
      boxSeedHex: hex(seq(0x21, 32)),
      signPublicKeyHex: hex(granterSign.publicKey),
      boxPublicKeyHex: hex(granterBox.publicKey),
      fingerprint: fp(granterBox.publicKey, granterSign.publicKey),
    },
    recipient: {
      staffId: 'staff-recipient',
      signSeedHex: hex(seq(0x41, 32)),
      boxSeedHex: hex(seq(0x61, 32)),
      signPublicKeyHex: hex(recipientSign.publicKey),
      boxPublicKeyHex: hex(recipientBox.publicKey),
      fingerprint: fp(recipientBox.publicKey, recipientSign.publicKey),
    },
  },
  keyWrap: { dataKeyHex: hex(dataKey), signedBytesHex: hex(signed), wrap },
};
console.log(JSON.stringify(out, null, 2));
