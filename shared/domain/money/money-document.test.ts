import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amendmentProblem,
  creditNoteFor,
  documentTotals,
  draftProblems,
  issue,
  type MoneyDocument,
} from './money-document';

const ISSUED = {
  number: 'INV-2026-0001',
  date: '2026-12-08',
  at: 1_765_180_800_000,
  by: '00000000-0000-4000-8000-000000000001',
  issuer: { name: 'LUMINA Japan K.K.', registrationNumber: 'T7010705000725' },
};

const draft = (): MoneyDocument => ({
  id: 'inv-1',
  kind: 'invoice',
  clientId: 'client-1',
  tripId: 'trip-1',
  recipient: { name: 'Ms Alice Example' },
  basis: 'tax-exclusive',
  lines: [
    {
      id: 'l1',
      description: 'Hotel, 3 nights',
      medical: false,
      quantity: 3,
      unitPrice: 80_000,
      taxCategory: 'standard',
    },
    {
      id: 'l2',
      description: 'Medical coordination',
      medical: true,
      quantity: 1,
      unitPrice: 150_000,
      taxCategory: 'standard',
    },
    {
      id: 'l3',
      description: 'Flight LHR–HND',
      medical: false,
      quantity: 1,
      unitPrice: 200_000,
      taxCategory: 'exempt',
    },
  ],
  deposit: { amount: 100_000, dueDate: '2026-12-15' },
});

describe('a money document', () => {
  it('is issued with the qualified invoice’s items, and not without them', () => {
    const issued = issue(draft(), ISSUED);
    expect(issued.ok).toBe(true);
    const missing = issue(
      { ...draft(), recipient: { name: ' ' } },
      { ...ISSUED, issuer: { name: '', registrationNumber: 'T8010705000725' } },
    );
    expect(missing.ok ? [] : missing.problems.map((p) => p.path)).toEqual([
      'recipient.name',
      'issued.issuer.name',
      'issued.issuer.registrationNumber',
    ]);
    expect(issue({ ...draft(), lines: [] }, ISSUED)).toMatchObject({ ok: false });
  });

  it('refuses a card number or a credential in a line’s description', () => {
    const doc = draft();
    doc.lines[0] = {
      ...(doc.lines[0] as MoneyDocument['lines'][number]),
      description: 'Paid 4111 1111 1111 1111',
    };
    expect(draftProblems(doc)).toEqual([{ path: 'lines.0.description', problem: 'description-forbidden' }]);
  });

  it('refuses a deposit above the total', () => {
    expect(documentTotals(draft()).total).toBe(629_000);
    expect(draftProblems({ ...draft(), deposit: { amount: 629_001, dueDate: '2026-12-15' } })).toEqual([
      { path: 'deposit.amount', problem: 'deposit-over-total' },
    ]);
    expect(draftProblems({ ...draft(), deposit: { amount: 1, dueDate: 'soon' } })).toEqual([
      { path: 'deposit.dueDate', problem: 'date-required' },
    ]);
  });

  it('is never edited once issued: any change is refused (property)', () => {
    const issued = issue(draft(), ISSUED);
    if (!issued.ok) throw new Error('not issued');
    const before = issued.value;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('price', 'category', 'description', 'recipient', 'number'),
        (index, value, what) => {
          const after = structuredClone(before);
          const line = after.lines[index] as MoneyDocument['lines'][number];
          if (what === 'price') line.unitPrice += value;
          if (what === 'category') line.taxCategory = line.taxCategory === 'reduced' ? 'standard' : 'reduced';
          if (what === 'description') line.description += ` ${value}`;
          if (what === 'recipient') after.recipient.name += ` ${value}`;
          if (what === 'number') after.issued = { ...ISSUED, number: `INV-2026-${value}` };
          expect(amendmentProblem(before, after)).toBe('issued-is-final');
        },
      ),
    );
    // The same document again (keys in another order) is no change.
    expect(
      amendmentProblem(before, JSON.parse(JSON.stringify({ ...before, kind: before.kind })) as MoneyDocument),
    ).toBe(undefined);
    expect(issue(before, ISSUED)).toEqual({
      ok: false,
      problems: [{ path: 'issued', problem: 'already-issued' }],
    });
  });

  it('may change as a draft, but not its kind', () => {
    const before = draft();
    const after = { ...draft(), lines: draft().lines.slice(1) };
    expect(amendmentProblem(before, after)).toBeUndefined();
    expect(amendmentProblem(before, { ...before, kind: 'quote' })).toBe('kind-changed');
  });

  it('is cancelled by a credit note that refers to it, with the same totals per rate', () => {
    const issued = issue(draft(), ISSUED);
    if (!issued.ok) throw new Error('not issued');
    const note = creditNoteFor(issued.value, 'cn-1');
    expect(note).toMatchObject({ kind: 'credit-note', refersTo: 'inv-1', clientId: 'client-1' });
    expect(note.issued).toBeUndefined();
    expect(documentTotals(note)).toEqual(documentTotals(issued.value));
    expect(draftProblems({ ...note, refersTo: undefined })).toEqual([
      { path: 'refersTo', problem: 'credit-note-needs-invoice' },
    ]);
  });
});
