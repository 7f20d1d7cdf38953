import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../domain/consent';
import {
  consentSignedBytes,
  signConsentRecord,
  verifyConsentRecord,
  type UnsignedConsentRecord,
} from './consent-signature';
import type { StaffIdentity } from './identity';
import { loadSodium } from './sodium';

const sodium = await loadSodium();

/** The device's key pair from a fixed seed (bytes 1..32), so the vector reproduces. */
const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const pair = sodium.crypto_sign_seed_keypair(seed);
const DEVICE = '00000000-0000-4000-8000-0000000000d1';
const signer = { staffId: DEVICE, signSecretKey: pair.privateKey } as StaffIdentity;

const UNSIGNED: UnsignedConsentRecord = {
  id: '00000000-0000-4000-a000-000000000001',
  clientId: '00000000-0000-4000-8000-000000000001',
  action: 'given',
  purpose: 'provision',
  partnerId: '00000000-0000-4000-8aaa-000000000001',
  statedPurpose: 'Treatment planning',
  noticeId: '00000000-0000-4000-f000-000000000001',
  noticeVersion: '2026.1',
  noticeHash: 'ab'.repeat(32),
  language: 'ja',
  method: 'verbal-witnessed',
  at: 1_790_000_000_000,
  requestedBy: 'client',
  recordedBy: '00000000-0000-4000-8000-0000000000a1',
  witnessStaffId: '00000000-0000-4000-8000-0000000000a2',
  deviceId: DEVICE,
  recordedAt: 1_790_000_060_000,
  notes: '同意書 No. 12',
  assignedStaffIds: ['00000000-0000-4000-8000-0000000000a1'],
};

/**
 * The vector, built without the app's code: F("lumina.consent-record.v1", UTF-8 of the canonical JSON, keys
 * sorted, without signature, assignedStaffIds and legacy), each part a 4-byte big-endian length and its bytes;
 * signed with Ed25519 by the seed above.
 */
const CANONICAL =
  '{"action":"given","at":1790000000000,"clientId":"00000000-0000-4000-8000-000000000001",' +
  '"deviceId":"00000000-0000-4000-8000-0000000000d1","id":"00000000-0000-4000-a000-000000000001",' +
  '"language":"ja","method":"verbal-witnessed","notes":"同意書 No. 12","noticeHash":"' +
  'ab'.repeat(32) +
  '","noticeId":"00000000-0000-4000-f000-000000000001","noticeVersion":"2026.1",' +
  '"partnerId":"00000000-0000-4000-8aaa-000000000001","purpose":"provision",' +
  '"recordedAt":1790000060000,"recordedBy":"00000000-0000-4000-8000-0000000000a1","requestedBy":"client",' +
  '"statedPurpose":"Treatment planning","witnessStaffId":"00000000-0000-4000-8000-0000000000a2"}';
const VECTOR_SIGNATURE =
  '8XWX0zcKACYT6GiDC0Ran5jpA_4XKxhPq4Lr3xG4SvidzZKXkMB3TRcuFchr3LMYof-vnVQX6lJwgRWZ0ZwwBA';

function framed(...parts: Uint8Array[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    out.push(
      (part.length >>> 24) & 255,
      (part.length >>> 16) & 255,
      (part.length >>> 8) & 255,
      part.length & 255,
    );
    out.push(...part);
  }
  return Uint8Array.from(out);
}

describe('consent record signatures', () => {
  const signed = signConsentRecord(sodium, UNSIGNED, signer);

  it('signs the framed canonical bytes, reproducing the vector', () => {
    const expected = framed(
      new TextEncoder().encode('lumina.consent-record.v1'),
      new TextEncoder().encode(CANONICAL),
    );
    expect(sodium.to_hex(consentSignedBytes(sodium, UNSIGNED))).toBe(sodium.to_hex(expected));
    const signature = sodium.crypto_sign_detached(expected, pair.privateKey);
    expect(sodium.to_base64(signature, sodium.base64_variants.URLSAFE_NO_PADDING)).toBe(VECTOR_SIGNATURE);
    expect(signed.signature).toBe(VECTOR_SIGNATURE);
    expect(verifyConsentRecord(sodium, signed, pair.publicKey)).toBe(true);
  });

  it('fails when any signed field is changed, added or removed', () => {
    const changes: Record<string, unknown> = {
      id: '00000000-0000-4000-a000-000000000002',
      clientId: '00000000-0000-4000-8000-000000000002',
      action: 'withdrawn',
      purpose: 'marketing',
      partnerId: '00000000-0000-4000-8aaa-000000000002',
      statedPurpose: 'Other',
      noticeId: '00000000-0000-4000-f000-000000000002',
      noticeVersion: '2026.2',
      noticeHash: 'cd'.repeat(32),
      language: 'en',
      method: 'email',
      at: UNSIGNED.at - 1,
      requestedBy: 'representative',
      recordedBy: '00000000-0000-4000-8000-0000000000a3',
      witnessStaffId: '00000000-0000-4000-8000-0000000000a3',
      deviceId: '00000000-0000-4000-8000-0000000000d2',
      recordedAt: UNSIGNED.recordedAt + 1,
      notes: '同意書 No. 13',
      refersTo: '00000000-0000-4000-a000-000000000009',
      country: 'US',
    };
    for (const [field, value] of Object.entries(changes)) {
      const tampered = { ...signed, [field]: value } as ConsentRecord;
      expect(verifyConsentRecord(sodium, tampered, pair.publicKey), field).toBe(false);
    }
    for (const field of ['notes', 'witnessStaffId', 'partnerId', 'requestedBy'] as const) {
      const { [field]: _removed, ...rest } = signed;
      expect(_removed).toBeDefined();
      expect(verifyConsentRecord(sodium, rest as ConsentRecord, pair.publicKey), field).toBe(false);
    }
  });

  it('leaves the assignees out (the server rewrites them), and the wire flag', () => {
    const reassigned = { ...signed, assignedStaffIds: [] };
    expect(verifyConsentRecord(sodium, reassigned, pair.publicKey)).toBe(true);
    expect(verifyConsentRecord(sodium, { ...signed, _deleted: false } as ConsentRecord, pair.publicKey)).toBe(
      true,
    );
  });

  it('fails for another key, a malformed or missing signature, and a legacy record', () => {
    const other = sodium.crypto_sign_keypair();
    expect(verifyConsentRecord(sodium, signed, other.publicKey)).toBe(false);
    expect(verifyConsentRecord(sodium, { ...signed, signature: 'A'.repeat(86) }, pair.publicKey)).toBe(false);
    expect(verifyConsentRecord(sodium, { ...signed, signature: '!' }, pair.publicKey)).toBe(false);
    expect(verifyConsentRecord(sodium, { ...signed, signature: undefined }, pair.publicKey)).toBe(false);
    expect(verifyConsentRecord(sodium, { ...signed, legacy: true }, pair.publicKey)).toBe(false);
    expect(verifyConsentRecord(sodium, signed, pair.publicKey.slice(0, 31))).toBe(false);
  });

  it('refuses to sign a record that names another device', () => {
    expect(() =>
      signConsentRecord(sodium, { ...UNSIGNED, deviceId: '00000000-0000-4000-8000-0000000000d2' }, signer),
    ).toThrow(/recording device/);
  });
});
