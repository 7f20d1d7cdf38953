import type { Consent } from '../../../../shared/domain/consent';
import type { KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import type { MedicalSection } from '../../../../shared/domain/medical';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import { readNotices } from './consent-gate';
import type { MedicalCollections } from './context';

/** Everything medical the local store holds for one client. */
export interface ClientMedicalRecords {
  /** The client's section; if two were created (offline, at once), the first created. */
  section: MedicalSection | undefined;
  /** Every key wrap of the client, of any key. */
  wraps: KeyWrapDocument[];
  /** Every record of the client's consent ledger held here (trusted or not: the gate checks signatures). */
  consents: Consent[];
  /** Every notice version held. */
  notices: PrivacyNotice[];
}

export function currentSection(sections: Iterable<MedicalSection>): MedicalSection | undefined {
  let first: MedicalSection | undefined;
  for (const section of sections) {
    if (
      first === undefined ||
      section.createdAt < first.createdAt ||
      (section.createdAt === first.createdAt && section.id < first.id)
    ) {
      first = section;
    }
  }
  return first;
}

export async function readClientMedical(
  collections: MedicalCollections,
  clientId: string,
): Promise<ClientMedicalRecords> {
  const [sections, wraps, consents, notices] = await Promise.all([
    collections.medical.find({ selector: { clientId } }).exec(),
    collections.keyWraps.find({ selector: { clientId } }).exec(),
    collections.consents.find({ selector: { clientId } }).exec(),
    readNotices(collections),
  ]);
  return {
    section: currentSection(sections.map((doc) => doc.toJSON() as MedicalSection)),
    wraps: wraps.map((doc) => doc.toJSON() as KeyWrapDocument),
    consents: consents.map((doc) => doc.toJSON() as Consent),
    notices,
  };
}

/** Whether this device holds a wrap of the section's current key (not yet verified: opening verifies). */
export function deviceHoldsKey(
  records: ClientMedicalRecords,
  deviceId: string,
): records is ClientMedicalRecords & { section: MedicalSection } {
  const section = records.section;
  return (
    section !== undefined &&
    records.wraps.some(
      (wrap) =>
        wrap.clientId === section.clientId && wrap.keyId === section.keyId && wrap.recipientId === deviceId,
    )
  );
}

/**
 * Whether the client is not on this device as a live document: deleted (an erasure's tombstone, or an access
 * removal) or not here at all. The background jobs that write for a client (the key rotation, the re-sealing of old
 * trips) leave such a client alone: the server refuses every write of an erased client (`client-erased`), and a
 * client whose document has not arrived yet is taken at a later run. Without a clients collection (the core's own
 * tests) every client counts as present.
 */
export async function clientGone(collections: MedicalCollections, clientId: string): Promise<boolean> {
  const clients = collections.clients;
  if (clients === undefined) return false;
  return (await clients.findOne(clientId).exec()) === null;
}
