import type { ConsentRecord } from '../domain/consent';
import { canonicalJson } from '../sync/canonical';
import { asciiBytes, checkBytes, decodeBase64Url, frame, toBase64Url, utf8Encode } from './encoding';
import type { StaffIdentity } from './identity';
import { CryptoError, type Sodium } from './sodium';

const SIGNED_LABEL = asciiBytes('lumina.consent-record.v1');
/** Left out of the signed bytes (and `_deleted`, which a record carries as it travels). */
const UNSIGNED_FIELDS = new Set(['signature', 'legacy', 'assignedStaffIds', '_deleted']);

/** What a consent record's signature covers: everything but the signature, the assignees and the legacy mark. */
export type UnsignedConsentRecord = Omit<ConsentRecord, 'signature' | 'legacy'>;

/**
 * The bytes a recording device signs: F("lumina.consent-record.v1", canonical JSON of the record without
 * `signature`, `assignedStaffIds` (the server rewrites them when the client is reassigned) and `legacy`).
 * Canonical JSON sorts keys at every depth, so the bytes do not depend on the order fields arrived in.
 */
export function consentSignedBytes(
  sodium: Sodium,
  record: UnsignedConsentRecord | ConsentRecord,
): Uint8Array {
  const signed = Object.fromEntries(Object.entries(record).filter(([key]) => !UNSIGNED_FIELDS.has(key)));
  return frame([SIGNED_LABEL, utf8Encode(sodium, canonicalJson(signed))]);
}

/** Signs a record as the device `signer` (Ed25519, deterministic); its `deviceId` must be the signer's. */
export function signConsentRecord(
  sodium: Sodium,
  unsigned: UnsignedConsentRecord,
  signer: StaffIdentity,
): ConsentRecord {
  if (unsigned.deviceId !== signer.staffId) {
    throw new CryptoError('invalid-input', 'the recording device must be the signer');
  }
  const signature = sodium.crypto_sign_detached(
    consentSignedBytes(sodium, unsigned),
    checkBytes(signer.signSecretKey, 64, 'the signing key'),
  );
  return { ...unsigned, signature: toBase64Url(signature) };
}

/** Whether a record carries a valid signature by the holder of `signPublicKey`. False when unsigned or malformed. */
export function verifyConsentRecord(
  sodium: Sodium,
  record: ConsentRecord,
  signPublicKey: Uint8Array,
): boolean {
  if (record.signature === undefined || record.legacy) return false;
  const signature = decodeBase64Url(record.signature);
  if (!signature || signature.length !== 64 || signPublicKey.length !== 32) return false;
  try {
    return sodium.crypto_sign_verify_detached(signature, consentSignedBytes(sodium, record), signPublicKey);
  } catch {
    return false;
  }
}
