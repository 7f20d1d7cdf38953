import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMove, INVOICE_STATUSES, INVOICE_TRANSITIONS, invoiceStatus, isPayable } from './invoice-status';
import type { MoneyDocument } from './money-document';
import { balanceOf, paymentProblems, type Payment } from './payments';

const ISSUED = {
  number: 'INV-2026-0001',
  date: '2026-12-08',
  at: 1,
  by: 'staff-1',
  issuer: { name: 'LUMINA Japan K.K.', registrationNumber: 'T7010705000725' },
};
const invoice: MoneyDocument = {
  id: 'inv-1',
  kind: 'invoice',
  clientId: 'c',
  recipient: { name: 'A' },
  basis: 'tax-exclusive',
  lines: [
    {
      id: 'l',
      description: 'Stay',
      medical: false,
      quantity: 1,
      unitPrice: 100_000,
      taxCategory: 'standard',
    },
  ],
  issued: ISSUED,
};
const TOTAL = 110_000;
let n = 0;
const payment = (amount: number, extra: Partial<Payment> = {}): Payment => ({
  id: `p${(n += 1)}`,
  invoiceId: 'inv-1',
  date: '2026-12-09',
  amount,
  method: 'bank-transfer',
  reference: 'MUFG 20261209-001',
  recordedAt: 2,
  recordedBy: 'staff-1',
  ...extra,
});
const creditNote: MoneyDocument = {
  ...invoice,
  id: 'cn-1',
  kind: 'credit-note',
  refersTo: 'inv-1',
  issued: undefined,
};

describe('an invoice’s status', () => {
  it('follows issue, deposit, balance and void', () => {
    expect(invoiceStatus({ ...invoice, issued: undefined }, TOTAL, [], [])).toBe('draft');
    expect(invoiceStatus(invoice, TOTAL, [], [])).toBe('issued');
    const deposit = payment(30_000);
    expect(invoiceStatus(invoice, TOTAL, [], [deposit])).toBe('partly-paid');
    expect(balanceOf(TOTAL, [deposit], { amount: 30_000 })).toEqual({
      total: TOTAL,
      paid: 30_000,
      due: 80_000,
      depositDue: 0,
    });
    expect(balanceOf(TOTAL, [], { amount: 30_000 }).depositDue).toBe(30_000);
    const rest = payment(80_000);
    expect(invoiceStatus(invoice, TOTAL, [], [deposit, rest])).toBe('paid');
    // A credit note voids it once issued, not as a draft.
    expect(invoiceStatus(invoice, TOTAL, [creditNote], [deposit])).toBe('partly-paid');
    expect(
      invoiceStatus(invoice, TOTAL, [{ ...creditNote, issued: { ...ISSUED, number: 'CN-1' } }], []),
    ).toBe('void');
    // So does an issued replacement.
    const replacement = {
      ...invoice,
      id: 'inv-2',
      refersTo: 'inv-1',
      issued: { ...ISSUED, number: 'INV-2' },
    };
    expect(invoiceStatus(invoice, TOTAL, [replacement], [])).toBe('void');
    expect(isPayable('void')).toBe(false);
    expect(isPayable('draft')).toBe(false);
  });

  it('refuses a payment above the balance, a card number in its reference, and a double reversal', () => {
    const deposit = payment(30_000);
    const context = { payable: true, total: TOTAL, payments: [deposit] };
    expect(paymentProblems(payment(80_000), context)).toEqual([]);
    expect(paymentProblems(payment(80_001), context)).toEqual(['exceeds-balance']);
    expect(paymentProblems(payment(1, { reference: 'card 4111 1111 1111 1111' }), context)).toEqual([
      'reference-forbidden',
    ]);
    expect(paymentProblems(payment(1), { ...context, payable: false })).toEqual(['invoice-not-payable']);
    const reversal = payment(30_000, { reverses: deposit.id });
    expect(paymentProblems(reversal, context)).toEqual([]);
    expect(
      paymentProblems(payment(30_000, { reverses: deposit.id }), {
        ...context,
        payments: [deposit, reversal],
      }),
    ).toEqual(['already-reversed']);
    expect(paymentProblems(payment(29_000, { reverses: deposit.id }), context)).toEqual(['reversal-amount']);
    // Another invoice's payments neither fill this one's balance nor can be reversed on it.
    const elsewhere = payment(100_000, { invoiceId: 'inv-9' });
    expect(paymentProblems(payment(80_000), { ...context, payments: [deposit, elsewhere] })).toEqual([]);
    expect(
      paymentProblems(payment(100_000, { reverses: elsewhere.id }), {
        ...context,
        payments: [deposit, elsewhere],
      }),
    ).toEqual(['reversal-unknown']);
  });

  it('only ever moves along the allowed transitions (property)', () => {
    type Event = { kind: 'pay'; amount: number } | { kind: 'reverse'; pick: number } | { kind: 'void' };
    const event = fc.oneof(
      fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: TOTAL }) }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('void' as const) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events: Event[]) => {
        let status = invoiceStatus({ ...invoice, issued: undefined }, TOTAL, [], []);
        const payments: Payment[] = [];
        const others: MoneyDocument[] = [];
        const step = (next: typeof status) => {
          if (next !== status) expect(canMove(status, next), `${status} → ${next}`).toBe(true);
          status = next;
        };
        step(invoiceStatus(invoice, TOTAL, others, payments));
        for (const e of events) {
          const context = { payable: isPayable(status), total: TOTAL, payments };
          if (e.kind === 'void') {
            if (canMove(status, 'void'))
              others.push({ ...creditNote, issued: { ...ISSUED, number: 'CN-1' } });
          } else {
            const open = payments.filter((p) => !p.reverses && !payments.some((q) => q.reverses === p.id));
            const target = open[e.kind === 'reverse' ? e.pick % Math.max(1, open.length) : 0];
            const next =
              e.kind === 'pay'
                ? payment(e.amount)
                : target
                  ? payment(target.amount, { reverses: target.id })
                  : undefined;
            if (next && paymentProblems(next, context).length === 0) payments.push(next);
          }
          step(invoiceStatus(invoice, TOTAL, others, payments));
        }
      }),
    );
  });

  it('lets nothing leave void, and nothing go back to draft', () => {
    expect(INVOICE_TRANSITIONS.void).toEqual([]);
    for (const status of INVOICE_STATUSES) expect(canMove(status, 'draft')).toBe(false);
  });
});
