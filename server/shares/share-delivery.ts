import { randomUUID } from 'node:crypto';
import { inScope, readScope, type ShareDelivery } from '../../shared/index';
import { canShareWith } from '../../shared/domain/consent-ledger';
import { partnerInJapan } from '../../shared/domain/partner';
import type { Provision } from '../../shared/domain/provision';
import { providedRecord } from '../../shared/domain/provision-delivery';
import { deliveredProvisionRule } from '../../shared/sync/provision-push-rule';
import { conflict, forbidden, notFound } from '../auth/api-error';
import type { Caller } from '../auth/caller';
import type { Queryable } from '../db/database';
import type { ChangeStore } from '../sync/change-store';
import { documentById } from '../sync/documents';
import { ledgerOf, shareGate } from './share-consent';
import { providedOfShare, shareRequestById } from './share-request-store';

type Tx = Pick<Queryable, 'query'>;

/**
 * What keeps an approved share from being delivered now, on what the server holds: the request approved (not
 * cancelled by a withdrawal), made with a booked trip item (requests from before the directory must be asked
 * again), every gate of `shareGate` (partner vetted, agreement in force, key confirmed, consents, the booked item
 * current), and not delivered already. Undefined, with the share and the consents it relies on, when none.
 */
async function deliveryProblem(tx: Tx, caller: Caller, shareId: string, now: number) {
  const share = await shareRequestById(tx, shareId);
  if (!share) throw notFound('request-not-found');
  const client = await documentById(tx, 'clients', share.clientId);
  const assigned = client as { assignedStaffIds?: string[] } | undefined;
  if (!client || client._deleted || !inScope(readScope(caller.role, 'clients'), caller.staffId, assigned)) {
    throw notFound('request-not-found');
  }
  if (caller.staffId !== share.requestedBy && caller.staffId !== share.decidedBy) {
    throw forbidden('requester-or-approver', 'not-requester-or-approver');
  }
  if (share.status !== 'approved' || !share.decidedBy || share.partnerId === undefined) {
    throw conflict('share-not-approved');
  }
  if (share.tripId === undefined || share.purposeCode === undefined) throw conflict('share-ask-again');
  const gate = await shareGate(
    tx,
    {
      clientId: share.clientId,
      partnerId: share.partnerId,
      purposeCode: share.purposeCode,
      tripId: share.tripId,
      tripItemId: share.tripItemId,
    },
    now,
  );
  if (gate.problem) throw conflict(`share-${gate.problem}`);
  if ((await providedOfShare(tx, share.clientId, share.id)).length > 0)
    throw conflict('share-already-delivered');
  const partner = gate.partner;
  const allowed = canShareWith(
    await ledgerOf(tx, share.clientId),
    share.clientId,
    { id: partner.id, country: partner.country, inJapan: partnerInJapan(partner) },
    now,
    share.purposeCode,
  );
  if (!allowed.ok) throw conflict('share-provision-consent-missing');
  return { share: { ...share, partnerId: share.partnerId, decidedBy: share.decidedBy }, allowed, client };
}

/**
 * Registers the delivery of an approved share's package before the device saves it (issue 15; docs/sharing.md):
 * every gate is checked again, and the `provided` record is written as a synced change, in one transaction that
 * holds the sync write lock, so a withdrawal pushed meanwhile either cancels the share first (the delivery is
 * refused) or comes after the record (and marks the package to be destroyed). Nothing is written on a refusal.
 */
export async function registerDelivery(
  changes: ChangeStore,
  db: Tx,
  caller: Caller,
  shareId: string,
  delivery: ShareDelivery,
  now: number,
): Promise<Provision> {
  // Read once outside to build the record; checked again, with the push rule, inside the push's transaction.
  const first = await deliveryProblem(db, caller, shareId, now);
  const record = providedRecord({
    id: randomUUID(),
    share: first.share,
    allowed: first.allowed,
    packageId: delivery.packageId,
    packageHash: delivery.packageHash,
    recordedBy: caller.staffId,
    at: now,
    assignedStaffIds: (first.client as { assignedStaffIds?: string[] }).assignedStaffIds ?? [],
  });
  await writeDelivered(changes, caller, record, now);
  return record;
}

/**
 * Writes a delivery's `provided` record as a synced change (the only way one is written: a sync push of one is
 * refused, shared/sync/provision-push-rule.ts): under the sync write lock and the share's row lock, every gate is
 * checked again, and the record against the share and the consent ledger (`deliveredProvisionRule`). Throws, with
 * nothing written, on a refusal. `registerDelivery` composes the record; the tests also give it forged ones.
 */
export async function writeDelivered(
  changes: ChangeStore,
  caller: Caller,
  record: Provision,
  now: number,
): Promise<void> {
  const shareId = record.shareId!;
  await changes.push(
    'provisions',
    [{ newDocumentState: { ...record, _deleted: false } as never }],
    async (master, next, tx, _writes, facts) => {
      await tx.query('SELECT id FROM share_requests WHERE id = $1 FOR UPDATE', [shareId]);
      await deliveryProblem(tx, caller, shareId, now);
      const refusal = await deliveredProvisionRule({
        caller: { staffId: caller.staffId, deviceId: caller.deviceId, role: caller.role },
        master,
        next,
        facts,
        writes: true,
      });
      if (refusal) throw conflict(`share-${refusal.reason}`);
    },
  );
}
