import { canShareWith } from '../domain/consent-ledger';
import { partnerInJapan, type Partner } from '../domain/partner';
import { provisionProblem, type Provision } from '../domain/provision';
import { provisionItemsProblem } from '../domain/provision-delivery';
import { sameDocument } from './canonical';
import type { AnyDocument, PushRefusal, PushRule } from './push-rules';

/**
 * The provision ledger's push rule (registry `provisions`; shared/domain/provision.ts):
 *
 * - Append-only: a record is never changed nor deleted (a retry of the held record passes, its assignees aside).
 * - Recorded by the caller, not in the future, of a partner in the directory.
 * - Items labelled as the item catalogue says (share-fields.ts); a delivery carries share fields only.
 * - `provided`: refers to a share request the server approved (and did not cancel), of the same client and
 *   partner, delivered between the approval and now, and only once; its requester and approver are the
 *   request's; its items are exactly the request's fields; the consent it relied on is the provision consent in
 *   force at its `at` on the server's ledger (and the overseas-transfer one for a partner abroad).
 * - `destroy-notified`: refers to a `provided` record of the same client and partner.
 *
 * A new `provided` record comes only from the delivery route (`POST /shares/requests/:id/deliver`,
 * server/shares/share-delivery.ts), which re-checks every gate of the share and writes the record under the sync
 * write lock, with {@link deliveredProvisionRule}. A sync push of one, even by the share's requester or approver,
 * is refused ({@link PROVIDED_BY_DELIVERY_ONLY}): it would skip that re-check. A retry of a held record still passes.
 */
const refuse = (reason: string): PushRefusal => ({ rule: 'provision', reason });
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const without = (doc: AnyDocument, ...fields: string[]) =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => !fields.includes(key)));

const recordRule: PushRule = async ({ caller, master, next, facts }) => {
  if (master !== undefined) {
    const retry =
      !master._deleted &&
      !next._deleted &&
      sameDocument(without(master, 'assignedStaffIds'), without(next, 'assignedStaffIds'));
    return retry ? undefined : refuse('provision-record-immutable');
  }
  if (next._deleted) return refuse('provision-record-immutable');
  const record = without(next, '_deleted') as unknown as Provision;
  const problem = provisionProblem(record) ?? provisionItemsProblem(record);
  if (problem) return refuse(`provision-${problem}`);
  if (record.recordedBy !== caller.staffId) return refuse('provision-recorder-not-caller');
  const now = facts.now();
  if (record.recordedAt > now + CLOCK_SKEW_MS || record.at > now + CLOCK_SKEW_MS) {
    return refuse('provision-in-future');
  }
  const partnerDoc = await facts.document('partners', record.partnerId);
  if (!partnerDoc || partnerDoc._deleted) return refuse('provision-partner-unknown');
  const partner = partnerDoc as unknown as Partner;
  if (record.kind === 'destroy-notified') {
    const provided = await facts.document('provisions', record.refersTo!);
    const held = provided && !provided._deleted ? (provided as unknown as Provision) : undefined;
    if (!held || held.kind !== 'provided' || held.clientId !== record.clientId) {
      return refuse('provision-refers-to-unknown');
    }
    return held.partnerId === record.partnerId ? undefined : refuse('provision-refers-to-unknown');
  }
  if (record.kind === 'received') return undefined;
  const share = facts.shareRequest ? await facts.shareRequest(record.shareId!) : undefined;
  if (!share || share.status !== 'approved') return refuse('provision-share-not-approved');
  // Delivered after the approval (and not in the future, above), and once.
  if (share.decidedAt === undefined || record.at < share.decidedAt)
    return refuse('provision-before-approval');
  const delivered = facts.providedOfShare ? await facts.providedOfShare(record.clientId, share.id) : [];
  if (delivered.length > 0) return refuse('provision-share-already-delivered');
  if (share.clientId !== record.clientId || share.partnerId !== record.partnerId) {
    return refuse('provision-share-mismatch');
  }
  if (share.requestedBy !== record.requestedBy || share.decidedBy !== record.approvedBy) {
    return refuse('provision-requester-approver-mismatch');
  }
  // Only the two people of the share deliver it (issue 15 review: anyone who may write provisions could record a
  // delivery with a made-up hash, and block the real one).
  if (caller.staffId !== share.requestedBy && caller.staffId !== share.decidedBy) {
    return refuse('provision-delivered-by-other');
  }
  const keys = record.items!.map((item) => item.key).sort();
  if (!sameDocument(keys, [...share.fields].sort())) return refuse('provision-items-mismatch');
  // The consents in force when the package was delivered: the share, still approved, was not cancelled since.
  const check = canShareWith(
    await (facts.consentsAsReceived ?? facts.consentsOfClient)(record.clientId),
    record.clientId,
    { id: partner.id, country: partner.country, inJapan: partnerInJapan(partner) },
    record.at,
    share.purposeCode,
  );
  if (!check.ok) return refuse('provision-consent-missing');
  if (check.provision.id !== record.consentId || check.overseas?.id !== record.overseasConsentId) {
    return refuse('provision-consent-mismatch');
  }
  return undefined;
};

export const PROVIDED_BY_DELIVERY_ONLY = 'provision-provided-by-delivery-only';

/** The registry's rule: what devices push through sync. */
export const provisionRule: PushRule = async (input) => {
  if (input.master === undefined && !input.next._deleted && input.next.kind === 'provided') {
    return refuse(PROVIDED_BY_DELIVERY_ONLY);
  }
  return recordRule(input);
};

/** The delivery route's check of the `provided` record it composed, in the transaction that writes it. */
export const deliveredProvisionRule: PushRule = async (input) =>
  input.master === undefined && input.next.kind === 'provided'
    ? recordRule(input)
    : refuse('provision-not-a-delivery');
