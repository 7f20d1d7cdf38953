import type { ExchangeRate } from './exchange-rate';
import { freeTextProblems } from './free-text-guard';
import { INVOICE_LINES_MAX, invoiceTotals, type InvoiceTotals } from './invoice-totals';
import { parseRegistrationNumber } from './registration-number';
import { isTaxCategory, type PriceBasis, type TaxCategory } from './tax';
import { isYen, type Yen } from './yen';

/**
 * Quotes, invoices and credit notes: one document type, told apart by `kind` (docs/money.md, "The model").
 *
 * A document is a draft until it is issued; an issued document is final and is never edited (amendmentProblem).
 * It is corrected by another document that refers to it (`refersTo`): a credit note, which cancels it, or a
 * replacement invoice, which takes its place. Either makes the original void (invoice-status.ts).
 */
export const MONEY_DOCUMENT_KINDS = ['quote', 'invoice', 'credit-note'] as const;
export type MoneyDocumentKind = (typeof MONEY_DOCUMENT_KINDS)[number];

export const LINE_DESCRIPTION_MAX = 200;
export const LINE_QUANTITY_MAX = 999;

export interface MoneyLine {
  id: string;
  /** What was sold, as printed. Free text: never a card number nor a bank credential (free-text-guard.ts). */
  description: string;
  /** The itinerary item the line was built from; absent for a free line (a coordination fee). */
  tripItemId?: string;
  /**
   * A medical item (appointment, procedure, therapy): printed as "Medical coordination services" (医療コーディネート
   * サービス) unless a key holder asks for the detailed document, so no procedure is named by default (issue 20).
   */
  medical: boolean;
  quantity: number;
  unitPrice: Yen;
  /** Always explicit (tax.ts: DEFAULT_TAX_CATEGORY gives the starting value). */
  taxCategory: TaxCategory;
}

/** The qualified invoice's issuer, copied onto the document when it is issued (a later change of name stays off it). */
export interface Issuer {
  name: string;
  /** 'T' + 13 digits, with its check digit (registration-number.ts). */
  registrationNumber: string;
}

export interface MoneyDocument {
  id: string;
  kind: MoneyDocumentKind;
  clientId: string;
  tripId?: string;
  /** The recipient as printed (the client, or who pays for them). */
  recipient: { name: string };
  basis: PriceBasis;
  lines: MoneyLine[];
  /** The client's currency beside the yen, for information (exchange-rate.ts). */
  exchangeRate?: ExchangeRate;
  /** Invoices: a deposit asked before the stay, and when it is due (YYYY-MM-DD). */
  deposit?: { amount: Yen; dueDate: string };
  /** Quotes: the last day the quote holds. */
  validUntil?: string;
  /** A credit note: the invoice it cancels. A replacement invoice: the invoice it replaces. */
  refersTo?: string;
  /** Set together when the document is issued, never after. */
  issued?: { number: string; date: string; at: number; by: string; issuer: Issuer };
}

export type DocumentProblem =
  | 'no-lines'
  | 'too-many-lines'
  | 'description-required'
  | 'description-too-long'
  | 'description-forbidden'
  | 'quantity-invalid'
  | 'price-invalid'
  | 'tax-category-invalid'
  | 'issuer-name-required'
  | 'registration-number-invalid'
  | 'recipient-required'
  | 'date-required'
  | 'number-required'
  | 'deposit-over-total'
  | 'credit-note-needs-invoice'
  | 'refers-to-itself'
  | 'already-issued';

export interface DocumentFinding {
  /** Dotted path in the document (`lines.2.description`, `issued.issuer.registrationNumber`). */
  path: string;
  problem: DocumentProblem;
}

/** What a draft's lines and amounts get wrong: checked at every save of a draft. */
export function draftProblems(doc: MoneyDocument): DocumentFinding[] {
  const found: DocumentFinding[] = [];
  if (doc.lines.length > INVOICE_LINES_MAX) found.push({ path: 'lines', problem: 'too-many-lines' });
  doc.lines.forEach((line, index) => {
    const at = `lines.${index}`;
    const description = line.description.trim();
    if (description === '') found.push({ path: `${at}.description`, problem: 'description-required' });
    else if (description.length > LINE_DESCRIPTION_MAX)
      found.push({ path: `${at}.description`, problem: 'description-too-long' });
    else if (freeTextProblems(description).length > 0)
      found.push({ path: `${at}.description`, problem: 'description-forbidden' });
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > LINE_QUANTITY_MAX)
      found.push({ path: `${at}.quantity`, problem: 'quantity-invalid' });
    if (!isYen(line.unitPrice)) found.push({ path: `${at}.unitPrice`, problem: 'price-invalid' });
    if (!isTaxCategory(line.taxCategory))
      found.push({ path: `${at}.taxCategory`, problem: 'tax-category-invalid' });
  });
  if (doc.refersTo === doc.id) found.push({ path: 'refersTo', problem: 'refers-to-itself' });
  if (doc.kind === 'credit-note' && doc.refersTo === undefined)
    found.push({ path: 'refersTo', problem: 'credit-note-needs-invoice' });
  if (found.length === 0 && doc.deposit !== undefined) {
    if (!isYen(doc.deposit.amount) || doc.deposit.amount > invoiceTotals(doc.lines, doc.basis).total)
      found.push({ path: 'deposit.amount', problem: 'deposit-over-total' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(doc.deposit.dueDate))
      found.push({ path: 'deposit.dueDate', problem: 'date-required' });
  }
  return found;
}

/**
 * What stops a document from being issued: its draft problems, and the qualified invoice's items (適格請求書の
 * 記載事項, the reference's six): the issuer's name and registration number, the date, what was sold (a line at
 * least, each described, its tax category explicit), the totals and tax per rate (computed: invoiceTotals), and
 * the recipient.
 */
export function issueProblems(
  doc: MoneyDocument,
  issued: NonNullable<MoneyDocument['issued']>,
): DocumentFinding[] {
  const found = draftProblems(doc);
  if (doc.lines.length === 0) found.push({ path: 'lines', problem: 'no-lines' });
  if (doc.recipient.name.trim() === '') found.push({ path: 'recipient.name', problem: 'recipient-required' });
  if (issued.issuer.name.trim() === '')
    found.push({ path: 'issued.issuer.name', problem: 'issuer-name-required' });
  if (!parseRegistrationNumber(issued.issuer.registrationNumber).ok)
    found.push({ path: 'issued.issuer.registrationNumber', problem: 'registration-number-invalid' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issued.date)) found.push({ path: 'issued.date', problem: 'date-required' });
  if (issued.number.trim() === '') found.push({ path: 'issued.number', problem: 'number-required' });
  return found;
}

/** The document issued: the qualified invoice's items fixed on it, or why it cannot be. */
export function issue(
  doc: MoneyDocument,
  issued: NonNullable<MoneyDocument['issued']>,
): { ok: true; value: MoneyDocument } | { ok: false; problems: DocumentFinding[] } {
  if (doc.issued !== undefined)
    return { ok: false, problems: [{ path: 'issued', problem: 'already-issued' }] };
  const problems = issueProblems(doc, issued);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { ...doc, issued } };
}

export type AmendmentProblem = 'issued-is-final' | 'kind-changed' | 'id-changed';

/**
 * Whether `after` may replace `before` as the stored document: a draft may change in anything but its id and kind
 * (and may be issued); an issued document may not change at all. Compared as canonical JSON (key order aside).
 */
export function amendmentProblem(before: MoneyDocument, after: MoneyDocument): AmendmentProblem | undefined {
  if (before.id !== after.id) return 'id-changed';
  if (before.kind !== after.kind) return 'kind-changed';
  if (before.issued !== undefined && canonical(before) !== canonical(after)) return 'issued-is-final';
  return undefined;
}

/** A value as JSON with its keys sorted and undefined members left out: equal for equal documents. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A document's totals (invoice-totals.ts). */
export const documentTotals = (doc: MoneyDocument): InvoiceTotals => invoiceTotals(doc.lines, doc.basis);

/**
 * The credit note that cancels an issued invoice: every line of it, same amounts and categories, so its totals and
 * tax per rate are the invoice's own (a credit note's amounts are reductions: they are never negative here).
 */
export function creditNoteFor(invoice: MoneyDocument, id: string): MoneyDocument {
  return {
    id,
    kind: 'credit-note',
    clientId: invoice.clientId,
    ...(invoice.tripId === undefined ? {} : { tripId: invoice.tripId }),
    recipient: { ...invoice.recipient },
    basis: invoice.basis,
    lines: invoice.lines.map((line) => ({ ...line })),
    refersTo: invoice.id,
  };
}
