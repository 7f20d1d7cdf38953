import { beforeAll, describe, expect, it } from 'vitest';
import {
  createClientKeys,
  generateIdentity,
  loadSodium,
  openRecoveryCode,
  RECOVERY_RECIPIENT_ID,
  recoveryCodeGroups,
  recoveryKeyFingerprint,
  unwrapWithRecoveryKey,
  wipeRecovery,
  type Sodium,
} from './index';

let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

/** An organisation's recovery key pair and its sheet's code, as setup makes and prints them. */
function sheet() {
  const pair = sodium.crypto_box_keypair();
  return { ...pair, code: recoveryCodeGroups(sodium, pair.privateKey).join(' ') };
}

describe('the recovery key typed back from the sheet', () => {
  it('opens when the code is the organisation’s, and opens the client keys wrapped to it', () => {
    const org = sheet();
    const creator = generateIdentity(sodium, 'device-1');
    const { state, dataKey } = createClientKeys(sodium, 'client-1', creator, {
      id: RECOVERY_RECIPIENT_ID,
      boxPublicKey: org.publicKey,
    });
    const opened = openRecoveryCode(sodium, org.code.toLowerCase(), org.publicKey);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const wrap = state.current.wraps.find((w) => w.recipientId === RECOVERY_RECIPIENT_ID)!;
    const key = unwrapWithRecoveryKey(sodium, wrap, opened.key, creator.signPublicKey, {
      clientId: 'client-1',
      keyId: dataKey.id,
    });
    expect(key.id).toBe(dataKey.id);
    expect(sodium.memcmp(key.bytes, dataKey.bytes)).toBe(true);
    // Wiped: zero bytes where the secret key was.
    wipeRecovery(sodium, opened.key);
    expect([...opened.key.boxSecretKey].every((byte) => byte === 0)).toBe(true);
    // A wrap that does not verify under its granter's key is not opened.
    const other = generateIdentity(sodium, 'device-2');
    const again = openRecoveryCode(sodium, org.code, org.publicKey);
    expect(() =>
      again.ok ? unwrapWithRecoveryKey(sodium, wrap, again.key, other.signPublicKey) : undefined,
    ).toThrow(expect.objectContaining({ code: 'bad-signature' }) as Error);
  });

  it('refuses another organisation’s code with its fingerprint, and a miscopied one with the reason', () => {
    const org = sheet();
    const elsewhere = sheet();
    expect(openRecoveryCode(sodium, elsewhere.code, org.publicKey)).toEqual({
      ok: false,
      problem: 'other-organisation',
      fingerprint: recoveryKeyFingerprint(sodium, elsewhere.publicKey),
    });
    const groups = org.code.split(' ');
    expect(openRecoveryCode(sodium, groups.slice(1).join(' '), org.publicKey)).toEqual({
      ok: false,
      problem: 'length',
    });
    const foreign = `U${org.code.slice(1)}`;
    expect(openRecoveryCode(sodium, foreign, org.publicKey)).toEqual({ ok: false, problem: 'character' });
    const swapped = (org.code[0] === '2' ? '3' : '2') + org.code.slice(1);
    expect(openRecoveryCode(sodium, swapped, org.publicKey)).toEqual({ ok: false, problem: 'checksum' });
  });

  it('prints the fingerprint the sheet shows: BLAKE2b-128 of the public key in groups of four hex digits', () => {
    const org = sheet();
    expect(recoveryKeyFingerprint(sodium, org.publicKey)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
    expect(recoveryKeyFingerprint(sodium, org.publicKey).replace(/ /g, '')).toBe(
      sodium.to_hex(sodium.crypto_generichash(16, org.publicKey, null)),
    );
  });
});
