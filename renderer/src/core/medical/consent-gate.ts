import { verifyConsentRecord } from '../../../../shared/crypto/consent-signature';
import type { Sodium } from '../../../../shared/crypto/index';
import type { ConsentRecord } from '../../../../shared/domain/consent';
import { canWriteMedical, type MedicalWriteCheck } from '../../../../shared/domain/consent-ledger';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import type { MedicalCollections, MedicalContext } from './context';

/**
 * The consent gate's device side: nothing medical is written without a medical-data consent in force
 * (shared/domain/consent-ledger.ts, canWriteMedical, checked by save-section.ts and rotation.ts here and by the
 * server on every push), read from the ledger's records this device trusts and every notice version (a substantial
 * change past its renewal deadline stops writes). Consents are recorded by the consents feature
 * (features/consents/consent-data.ts).
 */

/**
 * How far a record of the ledger can be trusted:
 * - `valid`: signed by the recording device, whose key the staff directory lists;
 * - `unsigned-legacy`: migrated from the ledger's version 0, recorded before records were signed (the server's
 *   migration wrote it; the server refuses a new one): given to the fold, which shows it as "migrated, unverified"
 *   and counts it for no gate until a signed correction confirms it (consent-ledger.ts);
 * - `invalid-signature`: the signature does not verify, or is missing: never counts;
 * - `unknown-device`: signed by a device the directory does not list (yet): never counts until it does.
 */
export type RecordValidity = 'valid' | 'unsigned-legacy' | 'invalid-signature' | 'unknown-device';

/** Whether a record of this validity may count for a gate (medical writes, shares, marketing). */
export const countsForGates = (validity: RecordValidity) =>
  validity === 'valid' || validity === 'unsigned-legacy';

/** Device id -> its Ed25519 public key, as the staff directory lists devices (keyDirectory()). */
export interface SignKeys {
  get(deviceId: string): { signPublicKey: Uint8Array } | undefined;
}

export function recordValidity(sodium: Sodium, record: ConsentRecord, keys: SignKeys): RecordValidity {
  if (record.legacy) return record.signature === undefined ? 'unsigned-legacy' : 'invalid-signature';
  const key = keys.get(record.deviceId);
  if (key === undefined) return record.signature === undefined ? 'invalid-signature' : 'unknown-device';
  return verifyConsentRecord(sodium, record, key.signPublicKey) ? 'valid' : 'invalid-signature';
}

/** The records a gate may read. */
export function trustedConsents(
  sodium: Sodium,
  records: readonly ConsentRecord[],
  keys: SignKeys,
): ConsentRecord[] {
  return records.filter((record) => countsForGates(recordValidity(sodium, record, keys)));
}

/** Every notice version the device holds. */
export async function readNotices(collections: MedicalCollections): Promise<PrivacyNotice[]> {
  const docs = await collections.orgSettings.find({ selector: { kind: 'privacy-notice' } }).exec();
  return docs.map((doc) => doc.toJSON() as PrivacyNotice);
}

/** Whether the client's medical section may be written now, from the records this device trusts. */
export function medicalWriteCheck(
  ctx: Pick<MedicalContext, 'sodium' | 'directory'>,
  records: { consents: readonly ConsentRecord[]; notices: readonly PrivacyNotice[] },
  clientId: string,
  now: number,
): MedicalWriteCheck {
  const trusted = trustedConsents(ctx.sodium, records.consents, ctx.directory.keyDirectory());
  return canWriteMedical(trusted, records.notices, clientId, now);
}
