import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../../shared/crypto/index';
import { parseRecoveryCode } from '../../../shared/crypto/recovery-code';
import { newRecoveryKeyPair, recoveryFingerprint, recoveryKeyGroups, wipeRecoveryKey } from './recovery-key';

const sodium = await loadSodium();

describe('the organisation recovery key', () => {
  it('is an X25519 pair whose private half prints in groups that read back to the same bytes', () => {
    const pair = newRecoveryKeyPair(sodium, 42);
    expect(pair.createdAt).toBe(42);
    expect(sodium.crypto_scalarmult_base(pair.privateKey)).toEqual(pair.publicKey);
    const groups = recoveryKeyGroups(sodium, pair.privateKey);
    expect(groups).toHaveLength(11);
    expect(groups.every((group) => /^[0-9A-HJKMNP-TV-Z]{5}$/.test(group))).toBe(true);
    expect(parseRecoveryCode(sodium, groups.join(' '))).toEqual({ ok: true, key: pair.privateKey });
  });

  it('has a fingerprint of its public key only, different for another pair', () => {
    const pair = newRecoveryKeyPair(sodium, 1);
    const print = recoveryFingerprint(sodium, pair.publicKey);
    expect(print).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
    expect(recoveryFingerprint(sodium, pair.publicKey)).toBe(print);
    expect(recoveryFingerprint(sodium, newRecoveryKeyPair(sodium, 1).publicKey)).not.toBe(print);
  });

  it('is wiped in place', () => {
    const pair = newRecoveryKeyPair(sodium, 1);
    const held = pair.privateKey;
    wipeRecoveryKey(sodium, pair);
    expect(held.every((byte) => byte === 0)).toBe(true);
  });
});
