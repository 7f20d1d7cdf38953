import { recordConsent, type Consent } from '../../../../shared/domain/consent';
import type { ConsentFields } from '../../../../shared/domain/consent-form';
import { idOf, nowOf, type MedicalClient, type MedicalContext } from './context';

/**
 * The consent gate's device side: recording the client's medical-data consent. The gate itself (no section written
 * without a consent in force) is shared/domain/consent.ts's canWriteMedical, checked by save-section.ts and
 * rotation.ts here and by the server on every push; the form is validated by shared/domain/consent-form.ts.
 */

/** Records the client's explicit consent to medical data, witnessed by the person signed in. */
export async function recordMedicalConsent(
  ctx: MedicalContext,
  client: MedicalClient,
  fields: ConsentFields,
): Promise<Consent> {
  const consent = recordConsent(
    {
      id: idOf(ctx),
      clientId: client.id,
      purpose: 'medical-data',
      policyVersion: fields.policyVersion,
      method: fields.method,
      givenAt: fields.givenAt,
      witnessStaffId: ctx.actor.staffId,
      assignedStaffIds: client.assignedStaffIds,
      ...(fields.notes ? { notes: fields.notes } : {}),
    },
    nowOf(ctx),
  );
  await ctx.collections.consents.insert(consent);
  return consent;
}
