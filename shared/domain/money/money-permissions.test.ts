import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMoney, MONEY_ACCESS, ROLES, type MoneyAction } from '../../auth/roles';
import { creditNoteFor, type MoneyDocument } from './money-document';
import { documentWriteAction, moneyWriteRefusal, paymentWriteAction } from './money-permissions';
import type { Payment } from './payments';

const ISSUED = {
  number: 'INV-2026-0001',
  date: '2026-12-08',
  at: 1,
  by: 'staff-1',
  issuer: { name: 'LUMINA Japan K.K.', registrationNumber: 'T7010705000725' },
};
const draft: MoneyDocument = {
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
};
const issued: MoneyDocument = { ...draft, issued: ISSUED };
const creditNote = creditNoteFor(issued, 'cn-1');
const payment: Payment = {
  id: 'p1',
  invoiceId: 'inv-1',
  date: '2026-12-09',
  amount: 30_000,
  method: 'cash',
  reference: 'receipt 12',
  recordedAt: 2,
  recordedBy: 'staff-1',
};

/** Every kind of money write, and the action it needs. */
const WRITES: [string, ReturnType<typeof documentWriteAction>, MoneyAction][] = [
  ['a new draft', documentWriteAction({ after: draft }), 'draftMoney'],
  ['a draft changed', documentWriteAction({ before: draft, after: { ...draft, lines: [] } }), 'draftMoney'],
  ['a draft discarded', documentWriteAction({ before: draft, after: { deleted: true } }), 'draftMoney'],
  ['an invoice issued', documentWriteAction({ before: draft, after: issued }), 'issueMoney'],
  ['a credit note drafted', documentWriteAction({ after: creditNote }), 'draftMoney'],
  [
    'a credit note issued',
    documentWriteAction({
      before: creditNote,
      after: { ...creditNote, issued: { ...ISSUED, number: 'CN-1' } },
    }),
    'voidMoney',
  ],
  [
    'a replacement issued',
    documentWriteAction({
      after: { ...issued, id: 'inv-2', refersTo: 'inv-1', issued: { ...ISSUED, number: 'INV-2' } },
    }),
    'voidMoney',
  ],
  ['a payment recorded', paymentWriteAction({ after: payment }), 'recordPayments'],
  [
    'a reversal recorded',
    paymentWriteAction({ after: { ...payment, id: 'p2', reverses: 'p1' } }),
    'recordPayments',
  ],
];

describe('who may write money', () => {
  it('decides every cell from the permission table: a concierge or the admin may write nothing', () => {
    for (const role of ROLES) {
      for (const [what, action, needs] of WRITES) {
        expect(action, what).toBe(needs);
        const refusal = moneyWriteRefusal(role, action);
        if (canMoney(role, needs)) expect(refusal, `${role}: ${what}`).toBeUndefined();
        else expect(refusal, `${role}: ${what}`).toEqual({ reason: 'not-permitted', needs });
      }
    }
    expect(MONEY_ACCESS.concierge).toEqual([]);
    expect(moneyWriteRefusal('concierge', 'recordPayments')).toEqual({
      reason: 'not-permitted',
      needs: 'recordPayments',
    });
    expect(moneyWriteRefusal('admin', 'issueMoney')).toEqual({
      reason: 'not-permitted',
      needs: 'issueMoney',
    });
  });

  it('refuses to any role a change or a deletion of an issued document or a payment', () => {
    const refusals = [
      documentWriteAction({ before: issued, after: { deleted: true } }),
      documentWriteAction({ before: issued, after: { ...issued, recipient: { name: 'B' } } }),
      documentWriteAction({ before: issued, after: { ...issued, issued: undefined } }),
      paymentWriteAction({ before: payment, after: { ...payment, amount: 3_000 } }),
      paymentWriteAction({ before: payment, after: { deleted: true } }),
    ];
    for (const role of ROLES) {
      for (const refusal of refusals)
        expect(moneyWriteRefusal(role, refusal)).toMatchObject({
          reason: expect.stringMatching(/-is-final$/),
        });
    }
    // The same issued document or payment pushed again changes nothing and needs only to see it.
    expect(documentWriteAction({ before: issued, after: structuredClone(issued) })).toBe('seeMoney');
    expect(paymentWriteAction({ before: payment, after: { ...payment } })).toBe('seeMoney');
  });

  it('refuses any change of an issued invoice’s amounts, whoever pushes it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(...ROLES), (delta, role) => {
        const line = issued.lines[0] as MoneyDocument['lines'][number];
        const after = { ...issued, lines: [{ ...line, unitPrice: line.unitPrice + delta }] };
        expect(moneyWriteRefusal(role, documentWriteAction({ before: issued, after }))).toEqual({
          reason: 'issued-is-final',
        });
      }),
    );
  });
});
