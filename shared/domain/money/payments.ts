import { freeTextProblems } from './free-text-guard';
import { currencyMinorDigits } from '../trip';
import { isYen, type Yen } from './yen';

/**
 * A payment received against an invoice (docs/money.md, "Payments"). Payments are never edited nor deleted: a
 * payment recorded by mistake is cancelled by a reversal, a record of the same amount that names it (`reverses`).
 * What a payment holds is that the client paid, how much, when and how, and a reference to find it in the bank's
 * or the card terminal's statement: never the means to pay again (free-text-guard.ts).
 */
export const PAYMENT_METHODS = ['bank-transfer', 'card', 'cash', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_REFERENCE_MAX = 200;

export interface Payment {
  id: string;
  invoiceId: string;
  /** The day the money was received (YYYY-MM-DD). */
  date: string;
  /** What was credited, in yen: what counts against the invoice. */
  amount: Yen;
  /** What the client paid in, when not yen: the currency and the amount in its minor units, for the record. */
  paidIn?: { currency: string; minorUnits: number };
  method: PaymentMethod;
  /** The bank's transaction reference, the terminal's approval code, a receipt number: free text, guarded. */
  reference: string;
  /** The payment this one cancels (recorded by mistake); it then has the same amount. */
  reverses?: string;
  recordedAt: number;
  recordedBy: string;
}

export type PaymentProblem =
  | 'amount-invalid'
  | 'date-invalid'
  | 'method-invalid'
  | 'currency-unknown'
  | 'reference-too-long'
  | 'reference-forbidden'
  | 'exceeds-balance'
  | 'reversal-unknown'
  | 'reversal-amount'
  | 'already-reversed'
  | 'invoice-not-payable';

/** The yen received on an invoice: its payments, less the reversed ones. */
export function amountPaid(payments: readonly Payment[]): Yen {
  const reversed = new Set(payments.flatMap((payment) => (payment.reverses ? [payment.reverses] : [])));
  return payments
    .filter((payment) => payment.reverses === undefined && !reversed.has(payment.id))
    .reduce((sum, payment) => sum + payment.amount, 0);
}

export interface Balance {
  total: Yen;
  paid: Yen;
  /** What is still owed (never below 0). */
  due: Yen;
  /** The deposit asked and not yet covered by what was paid (0 when none was asked, or once it is). */
  depositDue: Yen;
}

export function balanceOf(total: Yen, payments: readonly Payment[], deposit?: { amount: Yen }): Balance {
  const paid = amountPaid(payments);
  return {
    total,
    paid,
    due: Math.max(0, total - paid),
    depositDue: Math.max(0, (deposit?.amount ?? 0) - paid),
  };
}

/**
 * Why a payment cannot be recorded against an invoice with these payments already: its own fields, its free text,
 * an amount above what is still owed (a refund or an overpayment is not a payment), a reversal of nothing or of a
 * payment reversed already. `payable`: the invoice is issued and not void (invoice-status.ts). Only the payments of
 * the same invoice count (`payments` may hold others).
 */
export function paymentProblems(
  payment: Payment,
  context: { payable: boolean; total: Yen; payments: readonly Payment[] },
): PaymentProblem[] {
  const problems: PaymentProblem[] = [];
  const own = context.payments.filter((other) => other.invoiceId === payment.invoiceId);
  if (!context.payable) problems.push('invoice-not-payable');
  if (!isYen(payment.amount) || payment.amount === 0) problems.push('amount-invalid');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(payment.date)) problems.push('date-invalid');
  if (!(PAYMENT_METHODS as readonly string[]).includes(payment.method)) problems.push('method-invalid');
  if (payment.paidIn !== undefined && currencyMinorDigits(payment.paidIn.currency) === undefined)
    problems.push('currency-unknown');
  if (payment.reference.length > PAYMENT_REFERENCE_MAX) problems.push('reference-too-long');
  else if (freeTextProblems(payment.reference).length > 0) problems.push('reference-forbidden');
  if (payment.reverses !== undefined) {
    const target = own.find((other) => other.id === payment.reverses);
    if (!target || target.reverses !== undefined) problems.push('reversal-unknown');
    else if (target.amount !== payment.amount) problems.push('reversal-amount');
    else if (own.some((other) => other.reverses === target.id)) problems.push('already-reversed');
  } else if (isYen(payment.amount) && payment.amount > balanceOf(context.total, own).due) {
    problems.push('exceeds-balance');
  }
  return problems;
}
