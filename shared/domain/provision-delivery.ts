import type { ShareConsentCheck } from './consent-ledger';
import type { Provision } from './provision';
import { SHARE_FIELD_LABELS, shareItems } from './share-fields';
import type { ShareRequest } from './share-request';

/**
 * The `provided` record of an approved share's package (the server writes it when the delivery is registered,
 * server/shares/share-delivery.ts): exactly the share's items with their labels, its requester and approver, and
 * the consents `allowed` relied on.
 */
export function providedRecord(input: {
  id: string;
  share: ShareRequest & { partnerId: string; decidedBy: string };
  allowed: Extract<ShareConsentCheck, { ok: true }>;
  packageId: string;
  packageHash: string;
  recordedBy: string;
  at: number;
  assignedStaffIds: string[];
}): Provision {
  const { share, allowed } = input;
  return {
    id: input.id,
    clientId: share.clientId,
    kind: 'provided',
    partnerId: share.partnerId,
    at: input.at,
    items: shareItems(share.fields),
    shareId: share.id,
    requestedBy: share.requestedBy,
    approvedBy: share.decidedBy,
    consentId: allowed.provision.id,
    ...(allowed.overseas ? { overseasConsentId: allowed.overseas.id } : {}),
    packageId: input.packageId,
    packageHash: input.packageHash,
    recordedBy: input.recordedBy,
    recordedAt: input.at,
    assignedStaffIds: input.assignedStaffIds,
  };
}

/**
 * Whether a record's items are labelled as the item catalogue says (share-fields.ts): an item named by a share
 * field carries exactly that field's labels, and a delivery carries share fields only (a receipt's items are
 * the partner's, named `received`).
 */
export function provisionItemsProblem(
  record: Provision,
): 'items-not-in-catalogue' | 'items-label-mismatch' | undefined {
  for (const item of record.items ?? []) {
    const label = (SHARE_FIELD_LABELS as Record<string, { en: string; ja: string } | undefined>)[item.key];
    if (!label) {
      if (record.kind === 'provided') return 'items-not-in-catalogue';
      continue;
    }
    if (label.en !== item.label.en || label.ja !== item.label.ja) return 'items-label-mismatch';
  }
  return undefined;
}
