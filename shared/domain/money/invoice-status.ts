import type { MoneyDocument } from './money-document';
import { amountPaid, type Payment } from './payments';
import type { Yen } from './yen';

/**
 * An invoice's status (issue 20): draft, issued, partly paid, paid, void. It is derived, never stored: from whether
 * the invoice was issued, whether a credit note or a replacement refers to it, and its payments. So an issued
 * invoice's record never changes (it is append-only on the server), and the status cannot disagree with the money.
 */
export const INVOICE_STATUSES = ['draft', 'issued', 'partly-paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * The moves between statuses, and what makes each: issuing a draft; a payment (issued → partly paid or paid,
 * partly paid → paid); a reversal of a payment (back from paid or partly paid); a credit note or a replacement
 * (any issued status → void). A draft is discarded, not voided: it was never issued. Nothing leaves void.
 */
export const INVOICE_TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  draft: ['issued'],
  issued: ['partly-paid', 'paid', 'void'],
  'partly-paid': ['issued', 'paid', 'void'],
  paid: ['issued', 'partly-paid', 'void'],
  void: [],
};

export const canMove = (from: InvoiceStatus, to: InvoiceStatus): boolean =>
  INVOICE_TRANSITIONS[from].includes(to);

/**
 * An invoice's status among the documents and payments known. `others`: the documents that may refer to it (a
 * credit note or a replacement invoice counts once issued; a draft one changes nothing yet). `payments`: those
 * recorded against it. `total`: its total (documentTotals).
 */
export function invoiceStatus(
  invoice: MoneyDocument,
  total: Yen,
  others: readonly MoneyDocument[],
  payments: readonly Payment[],
): InvoiceStatus {
  if (invoice.issued === undefined) return 'draft';
  const superseded = others.some(
    (other) =>
      other.id !== invoice.id &&
      other.refersTo === invoice.id &&
      other.issued !== undefined &&
      (other.kind === 'credit-note' || other.kind === 'invoice'),
  );
  if (superseded) return 'void';
  const paid = amountPaid(payments.filter((payment) => payment.invoiceId === invoice.id));
  if (paid === 0) return 'issued';
  return paid < total ? 'partly-paid' : 'paid';
}

/**
 * Whether payments (and their reversals) may be recorded against an invoice in this status: issued and not void.
 * A paid invoice takes no more money (paymentProblems: 'exceeds-balance') but a reversal of one of its payments.
 */
export const isPayable = (status: InvoiceStatus): boolean => status !== 'draft' && status !== 'void';
/** Whether an invoice in this status may be cancelled by a credit note or replaced. */
export const isVoidable = (status: InvoiceStatus): boolean => canMove(status, 'void');
