import { canonical, type MoneyDocument } from './money-document';
import type { InvoiceStatus } from './invoice-status';

/**
 * A correction of an issued invoice (money-document.ts): a credit note that cancels it, or an invoice that replaces
 * it. Both refer to it (`refersTo`) and, once issued, make it void (invoice-status.ts).
 */
export type CorrectionProblem =
  | 'original-not-invoice'
  | 'original-not-issued'
  | 'original-void'
  | 'other-client'
  | 'credit-note-lines'
  | 'not-a-correction';

/**
 * Why `correction` cannot correct `original` (whose status is `status`): the original must be an issued invoice,
 * not void, of the same client; a credit note cancels all of it (the same lines, amounts and categories, the same
 * price basis), so its totals and tax per rate are the invoice's own. A replacement may differ in anything else.
 */
export function correctionProblems(
  correction: MoneyDocument,
  original: MoneyDocument,
  status: InvoiceStatus,
): CorrectionProblem[] {
  const problems: CorrectionProblem[] = [];
  const isCorrection =
    correction.refersTo === original.id &&
    (correction.kind === 'credit-note' || correction.kind === 'invoice');
  if (!isCorrection) return ['not-a-correction'];
  if (original.kind !== 'invoice') problems.push('original-not-invoice');
  if (original.issued === undefined) problems.push('original-not-issued');
  if (status === 'void') problems.push('original-void');
  if (correction.clientId !== original.clientId) problems.push('other-client');
  if (
    correction.kind === 'credit-note' &&
    (correction.basis !== original.basis || canonical(correction.lines) !== canonical(original.lines))
  ) {
    problems.push('credit-note-lines');
  }
  return problems;
}
