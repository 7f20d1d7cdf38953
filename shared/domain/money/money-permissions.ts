import { canMoney, type MoneyAction, type Role } from '../../auth/roles';
import { amendmentProblem, canonical, type MoneyDocument } from './money-document';
import type { Payment } from './payments';

/**
 * Which money action a write is, and whether a role may make it: what the money collection's push rule will ask
 * for every pushed row (docs/money.md, "Permissions"), so a crafted push is judged as the app's own. Pure: the
 * server reads the stored row (`before`) and the pushed one (`after`, or a deletion).
 *
 * Documents:
 * - a new or changed draft, or a draft discarded (deleted): `draftMoney`;
 * - a draft issued: `issueMoney`; a credit note, or an invoice replacing another (`refersTo`), issued: `voidMoney`;
 * - an issued document changed or deleted: refused whatever the role ('issued-is-final'): it is corrected by a
 *   credit note or a replacement, never edited.
 * Payments: a new one (or a reversal) is `recordPayments`; a payment changed or deleted is refused
 * ('payment-is-final'): a mistake is cancelled by a reversal.
 */
export type MoneyWriteRefusal =
  | { reason: 'not-permitted'; needs: MoneyAction }
  | { reason: 'issued-is-final' | 'payment-is-final' | 'kind-changed' | 'id-changed' };

export type DocumentWrite = { before?: MoneyDocument; after: MoneyDocument | { deleted: true } };

export function documentWriteAction(write: DocumentWrite): MoneyAction | MoneyWriteRefusal {
  const { before, after } = write;
  if ('deleted' in after) return before?.issued === undefined ? 'draftMoney' : { reason: 'issued-is-final' };
  if (before !== undefined) {
    const problem = amendmentProblem(before, after);
    if (problem !== undefined) return { reason: problem };
    if (before.issued !== undefined) return 'seeMoney'; // the same issued document again: no change
  }
  if (after.issued === undefined) return 'draftMoney';
  return after.kind === 'credit-note' || (after.kind === 'invoice' && after.refersTo !== undefined)
    ? 'voidMoney'
    : 'issueMoney';
}

export function paymentWriteAction(write: {
  before?: Payment;
  after: Payment | { deleted: true };
}): MoneyAction | MoneyWriteRefusal {
  if (write.before === undefined && !('deleted' in write.after)) return 'recordPayments';
  if (
    write.before !== undefined &&
    !('deleted' in write.after) &&
    canonical(write.before) === canonical(write.after)
  )
    return 'seeMoney';
  return { reason: 'payment-is-final' };
}

/** A write by a role: undefined when it may be made, else why not (with the action it needs). */
export function moneyWriteRefusal(
  role: Role,
  action: MoneyAction | MoneyWriteRefusal,
): MoneyWriteRefusal | undefined {
  if (typeof action !== 'string') return action;
  return canMoney(role, action) ? undefined : { reason: 'not-permitted', needs: action };
}
