import { describe, expect, it } from 'vitest';
import { correctionProblems } from './corrections';
import { creditNoteFor, type MoneyDocument } from './money-document';

const invoice: MoneyDocument = {
  id: 'inv-1',
  kind: 'invoice',
  clientId: 'c',
  recipient: { name: 'A' },
  basis: 'tax-exclusive',
  lines: [
    { id: 'l', description: 'Stay', medical: false, quantity: 2, unitPrice: 50_000, taxCategory: 'standard' },
  ],
  issued: {
    number: 'INV-1',
    date: '2026-12-08',
    at: 1,
    by: 's',
    issuer: { name: 'LUMINA Japan K.K.', registrationNumber: 'T7010705000725' },
  },
};

describe('a correction of an issued invoice', () => {
  it('is a credit note cancelling all of it, or a replacement, of the same client', () => {
    expect(correctionProblems(creditNoteFor(invoice, 'cn'), invoice, 'partly-paid')).toEqual([]);
    const replacement: MoneyDocument = {
      ...invoice,
      id: 'inv-2',
      refersTo: 'inv-1',
      issued: undefined,
      lines: [],
    };
    expect(correctionProblems(replacement, invoice, 'issued')).toEqual([]);
  });

  it('refuses a partial credit note, another client’s, a second correction, or a correction of a draft or quote', () => {
    const note = creditNoteFor(invoice, 'cn');
    const line = note.lines[0] as MoneyDocument['lines'][number];
    expect(correctionProblems({ ...note, lines: [{ ...line, quantity: 1 }] }, invoice, 'issued')).toEqual([
      'credit-note-lines',
    ]);
    expect(correctionProblems({ ...note, basis: 'tax-inclusive' }, invoice, 'issued')).toEqual([
      'credit-note-lines',
    ]);
    expect(correctionProblems({ ...note, clientId: 'd' }, invoice, 'issued')).toEqual(['other-client']);
    expect(correctionProblems(note, invoice, 'void')).toEqual(['original-void']);
    expect(correctionProblems(note, { ...invoice, issued: undefined }, 'draft')).toEqual([
      'original-not-issued',
    ]);
    expect(correctionProblems(note, { ...invoice, kind: 'quote' }, 'issued')).toEqual([
      'original-not-invoice',
    ]);
    expect(correctionProblems({ ...note, refersTo: 'other' }, invoice, 'issued')).toEqual([
      'not-a-correction',
    ]);
  });
});
