import type { ShareConsentCheck } from './consent-ledger';
import type { Provision } from './provision';
import { shareItems } from './share-fields';
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
