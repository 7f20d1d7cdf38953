import { openClientKey, wipeKey } from '../../../../shared/crypto/index';
import { unsealEntry, type AuditEvent } from '../../../../shared/domain/audit';
import { logAccess } from '../audit/log-access';
import { clientKeyStateOf } from '../../../../shared/domain/key-wraps';
import { MEDICAL_FIELDS, type MedicalContent, type MedicalField } from '../../../../shared/domain/medical';
import { openMedicalSection } from '../../../../shared/domain/medical-seal';
import { idOf, nowOf, withDeviceKeys, type MedicalContext } from './context';
import { deviceHoldsKey, readClientMedical } from './records';

export type UnsealResult =
  | { status: 'none' }
  | { status: 'no-access' }
  | { status: 'open'; content: Partial<MedicalContent>; sectionId: string; keyId: string; event: AuditEvent };

/**
 * Opens the client's section (or only `fields`) for this device. The audit event is written to the local store
 * before any field is opened: no event, no content. No access (no wrap of the current key for this device) opens
 * nothing and records nothing. A wrap that does not verify throws the CryptoError.
 */
export async function unsealMedical(
  ctx: MedicalContext,
  clientId: string,
  fields: readonly MedicalField[] = MEDICAL_FIELDS,
): Promise<UnsealResult> {
  const records = await readClientMedical(ctx.collections, clientId);
  if (records.section === undefined) return { status: 'none' };
  if (!deviceHoldsKey(records, ctx.actor.deviceId)) return { status: 'no-access' };
  const { section } = records;
  const key = withDeviceKeys(ctx, (me) =>
    openClientKey(
      ctx.sodium,
      clientKeyStateOf(clientId, section.keyId, records.wraps),
      me,
      ctx.directory.keyDirectory(),
    ),
  );
  try {
    const event = await logAccess(
      {
        store: ctx.collections,
        staffId: ctx.actor.staffId,
        deviceId: ctx.actor.deviceId,
        deviceKeys: () => ctx.actor.deviceKeys(),
      },
      unsealEntry(fields, clientId),
      { assignedStaffIds: section.assignedStaffIds, now: () => nowOf(ctx), newId: () => idOf(ctx) },
    );
    const content = openMedicalSection(ctx.sodium, key, section, fields);
    return { status: 'open', content, sectionId: section.id, keyId: section.keyId, event };
  } finally {
    wipeKey(ctx.sodium, key);
  }
}
