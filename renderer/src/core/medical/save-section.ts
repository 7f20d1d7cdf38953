import { createClientKeys, openClientKey, wipeKey, type SymmetricKey } from '../../../../shared/crypto/index';
import { clientKeyStateOf, keyWrapChanges, type KeyWrapDocument } from '../../../../shared/domain/key-wraps';
import {
  MEDICAL_FIELDS,
  type MedicalContent,
  type MedicalField,
  type MedicalSection,
} from '../../../../shared/domain/medical';
import { writeMedicalSection } from '../../../../shared/domain/medical-seal';
import {
  idOf,
  MedicalError,
  nowOf,
  withDeviceKeys,
  type MedicalClient,
  type MedicalContext,
} from './context';
import { medicalWriteCheck, trustedConsents } from './consent-gate';
import { deviceHoldsKey, readClientMedical, type ClientMedicalRecords } from './records';
import { openSectionKey } from './section-key';

/** The fields whose value differs between what was shown and what is to be saved. */
export function changedFields(
  before: Partial<MedicalContent> | undefined,
  after: MedicalContent,
): Partial<MedicalContent> {
  const changes: Partial<Record<MedicalField, unknown>> = {};
  for (const field of MEDICAL_FIELDS) {
    if (before === undefined || JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = after[field];
    }
  }
  return changes as Partial<MedicalContent>;
}

/**
 * Saves the section: the first save creates the client's data key (wrapped to this device and the recovery key)
 * and the section; later saves re-seal only the fields that differ from `previous` (what the person was shown).
 * Refused without a medical-data consent in force ('no-consent', 'consent-withdrawn', 'renewal-required': the
 * ledger's records this device trusts, consent-gate.ts) or without the key.
 */
export async function saveMedical(
  ctx: MedicalContext,
  client: MedicalClient,
  content: MedicalContent,
  previous?: Partial<MedicalContent>,
): Promise<MedicalSection> {
  const { sodium, collections } = ctx;
  const now = nowOf(ctx);
  const records = await readClientMedical(collections, client.id);
  const check = medicalWriteCheck(ctx, records, client.id, now);
  if (!check.ok) throw new MedicalError(check.reason);
  // writeMedicalSection checks again, against the same trusted records.
  const consents = trustedConsents(sodium, records.consents, ctx.directory.keyDirectory());

  if (records.section !== undefined) {
    const changes = changedFields(previous, content);
    if (Object.keys(changes).length === 0) return records.section;
    const key = openCurrentKey(ctx, records);
    try {
      const document = await collections.medical.findOne(records.section.id).exec();
      if (document === null) throw new MedicalError('changed-meanwhile');
      const saved = await document.incrementalModify((current) => {
        const result = writeMedicalSection(sodium, key, {
          consents,
          notices: records.notices,
          now,
          previous: current,
          changes,
        });
        if (!result.ok) throw new MedicalError(result.reason);
        return result.section;
      });
      return saved.toJSON() as MedicalSection;
    } finally {
      wipeKey(sodium, key);
    }
  }

  // No section yet: the client's first key, unless this device already made one (a save that stopped half way).
  const { key, newWraps } = firstKey(ctx, client, records.wraps);
  try {
    const result = writeMedicalSection(sodium, key, {
      consents,
      notices: records.notices,
      now,
      previous: undefined,
      changes: content,
      newSection: { id: idOf(ctx), clientId: client.id, assignedStaffIds: client.assignedStaffIds },
    });
    if (!result.ok) throw new MedicalError(result.reason);
    // The key before the section: a section is never stored without a way to open it.
    if (newWraps.length > 0) {
      await collections.keyWraps.bulkInsert(newWraps);
    }
    await collections.medical.insert(result.section);
    return result.section;
  } finally {
    wipeKey(sodium, key);
  }
}

function firstKey(
  ctx: MedicalContext,
  client: MedicalClient,
  wraps: KeyWrapDocument[],
): { key: SymmetricKey; newWraps: KeyWrapDocument[] } {
  const { sodium, actor, directory } = ctx;
  const clientId = client.id;
  const mine = wraps.find((wrap) => wrap.recipientId === actor.deviceId);
  if (mine !== undefined) {
    const key = withDeviceKeys(ctx, (me) =>
      openClientKey(sodium, clientKeyStateOf(clientId, mine.keyId, wraps), me, directory.keyDirectory()),
    );
    return { key, newWraps: [] };
  }
  // Someone else made the client's key (the section has not reached this device): only they can grant it.
  if (wraps.length > 0) throw new MedicalError('no-access');
  const recovery = directory.recoveryRecipient();
  if (recovery === undefined) throw new MedicalError('no-recovery-key');
  const { state, dataKey } = withDeviceKeys(ctx, (me) => createClientKeys(sodium, clientId, me, recovery));
  return { key: dataKey, newWraps: keyWrapChanges([], state, nowOf(ctx), client.assignedStaffIds).put };
}

function openCurrentKey(ctx: MedicalContext, records: ClientMedicalRecords): SymmetricKey {
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) throw new MedicalError('no-access');
  return openSectionKey(ctx, records);
}
