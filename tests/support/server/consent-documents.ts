import type { LuminaServer } from '../../../server/app';
import { documentById, writeDocuments } from '../../../server/sync/documents';
import { signConsentRecord, type UnsignedConsentRecord } from '../../../shared/crypto/consent-signature';
import type { StaffIdentity } from '../../../shared/crypto/identity';
import { loadSodium } from '../../../shared/crypto/index';
import type { ConsentRecord } from '../../../shared/domain/consent';
import type { PrivacyNotice } from '../../../shared/domain/privacy-notice';
import type { WireDocument } from '../../../shared/index';
import { NIL_UUID } from '../../../shared/sync/registry';
import type { TestStaff } from './staff';

/** Consent records and notice versions, signed and hashed as devices make them, for the server tests. */

const sodium = await loadSodium();

export const clientId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
export const consentId = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
export const noticeId = (n: number) => `00000000-0000-4000-f000-${n.toString(16).padStart(12, '0')}`;

export const DAY_MS = 24 * 60 * 60 * 1000;
/** When the test records were recorded: a minute before the tests started (the server's clock is the real one). */
export const RECORDED_AT = Date.now() - 60_000;

const sha256Hex = (text: string) => sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string(text)));

/** A privacy-notice version with its texts' true hashes (an `orgSettings` document), published by `publishedBy`. */
export function noticeDocument(
  id: string,
  version: string,
  effectiveAt: number,
  publishedBy: string,
  extra: Partial<PrivacyNotice> = {},
): WireDocument<PrivacyNotice> {
  const texts = ['en', 'ja'].map((language) => {
    const text = `Privacy notice ${version} (${language})`;
    return { language, text, sha256: sha256Hex(text) };
  });
  return {
    id,
    kind: 'privacy-notice',
    version,
    effectiveAt,
    summary: `Version ${version}`,
    substantial: false,
    texts,
    publishedBy,
    assignedStaffIds: [],
    createdAt: effectiveAt,
    updatedAt: effectiveAt,
    ...extra,
    _deleted: false,
  };
}

/** The notice version the test consents cite: in effect since 2017 (before any test clock). */
export const TEST_NOTICE = noticeDocument(noticeId(0), 'test-1', 1_500_000_000_000, NIL_UUID);

/** A partner in Japan and one abroad (ids until the partner directory exists), for share requests. */
export const PARTNER_JP = '00000000-0000-4000-8aaa-000000000001';
export const PARTNER_US = '00000000-0000-4000-8aaa-000000000002';

/**
 * A provision consent of client `n` for `partnerId`, recorded by `by` at `at` (default RECORDED_AT), with its
 * overseas-transfer consent when `country` is not Japan: what a share request to that partner needs.
 */
export function shareConsents(
  by: TestStaff,
  n: number,
  partnerId: string,
  country: string,
  assignedStaffIds: string[],
  at = RECORDED_AT,
  idBase = 0x100,
) {
  const base = { clientId: clientId(n), assignedStaffIds, at, recordedAt: at };
  const provision = signedConsent(by, {
    ...base,
    id: consentId(idBase + n),
    purpose: 'provision',
    partnerId,
    statedPurpose: 'Treatment planning',
    purposeCode: 'treatment-arrangement',
  });
  if (country === 'JP') return [provision];
  const overseas = signedConsent(by, {
    ...base,
    id: consentId(idBase + 0x80 + n),
    purpose: 'overseas-transfer',
    country,
    countryInformation: `What the client was told about ${country}`,
  });
  return [provision, overseas];
}

/**
 * Puts TEST_NOTICE on the server if it is not there (written as stored, not pushed: the seeding needs no admin).
 * Consents cite it, so whatever pushes consents calls this first.
 */
export async function ensureTestNotice(server: LuminaServer): Promise<void> {
  if (await documentById(server.db, 'orgSettings', TEST_NOTICE.id)) return;
  const { _deleted: deleted, ...data } = TEST_NOTICE;
  await writeDocuments(server.db, 'orgSettings', [
    { id: TEST_NOTICE.id, deleted, data, former_assignees: [] },
  ]);
}

/** The signer of the records a test staff member's device records. */
export const deviceSigner = (by: TestStaff) =>
  ({ staffId: by.deviceId, signSecretKey: by.keys.signSecretKey }) as StaffIdentity;

/** A consent record recorded and signed by `by`'s device, citing TEST_NOTICE in English; `fields` override. */
export function signedConsent(
  by: TestStaff,
  fields: Partial<UnsignedConsentRecord> & { id: string; clientId: string },
): WireDocument<ConsentRecord> {
  const en = TEST_NOTICE.texts[0]!;
  const unsigned: UnsignedConsentRecord = {
    action: 'given',
    purpose: 'medical-data',
    noticeId: TEST_NOTICE.id,
    noticeVersion: TEST_NOTICE.version,
    noticeHash: en.sha256,
    language: en.language,
    method: 'signed-paper',
    at: RECORDED_AT,
    recordedBy: by.staffId,
    deviceId: by.deviceId,
    recordedAt: RECORDED_AT,
    assignedStaffIds: [],
    ...fields,
  };
  return { ...signConsentRecord(sodium, unsigned, deviceSigner(by)), _deleted: false };
}

/** A signature of `record` made with `by`'s device key, whatever device the record names: a forgery. */
export function signatureBy(by: TestStaff, record: object): string {
  const unsigned = Object.fromEntries(
    Object.entries(record).filter(([key]) => key !== 'signature' && key !== '_deleted'),
  ) as UnsignedConsentRecord;
  return signConsentRecord(sodium, unsigned, { ...deviceSigner(by), staffId: unsigned.deviceId }).signature!;
}

/** Client `n`'s medical-data consent `id`, recorded by `by`'s device. */
export function consentDocument(id: string, n: number, assignedStaffIds: string[], by: TestStaff) {
  return signedConsent(by, { id, clientId: clientId(n), assignedStaffIds });
}
