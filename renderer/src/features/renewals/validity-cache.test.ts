import { describe, expect, it } from 'vitest';
import { signConsentRecord } from '../../../../shared/crypto/consent-signature';
import { loadSodium, type StaffIdentity } from '../../../../shared/crypto/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { cachedValidity } from './validity-cache';

const sodium = await loadSodium();
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const device = sodium.crypto_sign_keypair();
const other = sodium.crypto_sign_keypair();
const record = signConsentRecord(
  sodium,
  {
    id: uuid(10),
    clientId: uuid(11),
    action: 'given',
    purpose: 'marketing',
    noticeId: uuid(12),
    noticeVersion: 'v1',
    noticeHash: 'a'.repeat(64),
    language: 'en',
    method: 'email',
    at: 1,
    recordedBy: uuid(13),
    deviceId: uuid(1),
    recordedAt: 1,
    assignedStaffIds: [],
  },
  { staffId: uuid(1), signSecretKey: device.privateKey } as StaffIdentity,
);
const keysOf = (signPublicKey?: Uint8Array) => ({
  get: (deviceId: string) => (deviceId === uuid(1) && signPublicKey ? { signPublicKey } : undefined),
});

describe('cachedValidity', () => {
  it('answers as the signature check does, and again from memory', () => {
    expect(cachedValidity(sodium, record, keysOf(device.publicKey))).toBe('valid');
    expect(cachedValidity(sodium, record, keysOf(device.publicKey))).toBe('valid');
  });

  it('checks afresh a record altered under the same id and signature, or under another key', () => {
    expect(cachedValidity(sodium, record, keysOf(device.publicKey))).toBe('valid');
    const altered: ConsentRecord = { ...record, purpose: 'medical-data' };
    expect(cachedValidity(sodium, altered, keysOf(device.publicKey))).toBe('invalid-signature');
    expect(cachedValidity(sodium, record, keysOf(other.publicKey))).toBe('invalid-signature');
  });

  it('does not remember a device it did not know yet', () => {
    expect(cachedValidity(sodium, record, keysOf(undefined))).toBe('unknown-device');
    expect(cachedValidity(sodium, record, keysOf(device.publicKey))).toBe('valid');
  });
});
